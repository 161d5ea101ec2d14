package org.gotrs.lookup;

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
 * {@code /priorities}: ticket priorities, managed by administrators. Everyone signed in may read them, customers too:
 * priority names are labels shown on a customer's own tickets and reveal nothing else.
 */
public final class PriorityRoutes implements Routes {

  private final PriorityService priorities;
  private final Permissions permissions;

  public PriorityRoutes(PriorityService priorities, Permissions permissions) {
    this.priorities = priorities;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/priorities").handler(this::list);
    api.post("/priorities").handler(permissions::adminOnly).handler(this::create);
    api.get("/priorities/:id").handler(this::get);
    api.patch("/priorities/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/priorities/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, priorities.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, priorities.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    PriorityService.Fields fields = PriorityService.Fields.read(Input.of(ctx));
    Replies.created(ctx, priorities.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, priorities.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, priorities.invalidate(actor, PathParams.intId(ctx, "id")));
  }
}
