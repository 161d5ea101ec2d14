package org.gotrs.identity;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * Grants, for administrators only: {@code /users/{id}/groups/{group_id}} and {@code /roles/{id}/groups/{group_id}}
 * set permission keys, {@code /users/{id}/roles/{role_id}} adds or removes a role.
 */
public final class MembershipRoutes implements Routes {

  private final MembershipService memberships;
  private final Permissions permissions;

  public MembershipRoutes(MembershipService memberships, Permissions permissions) {
    this.memberships = memberships;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/users/:id/groups").handler(permissions::adminOnly).handler(this::userGroups);
    api.put("/users/:id/groups/:group_id").handler(permissions::adminOnly).handler(this::setUserGroup);
    api.get("/users/:id/roles").handler(permissions::adminOnly).handler(this::userRoles);
    api.put("/users/:id/roles/:role_id").handler(permissions::adminOnly).handler(this::grantRole);
    api.delete("/users/:id/roles/:role_id").handler(permissions::adminOnly).handler(this::revokeRole);
    api.get("/roles/:id/groups").handler(permissions::adminOnly).handler(this::roleGroups);
    api.put("/roles/:id/groups/:group_id").handler(permissions::adminOnly).handler(this::setRoleGroup);
  }

  private void userGroups(RoutingContext ctx) {
    Replies.ok(ctx, memberships.userGroups(PathParams.uuid(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void setUserGroup(RoutingContext ctx) {
    UUID userId = PathParams.uuid(ctx, "id");
    int groupId = PathParams.intId(ctx, "group_id");
    List<String> keys = keys(ctx);
    Replies.ok(ctx, memberships.setUserGroup(Actor.of(ctx), userId, groupId, keys));
  }

  private void userRoles(RoutingContext ctx) {
    Replies.ok(ctx, memberships.userRoles(PathParams.uuid(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void grantRole(RoutingContext ctx) {
    Replies.noContent(ctx, memberships.grantRole(Actor.of(ctx), PathParams.uuid(ctx, "id"),
        PathParams.intId(ctx, "role_id")));
  }

  private void revokeRole(RoutingContext ctx) {
    Replies.noContent(ctx, memberships.revokeRole(Actor.of(ctx), PathParams.uuid(ctx, "id"),
        PathParams.intId(ctx, "role_id")));
  }

  private void roleGroups(RoutingContext ctx) {
    Replies.ok(ctx, memberships.roleGroups(PathParams.intId(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void setRoleGroup(RoutingContext ctx) {
    int roleId = PathParams.intId(ctx, "id");
    int groupId = PathParams.intId(ctx, "group_id");
    List<String> keys = keys(ctx);
    Replies.ok(ctx, memberships.setRoleGroup(Actor.of(ctx), roleId, groupId, keys));
  }

  /** {@code {"permissions":[...]}}: any of {@link Permissions#KEYS}; {@code []} removes them all. */
  private static List<String> keys(RoutingContext ctx) {
    Input input = Input.of(ctx);
    List<String> keys = input.strings("permissions", true, 20);
    if (keys != null && !Permissions.KEYS.containsAll(keys)) {
      input.error("permissions", "may contain only " + Permissions.KEYS);
    }
    input.validate();
    return keys;
  }
}
