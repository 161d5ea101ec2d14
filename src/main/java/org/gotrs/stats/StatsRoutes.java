package org.gotrs.stats;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.auth.Principal;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;

/** {@code GET /stats/wallboard}: the numbers the wallboard shows, the same as the pushed {@code stats.updated}. */
public final class StatsRoutes implements Routes {

  private final WallboardStats stats;
  private final Permissions permissions;

  public StatsRoutes(WallboardStats stats, Permissions permissions) {
    this.stats = stats;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/stats/wallboard").handler(this::wallboard);
  }

  private void wallboard(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.json(ctx, 200, stats.snapshot());
  }
}
