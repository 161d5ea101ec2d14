package org.gotrs.mail;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /postmaster-filters}: rules on incoming mail's headers. Administrators only. */
final class PostmasterFilterRoutes implements Routes {

  private final PostmasterFilterService filters;
  private final Permissions permissions;

  PostmasterFilterRoutes(PostmasterFilterService filters, Permissions permissions) {
    this.filters = filters;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/postmaster-filters").handler(permissions::adminOnly).handler(this::list);
    api.post("/postmaster-filters").handler(permissions::adminOnly).handler(this::create);
    api.get("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::get);
    api.patch("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/postmaster-filters/:id").handler(permissions::adminOnly).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, filters.list().map(items -> Map.of("items", items)));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    PostmasterFilterService.Fields fields = PostmasterFilterService.Fields.read(Input.of(ctx));
    Replies.created(ctx, filters.create(actor, fields));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, filters.get(PathParams.intId(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, filters.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, filters.delete(actor, PathParams.intId(ctx, "id")));
  }
}
