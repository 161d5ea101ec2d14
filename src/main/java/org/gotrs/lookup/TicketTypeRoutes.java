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
 * {@code /types}: ticket types, managed by administrators. Everyone signed in may read them, customers too:
 * type names are labels shown on a customer's own tickets and reveal nothing else.
 */
public final class TicketTypeRoutes implements Routes {

  private final TicketTypeService types;
  private final Permissions permissions;

  public TicketTypeRoutes(TicketTypeService types, Permissions permissions) {
    this.types = types;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/types").handler(this::list);
    api.post("/types").handler(permissions::adminOnly).handler(this::create);
    api.get("/types/:id").handler(this::get);
    api.patch("/types/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/types/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, types.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, types.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    TicketTypeService.Fields fields = TicketTypeService.Fields.read(Input.of(ctx));
    Replies.created(ctx, types.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, types.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, types.invalidate(actor, PathParams.intId(ctx, "id")));
  }
}
