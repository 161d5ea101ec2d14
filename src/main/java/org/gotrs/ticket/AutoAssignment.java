package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.gotrs.history.TicketHistory;

/**
 * Automatic assignment, opt-in per queue (db/V72): a new ticket without an owner goes to one of the queue's agents
 * ({@code owner} or {@code rw}) who is online, not out of office today and under the queue's limit of open tickets;
 * in turn ({@code round_robin}) or to whoever has the fewest open tickets ({@code least_open}). The queue row is
 * locked while choosing, so tickets created at once in one queue take their turns one after the other.
 */
final class AutoAssignment {

  /** The candidates and their turns are {@code auto_assign_candidates} (db/V111), which chats are offered by too. */
  private static final String CHOOSE = """
      WITH q AS (
             SELECT id, auto_assign, max_open_per_agent, auto_assign_last_user
               FROM queue WHERE id = $1 AND auto_assign <> 'off'
                FOR UPDATE)
      SELECT c.user_id AS id
        FROM q, auto_assign_candidates(q.id, $2, q.auto_assign, q.auto_assign_last_user, q.max_open_per_agent) c
       ORDER BY c.turn
       LIMIT 1""";

  private static final String ASSIGN = """
      WITH turn AS (UPDATE queue SET auto_assign_last_user = $2 WHERE id = $3)
      UPDATE ticket SET user_id = $2 WHERE id = $1""";

  private final Clock clock;
  private final TicketHistory history;

  AutoAssignment(Clock clock, TicketHistory history) {
    this.clock = clock;
    this.history = history;
  }

  /** Gives the new ticket an owner if its queue assigns automatically and someone is free; otherwise leaves it. */
  Future<Void> assign(SqlClient tx, long ticketId, int queueId) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return tx.preparedQuery(CHOOSE).execute(Tuple.of(queueId, today)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      UUID owner = rows.iterator().next().getUUID("id");
      return tx.preparedQuery(ASSIGN).execute(Tuple.of(ticketId, owner, queueId))
          .compose(assigned -> history.record(tx, ticketId, TicketAutomation.SYSTEM_USER,
              List.of(TicketHistory.Change.of("OwnerUpdate", "%%" + owner, null, owner))));
    });
  }
}
