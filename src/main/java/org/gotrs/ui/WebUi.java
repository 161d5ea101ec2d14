package org.gotrs.ui;

import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;

/**
 * The browser pages under {@code webroot/}: the agent console, the wallboard, the customer portal and the
 * admin pages, served with security headers. The pages load scripts and styles only from this server, so
 * the content security policy forbids inline script outright.
 */
public final class WebUi {

  static final String POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob: https:",
      "connect-src 'self'",
      "frame-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'");

  /** The chat widget page also hosts a script from another team that may style itself inline. */
  static final String WIDGET_POLICY = POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  private WebUi() {}

  /** Mounts the short page addresses, the headers and the static files on the root router. */
  public static void mount(Router router) {
    router.get("/wallboard").handler(ctx -> ctx.reroute("/wallboard.html"));
    router.get("/favicon.ico").handler(ctx -> ctx.reroute("/favicon.svg"));
    router.get("/portal").handler(ctx -> redirect(ctx, "/portal/"));
    router.get("/admin").handler(ctx -> redirect(ctx, "/admin/"));
    router.route("/*").handler(WebUi::headers);
    router.route("/*").handler(StaticHandler.create("webroot").setCachingEnabled(true));
  }

  private static void headers(RoutingContext ctx) {
    HttpServerResponse response = ctx.response();
    String path = ctx.normalizedPath();
    response.putHeader("Content-Security-Policy", path.startsWith("/portal/chat") ? WIDGET_POLICY : POLICY)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("X-Frame-Options", "SAMEORIGIN")
        .putHeader("Referrer-Policy", "same-origin")
        .putHeader("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    ctx.next();
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
