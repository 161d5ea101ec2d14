package org.gotrs.timeaccounting;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * The time accounted on tickets (OTRS's {@code time_accounting}), for agents: the units of the tickets they may read,
 * accounted within a time window, optionally in one queue or by one agent, summed per ticket, per agent who accounted
 * them, per queue the ticket is in, and in all.
 */
public final class TimeAccountingReport {

  /** What the report covers; null leaves a filter out. {@code to} is exclusive. */
  public record Filter(Instant from, Instant to, Integer queueId, UUID agentId) {}

  private static final String SUMS = """
      WITH accounted AS (
        SELECT ta.ticket_id, ta.create_by, t.queue_id, ta.time_unit
          FROM time_accounting ta JOIN ticket t ON t.id = ta.ticket_id
         WHERE %s
           AND ($1::timestamp IS NULL OR ta.create_time >= $1) AND ($2::timestamp IS NULL OR ta.create_time < $2)
           AND ($3::int IS NULL OR t.queue_id = $3) AND ($4::uuid IS NULL OR ta.create_by = $4)),
      sums AS (
        SELECT CASE WHEN grouping(ticket_id) = 0 THEN 'ticket' WHEN grouping(create_by) = 0 THEN 'agent'
                    WHEN grouping(queue_id) = 0 THEN 'queue' ELSE 'total' END AS kind,
               ticket_id, create_by, queue_id, coalesce(sum(time_unit), 0) AS time_units, count(*) AS entries
          FROM accounted
         GROUP BY GROUPING SETS ((ticket_id), (create_by), (queue_id), ()))
      SELECT s.kind, s.ticket_id, t.tn, t.title, s.create_by, u.login,
             trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS name,
             coalesce(s.queue_id, t.queue_id) AS queue_id, q.name AS queue, s.time_units, s.entries
        FROM sums s
        LEFT JOIN ticket t ON t.id = s.ticket_id
        LEFT JOIN users u ON u.id = s.create_by
        LEFT JOIN queue q ON q.id = coalesce(s.queue_id, t.queue_id)
       ORDER BY s.time_units DESC, t.tn, u.login, q.name""";

  private final Pool pool;
  private final Permissions permissions;

  public TimeAccountingReport(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  /** What {@code items} sums by: one of these, the group's sums also stand under its plural name. */
  static final List<String> GROUPS = List.of("agent", "queue", "ticket");

  /**
   * 403 for customers; an agent's report holds only the tickets they may read. {@code items} are the sums by
   * {@code groupBy}; {@code tickets}, {@code agents} and {@code queues} all three groupings.
   */
  public Future<JsonObject> report(Actor actor, Filter filter, String groupBy) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    Permissions.Predicate visible = permissions.ticketsVisibleTo(principal, "t", 5);
    List<Object> parameters = new ArrayList<>(List.of());
    parameters.add(utc(filter.from()));
    parameters.add(utc(filter.to()));
    parameters.add(filter.queueId());
    parameters.add(filter.agentId());
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(SUMS.formatted(visible.sql())).execute(Tuple.from(parameters)).map(rows -> {
      JsonArray tickets = new JsonArray();
      JsonArray agents = new JsonArray();
      JsonArray queues = new JsonArray();
      BigDecimal total = BigDecimal.ZERO;
      long entries = 0;
      for (Row row : rows) {
        BigDecimal units = row.getBigDecimal("time_units");
        JsonObject sum = new JsonObject().put("time_units", units).put("entries", row.getLong("entries"));
        switch (row.getString("kind")) {
          case "ticket" -> tickets.add(sum.put("ticket_id", row.getLong("ticket_id")).put("tn", row.getString("tn"))
              .put("title", row.getString("title")).put("queue_id", row.getInteger("queue_id"))
              .put("queue", row.getString("queue")));
          case "agent" -> {
            UUID agent = row.getUUID("create_by");
            agents.add(sum.put("user_id", agent == null ? null : agent.toString()).put("login", row.getString("login"))
                .put("name", row.getString("name")));
          }
          case "queue" -> queues.add(sum.put("queue_id", row.getInteger("queue_id")).put("queue", row.getString("queue")));
          default -> {
            total = units;
            entries = row.getLong("entries");
          }
        }
      }
      return new JsonObject()
          .put("from", filter.from() == null ? null : filter.from().toString())
          .put("to", filter.to() == null ? null : filter.to().toString())
          .put("queue_id", filter.queueId())
          .put("agent_id", filter.agentId() == null ? null : filter.agentId().toString())
          .put("time_units", total).put("entries", entries)
          .put("group_by", groupBy)
          .put("items", switch (groupBy) {
            case "agent" -> agents;
            case "queue" -> queues;
            default -> tickets;
          })
          .put("tickets", tickets).put("agents", agents).put("queues", queues);
    });
  }

  private static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
