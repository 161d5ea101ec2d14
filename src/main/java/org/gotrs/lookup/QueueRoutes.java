package org.gotrs.lookup;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
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
    lookup.mount(api);
    api.get("/portal/queues").handler(this::offeredToCustomers);
  }

  /** Any signed-in caller: customers choose among these, agents see what customers are offered. */
  private void offeredToCustomers(RoutingContext ctx) {
    Replies.ok(ctx, queues.offeredToCustomers().map(items -> Map.of("items", items)));
  }
}
