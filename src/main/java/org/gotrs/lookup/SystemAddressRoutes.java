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

/** {@code /system-addresses}: agents read them (a queue's From), administrators manage them. */
public final class SystemAddressRoutes implements Routes {

  private final SystemAddressService addresses;
  private final Permissions permissions;

  public SystemAddressRoutes(SystemAddressService addresses, Permissions permissions) {
    this.addresses = addresses;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/system-addresses").handler(this::list);
    api.post("/system-addresses").handler(this::create);
    api.get("/system-addresses/:id").handler(this::get);
    api.patch("/system-addresses/:id").handler(this::update);
    api.delete("/system-addresses/:id").handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, addresses.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, addresses.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = admin(ctx);
    SystemAddressService.Fields fields = SystemAddressService.Fields.read(Input.of(ctx));
    Replies.created(ctx, addresses.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = admin(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, addresses.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = admin(ctx);
    Replies.noContent(ctx, addresses.invalidate(actor, PathParams.intId(ctx, "id")));
  }

  private Actor admin(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    permissions.requireAdmin(actor.principal());
    return actor;
  }
}
