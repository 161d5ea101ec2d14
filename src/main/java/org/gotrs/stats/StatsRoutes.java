package org.gotrs.stats;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * {@code GET /stats/wallboard?tz=&queue_id=&group=}: the numbers the wallboard shows, the same as the pushed
 * {@code stats.updated}, of the queues asked for by id or by group, with {@code today} in the time zone asked for.
 */
public final class StatsRoutes implements Routes {

  private final WallboardStats stats;
  private final WallboardToday today;
  private final Permissions permissions;
  private final Pool pool;

  public StatsRoutes(Pool pool, WallboardStats stats, Permissions permissions, Clock clock) {
    this.pool = pool;
    this.stats = stats;
    this.today = new WallboardToday(pool, clock);
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
    ZoneId zone = zone(ctx.queryParams().get("tz"));
    List<Integer> queueIds = queueIds(ctx.queryParams().get("queue_id"));
    String group = ctx.queryParams().get("group");
    Replies.ok(ctx, permissions.statsQueues(pool, principal)
        .compose(visible -> today.chosen(visible, queueIds, group == null || group.isBlank() ? null : group.trim()))
        .compose(queues -> today.figures(queues, zone).map(day -> stats.view(queues).put("today", day))));
  }

  private static ZoneId zone(String value) {
    if (value == null || value.isBlank()) {
      return ZoneOffset.UTC;
    }
    try {
      ZoneId zone = ZoneId.of(value);
      if (!(zone instanceof ZoneOffset) || zone.equals(ZoneOffset.UTC)) {
        return zone;
      }
    } catch (DateTimeException unknown) {
      // not a zone: the same answer as an offset, which PostgreSQL would read with the sign reversed
    }
    throw Problem.invalid("tz", "must be a time zone such as Europe/Berlin");
  }

  private static List<Integer> queueIds(String value) {
    List<Integer> ids = new ArrayList<>();
    if (value == null || value.isBlank()) {
      return ids;
    }
    for (String id : value.split(",")) {
      if (!id.trim().matches("[1-9][0-9]{0,8}")) {
        throw Problem.invalid("queue_id", "must be queue ids separated by commas");
      }
      ids.add(Integer.valueOf(id.trim()));
    }
    return ids;
  }
}
