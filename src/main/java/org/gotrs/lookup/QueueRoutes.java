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
 * {@code /queues}: agents read the queues they may see; administrators manage them. Customers get 403 there, and
 * read the queues offered to them at {@code /portal/queues}.
 */
public final class QueueRoutes implements Routes {

  private final QueueService queues;
  private final Permissions permissions;

  public QueueRoutes(QueueService queues, Permissions permissions) {
    this.queues = queues;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/queues").handler(this::list);
    api.post("/queues").handler(permissions::adminOnly).handler(this::create);
    api.get("/queues/:id").handler(this::get);
    api.patch("/queues/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/queues/:id").handler(permissions::adminOnly).handler(this::invalidate);
    api.get("/portal/queues").handler(this::offeredToCustomers);
  }

  /** Any signed-in caller: customers choose among these, agents see what customers are offered. */
  private void offeredToCustomers(RoutingContext ctx) {
    Replies.ok(ctx, queues.offeredToCustomers().map(items -> Map.of("items", items)));
  }

  private void list(RoutingContext ctx) {
    Principal principal = agent(ctx);
    Replies.ok(ctx, queues.list(principal, Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Principal principal = agent(ctx);
    Replies.ok(ctx, queues.get(principal, PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    QueueService.Fields fields = QueueService.Fields.read(Input.of(ctx));
    Replies.created(ctx, queues.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, queues.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, queues.invalidate(actor, PathParams.intId(ctx, "id")));
  }

  private Principal agent(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    return principal;
  }
}
