package org.gotrs.sla;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** {@code /slas}: agents read them, administrators manage them. Customers get 403. */
public final class SlaRoutes implements Routes {

  private final SlaService slas;
  private final Permissions permissions;

  public SlaRoutes(SlaService slas, Permissions permissions) {
    this.slas = slas;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/slas").handler(this::list);
    api.post("/slas").handler(permissions::adminOnly).handler(this::create);
    api.get("/slas/:id").handler(this::get);
    api.patch("/slas/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/slas/:id").handler(permissions::adminOnly).handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, slas.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, slas.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    SlaService.Fields fields = SlaService.Fields.read(Input.of(ctx));
    Replies.created(ctx, slas.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, slas.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, slas.invalidate(actor, PathParams.intId(ctx, "id")));
  }
}
