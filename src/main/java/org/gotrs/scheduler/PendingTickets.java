package org.gotrs.scheduler;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.lookup.StateType;
import org.gotrs.ticket.TicketAutomation;
import org.gotrs.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pending tickets whose time has come (OTRS's PendingCheck): a ticket in a state with {@code auto_transition_to}
 * ("pending auto close+") moves to that state once its {@code until_time} has passed, or once it has been in a
 * state with an {@code auto_transition_time} that long; a ticket in "pending reminder" reminds its owner once
 * per pending time with a {@code ticket.pending_reminder} event.
 */
public final class PendingTickets implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(PendingTickets.class);
  private static final int BATCH = 500;

  /** Due tickets through the partial index on until_time, plus tickets of states with a time of their own. */
  private static final String DUE = """
      SELECT t.id, s.id AS state_id, s.auto_transition_to, t.until_time
        FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
       WHERE t.until_time > 0 AND t.until_time <= $1 AND s.type_id = $3
         AND (s.auto_transition_to IS NOT NULL OR NOT EXISTS (
               SELECT 1 FROM pending_reminder r WHERE r.ticket_id = t.id AND r.until_time = t.until_time))
      UNION
      SELECT t.id, s.id, s.auto_transition_to, t.until_time
        FROM ticket_state s JOIN ticket t ON t.ticket_state_id = s.id
       WHERE s.auto_transition_to IS NOT NULL AND s.auto_transition_time IS NOT NULL
         AND (SELECT max(h.create_time) FROM ticket_history h
               WHERE h.ticket_id = t.id AND h.state_id = s.id) + s.auto_transition_time <= $2
       ORDER BY until_time
       LIMIT $4""";

  private static final String CLAIM_REMINDER = """
      INSERT INTO pending_reminder (ticket_id, until_time) VALUES ($1, $2)
      ON CONFLICT (ticket_id) DO UPDATE SET until_time = excluded.until_time, sent_at = excluded.sent_at
       WHERE pending_reminder.until_time <> excluded.until_time
      RETURNING ticket_id""";

  private final Pool pool;
  private final TicketAutomation tickets;
  private final DomainEvents events;

  public PendingTickets(Pool pool, TicketAutomation tickets, DomainEvents events) {
    this.pool = pool;
    this.tickets = tickets;
    this.events = events;
  }

  @Override
  public String name() {
    return "pending_tickets";
  }

  @Override
  public Future<String> run(Instant now) {
    return pool.preparedQuery(DUE)
        .execute(Tuple.of((int) now.getEpochSecond(), java.time.LocalDateTime.ofInstant(now, java.time.ZoneOffset.UTC),
            StateType.PENDING.id(), BATCH))
        .compose(rows -> {
          List<Row> due = new ArrayList<>();
          rows.forEach(due::add);
          int[] counts = new int[2];
          Future<Void> done = Future.succeededFuture();
          for (Row row : due) {
            done = done.compose(previous -> handle(row)
                .map(outcome -> {
                  if (outcome >= 0) {
                    counts[outcome]++;
                  }
                  return (Void) null;
                })
                .recover(failure -> {
                  LOG.warn("pending ticket {} left as it is: {}", row.getLong("id"), failure.getMessage());
                  return Future.succeededFuture();
                }));
          }
          return done.map(finished -> counts[0] + " moved on, " + counts[1] + " reminded");
        });
  }

  /** 0 when the ticket moved to its next state, 1 when its owner was reminded, -1 when nothing was due after all. */
  private Future<Integer> handle(Row due) {
    long ticketId = due.getLong("id");
    Integer next = due.getInteger("auto_transition_to");
    return pool.withTransaction(tx -> tickets.lock(tx, ticketId).compose(ticket -> {
      if (!due.getInteger("state_id").equals(ticket.stateId())) {
        return Future.succeededFuture(-1);
      }
      if (next != null) {
        return tickets.change(tx, "pending", ticketId, new JsonObject().put("state_id", next)).map(0);
      }
      return tx.preparedQuery(CLAIM_REMINDER).execute(Tuple.of(ticketId, (int) ticket.untilTime()))
          .compose(claimed -> claimed.size() == 0 ? Future.succeededFuture(-1)
              : events.record(tx, EventName.TICKET_PENDING_REMINDER, TicketService.topics(ticket), new JsonObject()
                  .put("ticket_id", ticketId).put("tn", ticket.tn()).put("title", ticket.title())
                  .put("queue_id", ticket.queueId()).put("owner_id", ticket.userId() == null ? null : ticket.userId().toString())
                  .put("until_time", ticket.untilTime())
                  .put("pending_until", Instant.ofEpochSecond(ticket.untilTime()).toString())).map(1));
    }));
  }
}
