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
 * {@code /states}: ticket states, managed by administrators. Everyone signed in may read them, customers too:
 * state names are labels shown on a customer's own tickets and reveal nothing else.
 */
public final class StateRoutes implements Routes {

  private final StateService states;
  private final Permissions permissions;

  public StateRoutes(StateService states, Permissions permissions) {
    this.states = states;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/states").handler(this::list);
    api.post("/states").handler(permissions::adminOnly).handler(this::create);
    api.get("/states/:id").handler(this::get);
    api.patch("/states/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/states/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, states.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, states.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    StateService.Fields fields = StateService.Fields.read(Input.of(ctx));
    Replies.created(ctx, states.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, states.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, states.invalidate(actor, PathParams.intId(ctx, "id")));
  }
}
