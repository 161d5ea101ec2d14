package org.gotrs.lookup;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.List;
import java.util.Map;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.permission.Principal;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;

/**
 * {@code /queues}: agents read the queues they may see; administrators manage them. Customers get 403 there, and
 * read the queues offered to them at {@code /portal/queues}.
 */
final class QueueRoutes implements Routes {

  private final QueueService queues;
  private final LookupRoutes<?, ?> lookup;

  QueueRoutes(QueueService queues, Permissions permissions) {
    this.queues = queues;
    this.lookup = new LookupRoutes<>("/queues", queues.lookup(), permissions, LookupRoutes.Readers.AGENTS);
  }

  @Override
  public void mount(Router api) {
    api.get("/queues").handler(this::withPermission);
    lookup.mount(api);
    api.get("/queues/:id/agents").handler(this::agents);
    api.get("/portal/queues").handler(this::offeredToCustomers);
  }

  /**
   * {@code ?permission=KEY}: the valid queues the agent holds that key on (the move select asks for {@code move_into});
   * without it, the list every lookup has.
   */
  private void withPermission(RoutingContext ctx) {
    String key = ctx.queryParams().get("permission");
    if (key == null) {
      ctx.next();
      return;
    }
    if (!Permissions.KEYS.contains(key)) {
      throw Problem.invalid(List.of(new Problem.FieldError("permission", "must be one of " + Permissions.KEYS)));
    }
    Replies.ok(ctx, queues.withKey(Principal.of(ctx), key).map(items -> Map.of("items", items)));
  }

  /** The agents a ticket in the queue can be assigned to. */
  private void agents(RoutingContext ctx) {
    Replies.ok(ctx, queues.agents(Principal.of(ctx), PathParams.intId(ctx, "id")).map(items -> Map.of("items", items)));
  }

  /** Any signed-in caller: customers choose among these, agents see what customers are offered. */
  private void offeredToCustomers(RoutingContext ctx) {
    Replies.ok(ctx, queues.offeredToCustomers().map(items -> Map.of("items", items)));
  }
}
