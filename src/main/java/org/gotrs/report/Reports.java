package org.gotrs.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.data.Numeric;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.db.Reads;
import org.gotrs.http.Problem;
import org.gotrs.http.Table;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * The reports, read from the facts V80 keeps: for members of the OTRS group {@code stats} ({@code ro}), over every
 * queue; in the reader's time zone (their {@code timezone}, or the one asked for).
 */
public final class Reports {

  /** A report asked for; {@code zone} null = the reader's own; {@code to} is the last day included. */
  public record Request(ReportKind kind, ReportGroup group, LocalDate from, LocalDate to, Integer queueId,
                        UUID agentId, ZoneId zone) {}

  /** A report's answer: its rows and the time zone its days are in. */
  public record Answer(Table table, ZoneId zone) {}

  private final Reads reads;
  private final Permissions permissions;

  /** @param reads reports read on a replica that has the reader's own writes */
  public Reports(Reads reads, Permissions permissions) {
    this.reads = reads;
    this.permissions = permissions;
  }

  public Future<Answer> run(Actor actor, Request request) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    return reads.forCaller(principal.subject(), pool -> permissions.seesAllQueueStats(pool, principal)
        .compose(member -> member ? zone(pool, principal, request.zone())
            : Future.failedFuture(Problem.forbidden("reports are for members of the group stats (ro)")))
        .compose(zone -> query(pool, request, zone).map(table -> new Answer(table, zone))));
  }

  private static Future<ZoneId> zone(Pool pool, Principal principal, ZoneId asked) {
    if (asked != null) {
      return Future.succeededFuture(asked);
    }
    return pool.preparedQuery("SELECT timezone FROM users WHERE id = $1").execute(Tuple.of(principal.userId()))
        .map(rows -> {
          String stored = rows.size() == 0 ? null : rows.iterator().next().getString(0);
          try {
            ZoneId zone = stored == null || stored.isBlank() ? ZoneOffset.UTC : ZoneId.of(stored);
            return zone instanceof ZoneOffset ? ZoneOffset.UTC : zone;
          } catch (java.time.DateTimeException unknown) {
            return ZoneOffset.UTC;
          }
        });
  }

  private static Future<Table> query(Pool pool, Request request, ZoneId zone) {
    List<Object> parameters = new ArrayList<>(List.of(utc(request.from(), zone), utc(request.to().plusDays(1), zone)));
    parameters.add(request.queueId());
    parameters.add(request.agentId());
    if (request.group().isPeriod()) {
      parameters.add(zoneName(zone));
    }
    String facts = request.kind().factsTable(request.group(), request.queueId() != null, request.agentId() != null);
    return pool.preparedQuery(request.kind().sql(request.group(), facts)).execute(Tuple.from(parameters))
        .map(rows -> {
          List<String> columns = new ArrayList<>(request.group().keyColumns());
          request.kind().metrics.forEach(metric -> columns.add(metric.name()));
          List<List<Object>> found = new ArrayList<>();
          for (Row row : rows) {
            List<Object> values = new ArrayList<>(columns.size());
            for (int i = 0; i < columns.size(); i++) {
              values.add(value(row.getValue(i)));
            }
            found.add(values);
          }
          return new Table(List.copyOf(columns),
              request.group().isPeriod() ? everyPeriod(request, found) : found);
        });
  }

  /** The rows of a period report with a row for each period of the range, those without facts empty. */
  private static List<List<Object>> everyPeriod(Request request, List<List<Object>> found) {
    Map<Object, List<Object>> byPeriod = new HashMap<>();
    found.forEach(row -> byPeriod.put(row.get(0), row));
    List<List<Object>> rows = new ArrayList<>();
    for (String period : request.group().periods(request.from(), request.to())) {
      List<Object> row = byPeriod.get(period);
      if (row == null) {
        row = new ArrayList<>();
        row.add(period);
        for (ReportKind.Metric metric : request.kind().metrics) {
          row.add(metric.empty());
        }
      }
      rows.add(row);
    }
    return rows;
  }

  /**
   * The statement a report runs when neither a queue nor an agent is asked for, for the benchmark to time without
   * the server:
   * {@code $1}/{@code $2} the UTC bounds, {@code $3} a queue (null), {@code $4} an agent (null), {@code $5} the time zone of
   * a period.
   */
  public static String statement(String report, String groupBy) {
    ReportKind kind = ReportKind.of(report);
    ReportGroup group = ReportGroup.of(groupBy);
    return kind.sql(group, kind.factsTable(group, false, false));
  }

  /** The zone as PostgreSQL names it: a region, or UTC (offsets are refused at the edge). */
  static String zoneName(ZoneId zone) {
    return zone instanceof ZoneOffset ? "UTC" : zone.getId();
  }

  private static Object value(Object value) {
    return value instanceof Numeric numeric ? numeric.bigDecimalValue() : value;
  }

  private static LocalDateTime utc(LocalDate day, ZoneId zone) {
    return LocalDateTime.ofInstant(day.atStartOfDay(zone).toInstant(), ZoneOffset.UTC);
  }
}
