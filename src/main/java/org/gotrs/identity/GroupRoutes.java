package org.gotrs.identity;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /groups} and {@code /roles}, for administrators only. The lists are short (OTRS installations have
 * tens of groups), so they come whole, filtered by {@code valid_id} if asked.
 */
public final class GroupRoutes implements Routes {

  private final GroupService groups;
  private final RoleService roles;
  private final Permissions permissions;

  public GroupRoutes(GroupService groups, RoleService roles, Permissions permissions) {
    this.groups = groups;
    this.roles = roles;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/groups").handler(permissions::adminOnly).handler(this::listGroups);
    api.post("/groups").handler(permissions::adminOnly).handler(this::createGroup);
    api.get("/groups/:id").handler(permissions::adminOnly).handler(this::getGroup);
    api.patch("/groups/:id").handler(permissions::adminOnly).handler(this::updateGroup);
    api.delete("/groups/:id").handler(permissions::adminOnly).handler(this::invalidateGroup);
    api.get("/roles").handler(permissions::adminOnly).handler(this::listRoles);
    api.post("/roles").handler(permissions::adminOnly).handler(this::createRole);
    api.get("/roles/:id").handler(permissions::adminOnly).handler(this::getRole);
    api.patch("/roles/:id").handler(permissions::adminOnly).handler(this::updateRole);
    api.delete("/roles/:id").handler(permissions::adminOnly).handler(this::invalidateRole);
  }

  private void listGroups(RoutingContext ctx) {
    Replies.ok(ctx, groups.list(ListQuery.of(ctx).validId()).map(items -> Map.of("items", items)));
  }

  private void createGroup(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Map<String, Object> columns = groupColumns(input, true);
    input.validate();
    Replies.created(ctx, groups.create(Actor.of(ctx), columns));
  }

  private void getGroup(RoutingContext ctx) {
    Replies.ok(ctx, groups.get(PathParams.intId(ctx, "id")));
  }

  private void updateGroup(RoutingContext ctx) {
    int id = PathParams.intId(ctx, "id");
    Input input = Input.of(ctx);
    Map<String, Object> columns = groupColumns(input, false);
    input.validate();
    Replies.ok(ctx, groups.update(Actor.of(ctx), id, columns));
  }

  private void invalidateGroup(RoutingContext ctx) {
    Replies.noContent(ctx, groups.invalidate(Actor.of(ctx), PathParams.intId(ctx, "id")));
  }

  private void listRoles(RoutingContext ctx) {
    Replies.ok(ctx, roles.list(ListQuery.of(ctx).validId()).map(items -> Map.of("items", items)));
  }

  private void createRole(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Map<String, Object> columns = roleColumns(input, true);
    input.validate();
    Replies.created(ctx, roles.create(Actor.of(ctx), columns));
  }

  private void getRole(RoutingContext ctx) {
    Replies.ok(ctx, roles.get(PathParams.intId(ctx, "id")));
  }

  private void updateRole(RoutingContext ctx) {
    int id = PathParams.intId(ctx, "id");
    Input input = Input.of(ctx);
    Map<String, Object> columns = roleColumns(input, false);
    input.validate();
    Replies.ok(ctx, roles.update(Actor.of(ctx), id, columns));
  }

  private void invalidateRole(RoutingContext ctx) {
    Replies.noContent(ctx, roles.invalidate(Actor.of(ctx), PathParams.intId(ctx, "id")));
  }

  private static Map<String, Object> groupColumns(Input input, boolean creating) {
    return new Columns(input, creating).required("name", 200).nullable("comments", 250).validId()
        .nullableId("parent_id").values();
  }

  private static Map<String, Object> roleColumns(Input input, boolean creating) {
    return new Columns(input, creating).required("name", 200).nullable("comments", 250).validId().values();
  }
}
