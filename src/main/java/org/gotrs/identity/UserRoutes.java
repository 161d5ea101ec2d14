package org.gotrs.identity;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.auth.PasswordRule;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /users}: agents, for administrators only. */
public final class UserRoutes implements Routes {

  private final UserService users;
  private final Permissions permissions;

  public UserRoutes(UserService users, Permissions permissions) {
    this.users = users;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/users").handler(permissions::adminOnly).handler(this::list);
    api.post("/users").handler(permissions::adminOnly).handler(this::create);
    api.get("/users/:id").handler(permissions::adminOnly).handler(this::get);
    api.patch("/users/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/users/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, users.list(ListQuery.of(ctx)));
  }

  private void create(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Map<String, Object> columns = columns(input, true);
    String password = password(input);
    input.validate();
    Replies.created(ctx, users.create(Actor.of(ctx), columns, password));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, users.get(PathParams.uuid(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    var id = PathParams.uuid(ctx, "id");
    Input input = Input.of(ctx);
    Map<String, Object> columns = columns(input, false);
    String password = password(input);
    input.validate();
    Replies.ok(ctx, users.update(Actor.of(ctx), id, columns, password));
  }

  private void invalidate(RoutingContext ctx) {
    Replies.noContent(ctx, users.invalidate(Actor.of(ctx), PathParams.uuid(ctx, "id")));
  }

  private static Map<String, Object> columns(Input input, boolean creating) {
    return new Columns(input, creating)
        .required("login", 200)
        .email("email")
        .nullable("title", 50)
        .nullable("first_name", 100)
        .nullable("last_name", 100)
        .nullable("phone", 50)
        .nullable("mobile", 50)
        .validId()
        .defaulted("language", 10)
        .timezone("timezone")
        .nullable("avatar_url", 2000)
        .object("metadata")
        .values();
  }

  /** A new password, at least 8 characters; absent (or null) leaves the password as it is. */
  static String password(Input input) {
    return PasswordRule.newPassword(input, "password", false);
  }
}
