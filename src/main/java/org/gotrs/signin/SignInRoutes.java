package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.config.Config;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * The sign-in backends' API: {@code /auth/providers} (the buttons of a sign-in page), {@code /auth/oidc/exchange}
 * (a provider's sign-in picked up as tokens), and {@code /admin/sign-in} for administrators: the backends in force
 * (secrets never shown), those kept in the database added, changed and removed
 * ({@code PUT|DELETE /admin/sign-in/{ldap|oidc}/{name}}), and the test buttons, which take a form not saved yet.
 */
public final class SignInRoutes implements Routes {

  private final SignInBackends backends;
  private final LdapSignIn directories;
  private final OidcSignIn oidc;
  private final Permissions permissions;

  public SignInRoutes(SignInBackends backends, LdapSignIn directories, OidcSignIn oidc, Permissions permissions) {
    this.backends = backends;
    this.directories = directories;
    this.oidc = oidc;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/auth/providers").handler(this::providers);
    api.post("/auth/oidc/exchange").handler(this::exchange);
    api.get("/admin/sign-in").handler(permissions::adminOnly)
        .handler(ctx -> Replies.ok(ctx, Future.succeededFuture(backends.describe())));
    api.post("/admin/sign-in/oidc/:name/test").handler(permissions::adminOnly).handler(this::testProvider);
    api.post("/admin/sign-in/ldap/:name/test").handler(permissions::adminOnly).handler(this::testDirectory);
    for (BackendForm.Kind kind : BackendForm.Kind.values()) {
      String path = "/admin/sign-in/" + kind.path + "/:name";
      api.put(path).handler(permissions::adminOnly).handler(ctx -> save(ctx, kind));
      api.delete(path).handler(permissions::adminOnly).handler(ctx -> remove(ctx, kind));
    }
  }

  /** {@code ?for=agents|customers}: the providers whose button that sign-in page shows. */
  private void providers(RoutingContext ctx) {
    String audience = ctx.queryParams().get("for");
    if (audience != null && !audience.equals("agents") && !audience.equals("customers")) {
      throw Problem.invalid("for", "is agents or customers");
    }
    Replies.ok(ctx, Future.succeededFuture(Map.of("items", oidc.offered("customers".equals(audience)))));
  }

  /** {@code {"code"}}: the one-time code a provider's sign-in left for the page → the session's tokens. */
  private void exchange(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String code = input.string("code", true, 100);
    input.validate();
    Replies.ok(ctx, oidc.exchange(Actor.anonymous(ctx), code));
  }

  /** The whole entry as {@code auth.ldap} / {@code auth.oidc} has it, secrets left out to keep them. */
  private void save(RoutingContext ctx, BackendForm.Kind kind) {
    Replies.ok(ctx, backends.save(Actor.of(ctx), kind, ctx.pathParam("name"), Input.of(ctx).json()));
  }

  private void remove(RoutingContext ctx, BackendForm.Kind kind) {
    Replies.noContent(ctx, backends.remove(Actor.of(ctx), kind, ctx.pathParam("name")));
  }

  /**
   * {@code {"login", "password"?, "settings"?}}: without a password only the search runs; with {@code settings}
   * (a form not saved yet) those are tried instead of the saved ones.
   */
  private void testDirectory(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String login = input.string("login", true, 200);
    String password = input.string("password", false, 1024);
    JsonObject form = input.object("settings", false);
    input.validate();
    String name = ctx.pathParam("name");
    Config.Ldap settings = form == null ? directories.named(name)
        : (Config.Ldap) backends.unsaved(BackendForm.Kind.LDAP, name, form);
    Replies.ok(ctx, directories.preview(settings, login, password));
  }

  /** An optional body {@code {"settings"}}: a form not saved yet, tried instead of the saved provider. */
  private void testProvider(RoutingContext ctx) {
    Input input = Input.optional(ctx);
    JsonObject form = input.object("settings", false);
    input.validate();
    String name = ctx.pathParam("name");
    Config.Oidc settings = form == null ? oidc.named(name)
        : (Config.Oidc) backends.unsaved(BackendForm.Kind.OIDC, name, form);
    Replies.ok(ctx, oidc.test(settings));
  }
}
