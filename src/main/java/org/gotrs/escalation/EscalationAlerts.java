package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.escalation.EscalationCalculator.Kind;
import org.gotrs.escalation.EscalationCalculator.Level;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.ticket.TicketAutomation;
import org.gotrs.history.TicketHistory;

/**
 * Sends the alerts that are due: {@code escalation.warning} when a deadline's warning percentage is used up,
 * {@code escalation.breached} at the deadline. Each is claimed with a conditional update in the transaction
 * that writes its history entry and its event, so it goes out exactly once whichever node gets there first,
 * and a node that dies half-way leaves it for the next.
 */
public final class EscalationAlerts {

  /** How many tickets one firing round takes. */
  static final int BATCH = 100;

  /** What one firing round did: alerts sent, and whether more may be due already. */
  public record Round(int sent, boolean full) {}

  private final Pool pool;
  private final DomainEvents events;
  private final TicketHistory history;

  public EscalationAlerts(Pool pool, DomainEvents events, TicketHistory history) {
    this.pool = pool;
    this.events = events;
    this.history = history;
  }

  /** When the next alert is due (epoch seconds), or null when none is pending. */
  public Future<Long> nextDue() {
    return pool.query(EscalationSql.NEXT_DUE).execute().map(rows -> {
      Integer due = rows.iterator().next().getInteger("due");
      return due == null ? null : due.longValue();
    });
  }

  /** Fires the alerts due at {@code now}, up to one batch of tickets. */
  public Future<Round> fireDue(Instant now) {
    int epoch = (int) Math.min(now.getEpochSecond(), Integer.MAX_VALUE);
    return pool.withTransaction(tx -> tx.preparedQuery(EscalationSql.LOCK_DUE_TICKETS).execute(Tuple.of(epoch, BATCH))
        .compose(locked -> {
          List<Long> tickets = new ArrayList<>();
          locked.forEach(row -> tickets.add(row.getLong("id")));
          if (tickets.isEmpty()) {
            return Future.succeededFuture(new Round(0, false));
          }
          return tx.preparedQuery(EscalationSql.CLAIM).execute(Tuple.of(tickets.toArray(new Long[0]), epoch))
              .compose(claimed -> {
                Future<Integer> sent = Future.succeededFuture(0);
                for (Row alert : claimed) {
                  sent = sent.compose(count -> send(tx, alert).map(done -> done ? count + 1 : count));
                }
                return sent.map(count -> new Round(count, tickets.size() == BATCH));
              });
        }));
  }

  /** Writes the alert's history entry and event; an alert whose deadline is no longer the ticket's is dropped. */
  private Future<Boolean> send(SqlClient tx, Row alert) {
    Kind kind = Kind.of(alert.getString("kind"));
    Level level = Level.of(alert.getString("level"));
    long deadline = alert.getInteger("deadline");
    Integer current = alert.getInteger(kind.column);
    if (current == null || current != deadline) {
      return Future.succeededFuture(false);
    }
    long ticketId = alert.getLong("ticket_id");
    Integer queueId = alert.getInteger("queue_id");
    UUID owner = alert.getUUID("user_id");
    String deadlineText = Instant.ofEpochSecond(deadline).toString();
    String historyType = kind.historyPrefix + (level == Level.WARNING ? "NotifyBefore" : "Start");
    List<Topic> topics = new ArrayList<>(List.of(Topic.queue(queueId), Topic.ticket(ticketId)));
    if (owner != null) {
      topics.add(Topic.agent(owner));
    }
    JsonObject data = new JsonObject()
        .put("ticket_id", ticketId)
        .put("tn", alert.getString("tn"))
        .put("title", alert.getString("title"))
        .put("queue_id", queueId)
        .put("owner_id", owner == null ? null : owner.toString())
        .put("kind", kind.key())
        .put("level", level.key())
        .put("deadline", deadlineText)
        .put(kind.column, deadline)
        .put("due_at", Instant.ofEpochSecond(alert.getInteger("due_at")).toString());
    return history.record(tx, ticketId, TicketAutomation.SYSTEM_USER, List.of(TicketHistory.Change.of(historyType,
            "%%" + kind.key() + "%%" + deadlineText, null, deadline)))
        .compose(written -> events.record(tx, level == Level.WARNING ? EventName.ESCALATION_WARNING : EventName.ESCALATION_BREACHED,
            topics, data))
        .map(true);
  }
}
