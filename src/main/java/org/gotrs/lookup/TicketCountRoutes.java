package org.gotrs.lookup;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;

/**
 * {@code GET /queues/{id}/ticket-count} and likewise for states, priorities, types, services and SLAs: how many
 * tickets an entry is on ({@code {"tickets": 1203}}), for administrators, so that invalidating it says what it
 * affects. The ticket column per lookup is fixed here.
 */
public final class TicketCountRoutes implements Routes {

  private static final Map<String, String> COLUMNS = Map.of("/queues", "queue_id", "/states", "ticket_state_id",
      "/priorities", "ticket_priority_id", "/types", "type_id", "/services", "service_id", "/slas", "sla_id");

  private final Pool pool;
  private final Permissions permissions;

  public TicketCountRoutes(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    COLUMNS.forEach((path, column) -> api.get(path + "/:id/ticket-count").handler(permissions::adminOnly)
        .handler(ctx -> count(ctx, column)));
  }

  private void count(RoutingContext ctx, String column) {
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, pool.preparedQuery("SELECT count(*) AS tickets FROM ticket WHERE " + column + " = $1")
        .execute(Tuple.of(id))
        .map(rows -> Map.of("tickets", rows.iterator().next().getLong("tickets"))));
  }
}
