package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.http.Endpoint;
import org.gotrs.http.ProblemHandler;
import org.gotrs.permission.Actor;

/**
 * {@code /auth/oidc/{provider}/start}, {@code /callback} and {@code /logout}: the browser's round trip to an OpenID
 * Connect provider. Each answers with a redirect; a refused sign-in lands on the sign-in page with its reason.
 */
public final class OidcPages implements Endpoint {

  private final OidcSignIn oidc;

  public OidcPages(OidcSignIn oidc) {
    this.oidc = oidc;
  }

  @Override
  public void mount(Router root, Vertx vertx) {
    root.route("/auth/oidc/*").failureHandler(new ProblemHandler());
    root.get("/auth/oidc/:provider/start")
        .handler(ctx -> redirect(ctx, oidc.start(Actor.anonymous(ctx), ctx.pathParam("provider"))));
    root.get("/auth/oidc/:provider/callback").handler(this::callback);
    root.get("/auth/oidc/:provider/logout").handler(ctx -> redirect(ctx, oidc.logout(ctx.pathParam("provider"))));
  }

  private void callback(RoutingContext ctx) {
    redirect(ctx, oidc.finish(Actor.anonymous(ctx), ctx.pathParam("provider"), ctx.queryParams().get("code"),
        ctx.queryParams().get("state"), ctx.queryParams().get("error")));
  }

  private static void redirect(RoutingContext ctx, Future<OidcSignIn.Redirect> next) {
    next.onSuccess(redirect -> ctx.response().setStatusCode(302).putHeader("Location", redirect.location())
            .putHeader("Cache-Control", "no-store").end())
        .onFailure(ctx::fail);
  }
}
