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
import org.gotrs.ticket.Lock;
import org.gotrs.ticket.TicketAutomation;
import org.gotrs.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OTRS's unlock timeout: a locked ticket, new or open, in a queue with an {@code unlock_timeout} (minutes), whose
 * owner has done nothing with it for that long (counted from {@code ticket.timeout}, set when it was locked and
 * whenever the owner changed it or wrote on it) is unlocked by the system. The owner stays; the history shows the
 * unlock by the system, and a {@code ticket.lock_timeout} event tells the owner.
 */
public final class LockTimeouts implements Job {

  private static final Logger LOG = LoggerFactory.getLogger(LockTimeouts.class);
  private static final int BATCH = 500;

  /** Through the partial index on timeout of locked tickets. */
  private static final String DUE = """
      SELECT t.id, t.timeout
        FROM ticket t
        JOIN queue q ON q.id = t.queue_id
        JOIN ticket_state s ON s.id = t.ticket_state_id
       WHERE t.ticket_lock_id = $1 AND q.unlock_timeout > 0 AND t.timeout + q.unlock_timeout * 60 <= $2
         AND s.type_id = ANY ($3)
       ORDER BY t.timeout
       LIMIT $4""";

  private final Pool pool;
  private final TicketAutomation tickets;
  private final DomainEvents events;

  public LockTimeouts(Pool pool, TicketAutomation tickets, DomainEvents events) {
    this.pool = pool;
    this.tickets = tickets;
    this.events = events;
  }

  @Override
  public String name() {
    return "lock_timeouts";
  }

  @Override
  public Future<String> run(Instant now) {
    long epoch = now.getEpochSecond();
    return pool.preparedQuery(DUE)
        .execute(Tuple.of(Lock.LOCKED.id(), epoch, new Integer[] {StateType.NEW.id(), StateType.OPEN.id()}, BATCH))
        .compose(rows -> {
          List<Long> due = new ArrayList<>();
          rows.forEach(row -> due.add(row.getLong("id")));
          int[] unlocked = new int[1];
          Future<Void> done = Future.succeededFuture();
          for (long id : due) {
            done = done.compose(previous -> unlock(id, epoch)
                .map(didUnlock -> {
                  unlocked[0] += didUnlock ? 1 : 0;
                  return (Void) null;
                })
                .recover(failure -> {
                  LOG.warn("locked ticket {} left as it is: {}", id, failure.getMessage());
                  return Future.succeededFuture();
                }));
          }
          return done.map(finished -> unlocked[0] + " unlocked");
        });
  }

  /** Unlocks the ticket if, now that it is locked for this transaction, its timeout has still run out. */
  private Future<Boolean> unlock(long ticketId, long now) {
    return pool.withTransaction(tx -> tickets.lock(tx, ticketId).compose(ticket -> tx.preparedQuery("""
            SELECT 1 FROM ticket t JOIN queue q ON q.id = t.queue_id
             WHERE t.id = $1 AND t.ticket_lock_id = $2 AND q.unlock_timeout > 0
               AND t.timeout + q.unlock_timeout * 60 <= $3""")
        .execute(Tuple.of(ticketId, Lock.LOCKED.id(), now))
        .compose(still -> still.size() == 0 ? Future.succeededFuture(false)
            : tickets.change(tx, "lock timeout", ticketId, new JsonObject().put("ticket_lock_id", Lock.UNLOCKED.id()))
                .compose(unlocked -> events.record(tx, EventName.TICKET_LOCK_TIMEOUT, TicketService.topics(unlocked),
                    new JsonObject().put("ticket_id", ticketId).put("tn", unlocked.tn())
                        .put("title", unlocked.title()).put("queue_id", unlocked.queueId())
                        .put("owner_id", unlocked.userId() == null ? null : unlocked.userId().toString())))
                .map(true))));
  }
}
