package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.escalation.EscalationCalculator.Kind;
import org.gotrs.history.TicketHistory;
import org.gotrs.ticket.TicketAutomation;

/**
 * Computes the deadlines of open tickets that never had theirs computed — imported from OTRS, loaded as demo data —
 * 200 per transaction. A deadline already past when it is computed is recorded as breached in the ticket's history
 * (OTRS's {@code Escalation*TimeStart}) and its alerts are marked sent without sending them: an import of old tickets
 * must not page every agent at once. Deadlines still ahead alert as usual.
 */
public final class EscalationBackfill {

  /** What a run did: tickets whose deadlines were computed, deadlines found already past. */
  public record Report(int tickets, int pastDeadlines) {}

  private static final int BATCH = 200;

  /** Open tickets under an SLA (their own or their queue's); without {@code all}, only those with no deadline yet. */
  private static final String TICKETS = """
      SELECT t.id
        FROM ticket t
        JOIN ticket_state s ON s.id = t.ticket_state_id
        LEFT JOIN queue q ON q.id = t.queue_id
       WHERE s.type_id IN (1, 2, 3) AND coalesce(t.sla_id, q.sla_id) IS NOT NULL
         AND ($1 OR coalesce(t.escalation_time, 0) = 0) AND t.id > $2
       ORDER BY t.id
       LIMIT $3
         FOR UPDATE OF t""";

  /** The alerts of these tickets already due: marked sent, nothing sent; the breaches among them are listed. */
  private static final String SILENCE_PAST = """
      WITH past AS (
        UPDATE escalation_alert a SET fired_at = now() AT TIME ZONE 'UTC'
         WHERE a.ticket_id = ANY ($1) AND a.fired_at IS NULL AND a.due_at <= $2
        RETURNING a.ticket_id, a.kind, a.level, a.deadline)
      SELECT ticket_id, kind, deadline FROM past WHERE level = 'breached' ORDER BY ticket_id, deadline""";

  private final Pool pool;
  private final EscalationIndex index;
  private final TicketHistory history;

  public EscalationBackfill(Pool pool, TicketHistory history) {
    this.pool = pool;
    this.history = history;
    this.index = new EscalationIndex(history);
  }

  /**
   * @param all every open ticket under an SLA, not only those without deadlines (after changing business hours by
   *     hand in the database, say)
   */
  public Future<Report> run(Instant now, boolean all) {
    return batch(now, all, 0, new Report(0, 0));
  }

  private Future<Report> batch(Instant now, boolean all, long after, Report done) {
    return pool.withTransaction(tx -> tx.preparedQuery(TICKETS).execute(Tuple.of(all, after, BATCH))
            .compose(rows -> {
              List<Long> ids = new ArrayList<>();
              rows.forEach(row -> ids.add(row.getLong("id")));
              Future<Void> indexed = Future.succeededFuture();
              for (long id : ids) {
                indexed = indexed.compose(previous -> index.ticketWritten(tx, id));
              }
              return indexed.compose(written -> silencePast(tx, ids, now))
                  .map(past -> new Batch(ids, past));
            }))
        .compose(batch -> {
          Report report = new Report(done.tickets() + batch.ids().size(), done.pastDeadlines() + batch.past());
          return batch.ids().size() < BATCH ? Future.succeededFuture(report)
              : batch(now, all, batch.ids().get(batch.ids().size() - 1), report);
        });
  }

  private record Batch(List<Long> ids, int past) {}

  private Future<Integer> silencePast(SqlClient tx, List<Long> ids, Instant now) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(0);
    }
    int epoch = (int) Math.min(now.getEpochSecond(), Integer.MAX_VALUE);
    return tx.preparedQuery(SILENCE_PAST).execute(Tuple.of(ids.toArray(new Long[0]), epoch)).compose(rows -> {
      Future<Void> recorded = Future.succeededFuture();
      int count = 0;
      for (Row row : rows) {
        Kind kind = Kind.of(row.getString("kind"));
        long deadline = row.getInteger("deadline");
        String when = Instant.ofEpochSecond(deadline).toString();
        long ticketId = row.getLong("ticket_id");
        recorded = recorded.compose(previous -> history.record(tx, ticketId, TicketAutomation.SYSTEM_USER, List.of(
            TicketHistory.Change.of(kind.historyPrefix + "Start", "%%" + kind.key() + "%%" + when, null, deadline))));
        count++;
      }
      int past = count;
      return recorded.map(past);
    });
  }
}
