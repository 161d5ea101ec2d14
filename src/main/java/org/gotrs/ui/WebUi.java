package org.gotrs.ui;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser pages under {@code webroot/}: the agent console, the wallboard, the customer portal and the
 * admin pages (their security headers come from org.gotrs.http.SecurityHeaders, like every response).
 */
public final class WebUi {

  private WebUi() {}

  /** Mounts the short page addresses, the headers and the static files on the root router. */
  public static void mount(Router router) {
    router.get("/wallboard").handler(ctx -> ctx.reroute("/wallboard.html"));
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/favicon.svg"));
    router.get("/portal").handler(ctx -> redirect(ctx, "/portal/"));
    router.get("/admin").handler(ctx -> redirect(ctx, "/admin/"));
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(true));
  }

  /** Vert.x lets a route for {@code /portal} match {@code /portal/} too; only the bare name is redirected. */
  private static void redirect(RoutingContext ctx, String location) {
    if (ctx.request().path().equals(location)) {
      ctx.next();
    } else {
      ctx.response().setStatusCode(301).putHeader("Location", location).end();
    }
  }
}
