package org.gotrs.auth;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /users/{id}/sessions}: administrators see an agent's sessions and end one or all of them. */
public final class UserSessionRoutes implements Routes {

  private final UserSessions sessions;
  private final Permissions permissions;

  public UserSessionRoutes(UserSessions sessions, Permissions permissions) {
    this.sessions = sessions;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/users/:id/sessions").handler(permissions::adminOnly).handler(this::list);
    api.delete("/users/:id/sessions").handler(permissions::adminOnly).handler(ctx -> end(ctx, null));
    api.delete("/users/:id/sessions/:session_id").handler(permissions::adminOnly)
        .handler(ctx -> end(ctx, ctx.pathParam("session_id")));
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, sessions.list(Actor.of(ctx), PathParams.uuid(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void end(RoutingContext ctx, String sessionId) {
    Replies.noContent(ctx, sessions.end(Actor.of(ctx), PathParams.uuid(ctx, "id"), sessionId));
  }
}
