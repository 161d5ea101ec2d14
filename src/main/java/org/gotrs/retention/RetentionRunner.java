package org.gotrs.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.audit.AuditLog;
import org.gotrs.permission.Actor;
import org.gotrs.scheduler.Job;
import org.gotrs.ticket.TicketAutomation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies retention policies: the scheduler's {@code retention} job runs each enabled policy once a day, and an
 * administrator can run one now. Each run is written to the audit log with what it did and how many rows, except a
 * scheduled run that found nothing to do.
 * Work goes in batches, one transaction each, so a large backlog never holds long locks.
 */
public final class RetentionRunner implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(RetentionRunner.class);
  private static final int BATCH = 500;
  /** At most this many rows per policy run; the rest waits for the next run. */
  private static final int MAX_ROWS_PER_RUN = 100_000;
  private static final Duration EVERY = Duration.ofDays(1);

  /** What one run did. */
  public record Result(String tableName, String action, Instant cutoff, long rows) {}

  private final Pool pool;
  private final AuditLog audit;
  private final TicketAutomation tickets;
  private final AttachmentStore attachments;
  private final Clock clock;

  public RetentionRunner(Pool pool, AuditLog audit, TicketAutomation tickets, AttachmentStore attachments, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.tickets = tickets;
    this.attachments = attachments;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "retention";
  }

  /** Runs the policies that are due, each claimed first (its next run moved on) so that it runs once. */
  @Override
  public Future<String> run(Instant now) {
    return pool.preparedQuery("SELECT " + RetentionPolicy.COLUMNS + """
             FROM data_retention_policy
            WHERE enabled AND (next_run IS NULL OR next_run <= $1)
            ORDER BY next_run NULLS FIRST""")
        .execute(Tuple.of(utc(now)))
        .compose(rows -> {
          List<RetentionPolicy> due = new ArrayList<>();
          rows.forEach(row -> due.add(RetentionPolicy.from(row)));
          Future<Long> total = Future.succeededFuture(0L);
          for (RetentionPolicy policy : due) {
            total = total.compose(sum -> claim(policy, now).compose(claimed -> claimed
                ? apply(policy, TicketAutomation.actor("retention"), now, false).map(result -> sum + result.rows())
                    .otherwise(sum)
                : Future.succeededFuture(sum)));
          }
          return total.map(sum -> due.size() + " polic(ies) due, " + sum + " row(s)");
        });
  }

  private Future<Boolean> claim(RetentionPolicy policy, Instant now) {
    return pool.preparedQuery("""
            UPDATE data_retention_policy SET next_run = $2
             WHERE id = $1 AND next_run IS NOT DISTINCT FROM $3 RETURNING id""")
        .execute(Tuple.of(policy.id(), utc(now.plus(EVERY)), utc(policy.nextRun())))
        .map(rows -> rows.size() > 0);
  }

  /** Runs the policy now, as {@code actor}; audited whether it succeeds or not. */
  /** How many rows a run now would act on; nothing changes. Archiving counts only tickets not archived yet. */
  public Future<Result> count(RetentionPolicy policy, Instant now) {
    RetentionTable table = RetentionTable.ALL.get(policy.tableName());
    Instant cutoff = now.minus(Duration.ofDays(policy.retentionDays()));
    Where where = Where.of(table, policy, utc(cutoff));
    String pending = policy.action().equals("archive") ? " AND x.archive_flag = 0" : "";
    return pool.preparedQuery("SELECT count(*) AS rows FROM " + table.name() + " x WHERE " + where.sql() + pending)
        .execute(Tuple.from(where.parameters()))
        .map(rows -> new Result(policy.tableName(), policy.action(), cutoff, rows.iterator().next().getLong("rows")));
  }

  public Future<Result> apply(RetentionPolicy policy, Actor actor, Instant now) {
    return apply(policy, actor, now, true);
  }

  /**
   * @param auditNothing whether a run that changed no row is audited too: an administrator's run always is, a scheduled
   *                     one only when it did something (or failed), so an idle desk's audit log is not filled with runs
   */
  private Future<Result> apply(RetentionPolicy policy, Actor actor, Instant now, boolean auditNothing) {
    RetentionTable table = RetentionTable.ALL.get(policy.tableName());
    Instant cutoff = now.minus(Duration.ofDays(policy.retentionDays()));
    Where where = Where.of(table, policy, utc(cutoff));
    long[] rows = new long[1];
    Future<Void> work = switch (policy.tableName() + "/" + policy.action()) {
      case "ticket/delete" -> deleteTickets(where, rows);
      case "ticket/anonymize" -> batches(RetentionSql.ANONYMIZE_TICKETS, where, now, rows);
      case "article/anonymize" -> batches(RetentionSql.ANONYMIZE_ARTICLES, where, now, rows);
      case "ticket/archive" -> once(RetentionSql.ARCHIVE_TICKETS, where, rows);
      case "customer_user/anonymize" -> once(RetentionSql.ANONYMIZE_CUSTOMER_USERS, where, rows);
      case "audit_log/anonymize" -> once(RetentionSql.ANONYMIZE_AUDIT_LOG, where, rows);
      case "audit_log/delete", "sessions/delete", "workflow_history/delete", "notification/delete" ->
          once("DELETE FROM " + table.name() + " x WHERE %s", where, rows);
      default -> Future.failedFuture("no " + policy.action() + " for " + policy.tableName());
    };
    return work.transform(done -> {
      Map<String, Object> what = new LinkedHashMap<>();
      what.put("table_name", policy.tableName());
      what.put("column_name", policy.columnName());
      what.put("action", policy.action());
      what.put("retention_days", policy.retentionDays());
      what.put("conditions", policy.conditions());
      what.put("cutoff", cutoff.toString());
      what.put("rows", rows[0]);
      AuditLog.Entry entry = done.succeeded()
          ? AuditLog.Entry.success("retention.run", "data_retention_policy", policy.id(), null, what)
          : new AuditLog.Entry("retention.run", "data_retention_policy", policy.id().toString(), null, what, "failure",
              String.valueOf(done.cause().getMessage()));
      boolean audited = auditNothing || done.failed() || rows[0] > 0;
      Future<Void> recorded = pool.withTransaction(tx -> (audited ? audit.record(tx, actor, entry)
              : Future.<Void>succeededFuture())
          .compose(written -> tx.preparedQuery("UPDATE data_retention_policy SET last_run = $2 WHERE id = $1")
              .execute(Tuple.of(policy.id(), utc(now)))).mapEmpty());
      if (done.failed()) {
        LOG.warn("retention policy {} failed after {} row(s): {}", policy.id(), rows[0], done.cause().getMessage());
        return recorded.compose(ignored -> Future.failedFuture(done.cause()));
      }
      return recorded.map(new Result(policy.tableName(), policy.action(), cutoff, rows[0]));
    });
  }

  /** One statement over all matching rows. */
  private Future<Void> once(String template, Where where, long[] rows) {
    return pool.preparedQuery(template.formatted(where.sql())).execute(Tuple.from(where.parameters()))
        .map(result -> {
          rows[0] += result.rowCount();
          return null;
        });
  }

  /** Batch after batch until one comes back short; files no longer referenced are removed after each batch. */
  private Future<Void> batches(String template, Where where, Instant now, long[] rows) {
    List<Object> parameters = new ArrayList<>(where.parameters());
    parameters.add(now.toString());
    parameters.add(BATCH);
    String sql = template.formatted(where.sql(), parameters.size() - 1, parameters.size());
    return pool.withTransaction(tx -> tx.preparedQuery(sql).execute(Tuple.from(parameters)))
        .compose(result -> {
          var row = result.iterator().next();
          long count = row.getLong("rows");
          rows[0] += count;
          String[] files = row.getArrayOfStrings("files");
          Future<Void> collected = files == null || files.length == 0 ? Future.succeededFuture()
              : attachments.collectGarbage(List.of(files));
          return collected.compose(done -> count < BATCH || rows[0] >= MAX_ROWS_PER_RUN ? Future.succeededFuture()
              : batches(template, where, now, rows));
        });
  }

  /** Tickets are deleted one by one the way an administrator deletes them: everything that hangs on them goes. */
  private Future<Void> deleteTickets(Where where, long[] rows) {
    List<Object> parameters = new ArrayList<>(where.parameters());
    parameters.add(BATCH);
    return pool.preparedQuery("SELECT x.id FROM ticket x WHERE %s ORDER BY x.id LIMIT $%d"
            .formatted(where.sql(), parameters.size()))
        .execute(Tuple.from(parameters))
        .compose(found -> {
          List<Long> ids = new ArrayList<>();
          found.forEach(row -> ids.add(row.getLong("id")));
          Future<Void> deleted = Future.succeededFuture();
          for (long id : ids) {
            deleted = deleted.compose(previous -> tickets.delete("retention", id).map(done -> {
              rows[0]++;
              return null;
            }));
          }
          return deleted.compose(done -> ids.size() < BATCH || rows[0] >= MAX_ROWS_PER_RUN ? Future.succeededFuture()
              : deleteTickets(where, rows));
        });
  }

  /**
   * The rows a policy matches: older than the cutoff ({@code $1}) and equal to each condition (compared as text,
   * {@code $2...}); anonymising also skips rows already anonymised. Column expressions come from
   * {@link RetentionTable}, values are parameters.
   */
  record Where(String sql, List<Object> parameters) {
    static Where of(RetentionTable table, RetentionPolicy policy, LocalDateTime cutoff) {
      List<Object> parameters = new ArrayList<>(List.of(cutoff));
      StringBuilder sql = new StringBuilder(RetentionTable.quoted(policy.columnName())).append(" < $1");
      if (policy.action().equals("anonymize")) {
        sql.append(" AND ").append(table.marker());
      }
      for (String key : new TreeSet<>(policy.conditions().fieldNames())) {
        String expression = table.conditions().get(key);
        Object value = policy.conditions().getValue(key);
        if (value instanceof JsonArray list) {
          parameters.add(list.stream().map(String::valueOf).toArray(String[]::new));
          sql.append(" AND (").append(expression).append(")::text = ANY ($").append(parameters.size()).append("::text[])");
        } else {
          parameters.add(String.valueOf(value));
          sql.append(" AND (").append(expression).append(")::text = $").append(parameters.size());
        }
      }
      return new Where(sql.toString(), parameters);
    }
  }

  private static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  static JsonObject toJson(Result result) {
    return new JsonObject().put("table_name", result.tableName()).put("action", result.action())
        .put("cutoff", result.cutoff().toString()).put("rows", result.rows());
  }
}
