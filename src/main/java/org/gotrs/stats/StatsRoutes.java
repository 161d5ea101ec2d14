package org.gotrs.stats;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** {@code GET /stats/wallboard}: the numbers the wallboard shows, the same as the pushed {@code stats.updated}. */
public final class StatsRoutes implements Routes {

  private final WallboardStats stats;
  private final Permissions permissions;
  private final Pool pool;

  public StatsRoutes(Pool pool, WallboardStats stats, Permissions permissions) {
    this.pool = pool;
    this.stats = stats;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/stats/wallboard").handler(this::wallboard);
  }

  /** The numbers of the queues the caller may read; members of the OTRS group {@code stats} see every queue. */
  private void wallboard(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    Replies.ok(ctx, permissions.statsQueues(pool, principal).map(stats::view));
  }
}
