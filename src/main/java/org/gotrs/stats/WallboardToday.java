package org.gotrs.stats;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.gotrs.http.Problem;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The wallboard's "today" in a time zone, read from the report facts (V80, V104) since the viewer's midnight: tickets
 * created and closed per local hour, SLA outcomes met and breached, ratings, the median first response, and per
 * agent the open tickets they own and the tickets they closed today. A day's facts are a few rows per hour and queue,
 * so a wallboard asking every few seconds costs little however many tickets there are.
 */
final class WallboardToday {

  /** The agents listed, busiest first. */
  private static final int AGENTS = 12;

  private static final String PER_HOUR = """
      SELECT extract(hour FROM (r.hour AT TIME ZONE 'UTC') AT TIME ZONE $2)::int AS local_hour,
             sum(r.created)::int AS created, sum(r.closed)::int AS closed,
             sum(r.response_met + r.update_met + r.solution_met)::int AS sla_met,
             sum(r.response_breached + r.update_breached + r.solution_breached)::int AS sla_breached,
             sum(r.ratings)::int AS ratings, sum(r.rating_sum)::int AS rating_sum
        FROM report_queue_hour r
       WHERE r.hour >= $1 AND ($3::int[] IS NULL OR r.queue_id = ANY ($3))
       GROUP BY 1""";

  private static final String MEDIAN_FIRST_RESPONSE = """
      SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY r.first_response_seconds)
        FROM report_ticket r
       WHERE r.first_response_at >= $1 AND ($2::int[] IS NULL OR r.first_response_queue_id = ANY ($2))""";

  private static final String AGENTS_TODAY = """
      WITH owned AS (
        SELECT t.user_id AS agent_id, count(*)::int AS open
          FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
          JOIN ticket_state_type st ON st.id = s.type_id
         WHERE st.name IN ('new', 'open', 'pending') AND ($2::int[] IS NULL OR t.queue_id = ANY ($2))
         GROUP BY t.user_id),
      closed AS (
        SELECT r.agent_id, sum(r.closed)::int AS closed
          FROM report_hour r
         WHERE r.hour >= $1 AND r.closed > 0 AND ($2::int[] IS NULL OR r.queue_id = ANY ($2))
         GROUP BY r.agent_id)
      SELECT u.id::text AS agent_id, u.login AS agent, coalesce(o.open, 0) AS open, coalesce(c.closed, 0) AS closed
        FROM owned o FULL JOIN closed c ON c.agent_id = o.agent_id
        JOIN users u ON u.id = coalesce(o.agent_id, c.agent_id)
       ORDER BY coalesce(o.open, 0) + coalesce(c.closed, 0) DESC, u.login
       LIMIT %d""".formatted(AGENTS);

  private final Pool pool;
  private final Clock clock;

  WallboardToday(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  /**
   * The queues a wallboard shows: those it may see ({@code visible}, every queue when null) among those it asks for by
   * id and by group (one TV per team); all it may see when it asks for none.
   */
  Future<Set<Integer>> chosen(Set<Integer> visible, List<Integer> queueIds, String group) {
    if (queueIds.isEmpty() && group == null) {
      return Future.succeededFuture(visible);
    }
    Future<Set<Integer>> ofGroup = group == null ? Future.succeededFuture(Set.of())
        : pool.preparedQuery("SELECT g.id, q.id AS queue_id FROM groups g LEFT JOIN queue q ON q.group_id = g.id"
            + " WHERE g.name = $1").execute(Tuple.of(group)).map(rows -> {
              if (rows.size() == 0) {
                throw Problem.invalid("group", "no group '" + group + "'");
              }
              Set<Integer> ids = new HashSet<>();
              rows.forEach(row -> {
                if (row.getInteger("queue_id") != null) {
                  ids.add(row.getInteger("queue_id"));
                }
              });
              return ids;
            });
    return ofGroup.map(ids -> {
      Set<Integer> chosen = new HashSet<>(ids);
      chosen.addAll(queueIds);
      if (visible != null) {
        chosen.retainAll(visible);
      }
      return chosen;
    });
  }

  /** Today in {@code zone} for the given queues (every queue when null). */
  Future<JsonObject> figures(Set<Integer> queues, ZoneId zone) {
    LocalDate today = LocalDate.now(clock.withZone(zone));
    LocalDateTime midnight = LocalDateTime.ofInstant(today.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
    Integer[] ids = queues == null ? null : queues.toArray(Integer[]::new);
    String zoneName = zone instanceof ZoneOffset ? "UTC" : zone.getId();
    JsonObject day = new JsonObject().put("time_zone", zoneName).put("day", today.toString());
    return pool.preparedQuery(PER_HOUR).execute(Tuple.from(Arrays.asList(midnight, zoneName, ids)))
        .compose(rows -> {
          perHour(rows, day);
          return pool.preparedQuery(MEDIAN_FIRST_RESPONSE).execute(Tuple.from(Arrays.asList(midnight, ids)));
        })
        .compose(rows -> {
          day.put("median_first_response_seconds", rows.iterator().next().getLong(0));
          return pool.preparedQuery(AGENTS_TODAY).execute(Tuple.from(Arrays.asList(midnight, ids)));
        })
        .map(rows -> {
          JsonArray agents = new JsonArray();
          rows.forEach(row -> agents.add(new JsonObject().put("agent_id", row.getString("agent_id"))
              .put("agent", row.getString("agent")).put("open", row.getInteger("open"))
              .put("closed", row.getInteger("closed"))));
          return day.put("agents", agents);
        });
  }

  private static void perHour(Iterable<Row> rows, JsonObject day) {
    int[] created = new int[24];
    int[] closed = new int[24];
    long met = 0;
    long breached = 0;
    long ratings = 0;
    long ratingSum = 0;
    for (Row row : rows) {
      int hour = row.getInteger("local_hour");
      created[hour] += row.getInteger("created");
      closed[hour] += row.getInteger("closed");
      met += row.getInteger("sla_met");
      breached += row.getInteger("sla_breached");
      ratings += row.getInteger("ratings");
      ratingSum += row.getInteger("rating_sum");
    }
    day.put("created", Arrays.stream(created).sum())
        .put("closed", Arrays.stream(closed).sum())
        .put("opened_per_hour", new JsonArray(Arrays.stream(created).boxed().toList()))
        .put("closed_per_hour", new JsonArray(Arrays.stream(closed).boxed().toList()))
        .put("sla_met", met).put("sla_breached", breached)
        .put("sla_met_percent", met + breached == 0 ? null : Math.round(1000.0 * met / (met + breached)) / 10.0)
        .put("ratings", ratings)
        .put("rating_average", ratings == 0 ? null : Math.round(100.0 * ratingSum / ratings) / 100.0);
  }
}
