package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
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
 * (a provider's sign-in picked up as tokens), and {@code /admin/sign-in} (the backends as configured, secrets never
 * shown, with their test buttons) for administrators.
 */
public final class SignInRoutes implements Routes {

  private final Config.Auth settings;
  private final LdapSignIn directories;
  private final OidcSignIn oidc;
  private final Permissions permissions;

  public SignInRoutes(Config.Auth settings, LdapSignIn directories, OidcSignIn oidc, Permissions permissions) {
    this.settings = settings;
    this.directories = directories;
    this.oidc = oidc;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/auth/providers").handler(this::providers);
    api.post("/auth/oidc/exchange").handler(this::exchange);
    api.post("/admin/sign-in/oidc/:name/test").handler(permissions::adminOnly)
        .handler(ctx -> Replies.ok(ctx, oidc.test(ctx.pathParam("name"))));
    api.get("/admin/sign-in").handler(permissions::adminOnly).handler(this::list);
    api.post("/admin/sign-in/ldap/:name/test").handler(permissions::adminOnly).handler(this::testDirectory);
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

  private void list(RoutingContext ctx) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("ldap", settings.ldap().stream().map(SignInRoutes::describe).toList());
    body.put("oidc", settings.oidc().stream().map(SignInRoutes::describe).toList());
    Replies.ok(ctx, Future.succeededFuture(body));
  }

  /** {@code {"login", "password"?}}: without a password only the search runs. */
  private void testDirectory(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String login = input.string("login", true, 200);
    String password = input.string("password", false, 1024);
    input.validate();
    Replies.ok(ctx, directories.preview(ctx.pathParam("name"), login, password));
  }

  private static Map<String, Object> describe(Config.Ldap ldap) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", ldap.name());
    out.put("for", ldap.forCustomers() ? "customers" : "agents");
    out.put("url", ldap.url());
    out.put("start_tls", ldap.startTls());
    out.put("trust_store", ldap.trustStore());
    out.put("bind_dn", ldap.bindDn());
    out.put("bind_password_set", ldap.bindPassword() != null && !ldap.bindPassword().isEmpty());
    out.put("base_dn", ldap.baseDn());
    out.put("user_filter", ldap.userFilter());
    out.put("disabled_filter", ldap.disabledFilter());
    out.put("attributes", ldap.attributes());
    out.put("group_base_dn", ldap.groupBaseDn());
    out.put("group_member_attribute", ldap.groupMemberAttribute());
    out.put("group_roles", ldap.groupRoles());
    out.put("timeout_millis", ldap.timeoutMillis());
    out.put("locked", true);
    return out;
  }

  private static Map<String, Object> describe(Config.Oidc oidc) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", oidc.name());
    out.put("label", oidc.label());
    out.put("for", oidc.forCustomers() ? "customers" : "agents");
    out.put("issuer", oidc.issuer());
    out.put("client_id", oidc.clientId());
    out.put("client_secret_set", oidc.clientSecret() != null && !oidc.clientSecret().isEmpty());
    out.put("scopes", oidc.scopes());
    out.put("login_claim", oidc.loginClaim());
    out.put("auto_provision", oidc.autoProvision());
    out.put("default_role", oidc.defaultRole());
    out.put("role_claim", oidc.roleClaim());
    out.put("roles", oidc.roles());
    out.put("mfa_satisfies_totp", oidc.mfaSatisfiesTotp());
    out.put("locked", true);
    return out;
  }
}
