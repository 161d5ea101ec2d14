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
import org.gotrs.permission.Principal;

/**
 * {@code /services} and {@code /services/{id}/slas/{sla_id}}: agents read the catalogue, administrators manage
 * it and link services to SLAs. Customers get 403.
 */
public final class ServiceRoutes implements Routes {

  private final ServiceCatalog services;
  private final Permissions permissions;

  public ServiceRoutes(ServiceCatalog services, Permissions permissions) {
    this.services = services;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/services").handler(this::list);
    api.post("/services").handler(permissions::adminOnly).handler(this::create);
    api.get("/services/:id").handler(this::get);
    api.patch("/services/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/services/:id").handler(permissions::adminOnly).handler(this::invalidate);
    api.post("/services/:id/slas/:sla_id").handler(permissions::adminOnly).handler(this::linkSla);
    api.delete("/services/:id/slas/:sla_id").handler(permissions::adminOnly).handler(this::unlinkSla);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, services.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, services.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    ServiceCatalog.Fields fields = ServiceCatalog.Fields.read(Input.of(ctx));
    Replies.created(ctx, services.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, services.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, services.invalidate(actor, PathParams.intId(ctx, "id")));
  }

  private void linkSla(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.ok(ctx, services.linkSla(actor, PathParams.intId(ctx, "id"), PathParams.intId(ctx, "sla_id")));
  }

  private void unlinkSla(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, services.unlinkSla(actor, PathParams.intId(ctx, "id"), PathParams.intId(ctx, "sla_id")));
  }
}
