package org.gotrs.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/** {@code /auth}: login (agents and customers), refresh, logout, who-am-I and MFA enrolment. */
public final class AuthRoutes implements Routes {

  private final AuthService auth;
  private final MfaService mfa;

  public AuthRoutes(AuthService auth, MfaService mfa) {
    this.auth = auth;
    this.mfa = mfa;
  }

  @Override
  public void mount(Router api) {
    api.post("/auth/login").handler(ctx -> login(ctx, Principal.Kind.AGENT));
    api.post("/auth/customer/login").handler(ctx -> login(ctx, Principal.Kind.CUSTOMER));
    api.post("/auth/refresh").handler(this::refresh);
    api.post("/auth/logout").handler(this::logout);
    api.get("/auth/me").handler(this::me);
    api.post("/auth/mfa/setup").handler(this::setUpMfa);
    api.post("/auth/mfa/enable").handler(ctx -> changeMfa(ctx, true));
    api.post("/auth/mfa/disable").handler(ctx -> changeMfa(ctx, false));
  }

  private void login(RoutingContext ctx, Principal.Kind kind) {
    Input input = Input.of(ctx);
    String login = input.string("login", true, 200);
    String password = input.string("password", true, 1024);
    String otp = input.string("otp", false, 16);
    input.validate();
    Replies.ok(ctx, auth.login(Actor.anonymous(ctx), kind, login, password, otp));
  }

  private void refresh(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String token = input.string("refresh_token", true, 512);
    input.validate();
    Replies.ok(ctx, auth.refresh(Actor.anonymous(ctx), token));
  }

  private void logout(RoutingContext ctx) {
    Replies.noContent(ctx, auth.logout(Actor.of(ctx)));
  }

  private void me(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    Map<String, Object> me = new LinkedHashMap<>();
    me.put("kind", principal.kind().name().toLowerCase());
    me.put("id", principal.subject());
    me.put("login", principal.login());
    me.put("admin", principal.admin());
    me.put("customer_id", principal.customerId());
    Replies.json(ctx, 200, me);
  }

  private void setUpMfa(RoutingContext ctx) {
    Replies.ok(ctx, mfa.setUp(Actor.of(ctx)));
  }

  private void changeMfa(RoutingContext ctx, boolean enable) {
    Input input = Input.of(ctx);
    String otp = input.string("otp", true, 16);
    input.validate();
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, enable ? mfa.enable(actor, otp) : mfa.disable(actor, otp));
  }
}
