package org.gotrs.report;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** The reports agents of the group {@code stats} have sent by e-mail: their own, made, listed and removed. */
public final class ReportSchedules {

  /** A schedule asked for, checked at the edge; {@code queueId} null = every queue. */
  public record NewSchedule(String name, ReportKind kind, ReportGroup group, Integer queueId, String frequency,
                            String format, List<String> recipients, ZoneId zone) {}

  private static final String COLUMNS = """
      id, owner_id, name, report, group_by, queue_id, frequency, format, recipients, time_zone, next_run_at,
      last_run_at, last_outcome""";

  private final Pool pool;
  private final Permissions permissions;
  private final Clock clock;

  public ReportSchedules(Pool pool, Permissions permissions, Clock clock) {
    this.pool = pool;
    this.permissions = permissions;
    this.clock = clock;
  }

  public Future<List<ReportSchedule>> list(Actor actor) {
    return reporter(actor.principal()).compose(owner -> pool.preparedQuery(
            "SELECT " + COLUMNS + " FROM report_schedule WHERE owner_id = $1 ORDER BY name, id")
        .execute(Tuple.of(owner)).map(rows -> Rows.all(rows, ReportSchedules::schedule)));
  }

  /** Makes the schedule; 422 when its queue does not exist. */
  public Future<ReportSchedule> create(Actor actor, NewSchedule schedule) {
    Instant next = ReportSchedule.nextRun(schedule.frequency(), schedule.zone(), clock.instant());
    return reporter(actor.principal()).compose(owner -> pool.preparedQuery("""
            INSERT INTO report_schedule (owner_id, name, report, group_by, queue_id, frequency, format, recipients,
                                         time_zone, next_run_at)
            SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10
             WHERE $5::int IS NULL OR EXISTS (SELECT 1 FROM queue WHERE id = $5)
            RETURNING""" + " " + COLUMNS)
        .execute(Tuple.from(Arrays.asList(owner, schedule.name(), schedule.kind().wire, schedule.group().wire,
            schedule.queueId(), schedule.frequency(), schedule.format(), schedule.recipients().toArray(String[]::new),
            Reports.zoneName(schedule.zone()), utc(next))))
        .map(rows -> {
          if (rows.size() == 0) {
            throw Problem.invalid("queue_id", "no queue " + schedule.queueId());
          }
          return schedule(rows.iterator().next());
        }));
  }

  /** Removes one of the caller's schedules; 404 for any other. */
  public Future<Void> delete(Actor actor, long id) {
    return reporter(actor.principal()).compose(owner -> pool.preparedQuery(
            "DELETE FROM report_schedule WHERE id = $1 AND owner_id = $2").execute(Tuple.of(id, owner)))
        .map(rows -> {
          if (rows.rowCount() == 0) {
            throw Problem.notFound("no report schedule " + id);
          }
          return null;
        });
  }

  /** The schedules due at {@code now}, a batch at a time, with their owners' logins. */
  Future<List<Due>> due(Instant now, int batch) {
    return pool.preparedQuery("""
            SELECT s.*, u.login
              FROM report_schedule s JOIN users u ON u.id = s.owner_id
             WHERE s.next_run_at <= $1
             ORDER BY s.next_run_at LIMIT $2""")
        .execute(Tuple.of(utc(now), batch))
        .map(rows -> Rows.all(rows, row -> new Due(schedule(row), row.getString("login"))));
  }

  /** A due schedule and the login of the agent it reports as. */
  record Due(ReportSchedule schedule, String ownerLogin) {}

  /** Records a run and when the next one is due, in the transaction that queued its mail (if any). */
  static Future<Void> ran(SqlClient tx, ReportSchedule schedule, Instant now, String outcome) {
    Instant next = ReportSchedule.nextRun(schedule.frequency(), schedule.zone(), now);
    return tx.preparedQuery("""
            UPDATE report_schedule SET last_run_at = $2, last_outcome = $3, next_run_at = $4 WHERE id = $1""")
        .execute(Tuple.of(schedule.id(), utc(now), outcome, utc(next))).mapEmpty();
  }

  /** Fails with 403 unless the caller may report: checked before a schedule's fields are. */
  public Future<Void> requireReporter(Actor actor) {
    return reporter(actor.principal()).mapEmpty();
  }

  private Future<UUID> reporter(Principal principal) {
    permissions.requireAgent(principal);
    return permissions.seesAllQueueStats(pool, principal).map(member -> {
      if (!member) {
        throw Problem.forbidden("reports are for members of the group stats (ro)");
      }
      return principal.userId();
    });
  }

  private static java.time.LocalDateTime utc(Instant instant) {
    return java.time.LocalDateTime.ofInstant(instant, java.time.ZoneOffset.UTC);
  }

  private static ReportSchedule schedule(Row row) {
    return new ReportSchedule(row.getLong("id"), row.getUUID("owner_id"), row.getString("name"),
        row.getString("report"), row.getString("group_by"), row.getInteger("queue_id"), row.getString("frequency"),
        row.getString("format"), Arrays.asList(row.getArrayOfStrings("recipients")),
        ZoneId.of(row.getString("time_zone")), Rows.instant(row, "next_run_at"), Rows.instant(row, "last_run_at"),
        row.getString("last_outcome"));
  }

  static JsonObject json(ReportSchedule schedule) {
    return new JsonObject().put("id", schedule.id()).put("name", schedule.name()).put("report", schedule.report())
        .put("group_by", schedule.groupBy()).put("queue_id", schedule.queueId())
        .put("frequency", schedule.frequency()).put("format", schedule.format())
        .put("recipients", new JsonArray(schedule.recipients())).put("time_zone", schedule.zone().getId())
        .put("next_run_at", schedule.nextRunAt().toString())
        .put("last_run_at", schedule.lastRunAt() == null ? null : schedule.lastRunAt().toString())
        .put("last_outcome", schedule.lastOutcome());
  }
}
