package org.gotrs.lookup;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /services} and {@code /services/{id}/slas/{sla_id}}: agents read the catalogue, administrators manage
 * it and link services to SLAs. Customers get 403.
 */
final class ServiceRoutes implements Routes {

  private final ServiceCatalog services;
  private final Permissions permissions;
  private final LookupRoutes<?, ?> lookup;

  ServiceRoutes(ServiceCatalog services, Permissions permissions) {
    this.services = services;
    this.permissions = permissions;
    this.lookup = new LookupRoutes<>("/services", services.lookup(), permissions, LookupRoutes.Readers.AGENTS);
  }

  @Override
  public void mount(Router api) {
    lookup.mount(api);
    api.post("/services/:id/slas/:sla_id").handler(permissions::adminOnly).handler(this::linkSla);
    api.delete("/services/:id/slas/:sla_id").handler(permissions::adminOnly).handler(this::unlinkSla);
  }

  private void linkSla(RoutingContext ctx) {
    Replies.ok(ctx, services.linkSla(Actor.of(ctx), PathParams.intId(ctx, "id"), PathParams.intId(ctx, "sla_id")));
  }

  private void unlinkSla(RoutingContext ctx) {
    Replies.noContent(ctx, services.unlinkSla(Actor.of(ctx), PathParams.intId(ctx, "id"),
        PathParams.intId(ctx, "sla_id")));
  }
}
