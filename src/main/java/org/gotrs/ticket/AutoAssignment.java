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

  private static final String CHOOSE = """
      WITH q AS (
             SELECT id, auto_assign, max_open_per_agent, auto_assign_last_user
               FROM queue WHERE id = $1 AND auto_assign <> 'off'
                FOR UPDATE),
           candidates AS (
             SELECT u.id,
                    (SELECT count(*) FROM ticket t
                      WHERE t.user_id = u.id AND t.ticket_state_id IN (
                            SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
                             WHERE st.name IN ('new', 'open', 'pending'))) AS open_tickets
               FROM q
               JOIN user_permitted_groups p ON p.permission_key = 'owner'
                AND (SELECT group_id FROM queue WHERE id = q.id) = ANY (p.group_ids)
               JOIN users u ON u.id = p.user_id AND u.valid_id = 1
              WHERE EXISTS (SELECT 1 FROM live_presence lp
                             WHERE lp.user_id = u.id AND lp.ticket_id IS NULL
                               AND lp.expires_at > now() AT TIME ZONE 'UTC')
                AND NOT EXISTS (SELECT 1 FROM agent_out_of_office(u.id) o WHERE $2::date BETWEEN o.starts_on AND o.ends_on))
      SELECT c.id
        FROM candidates c, q
       WHERE q.max_open_per_agent = 0 OR c.open_tickets < q.max_open_per_agent
       ORDER BY CASE WHEN q.auto_assign = 'least_open' THEN c.open_tickets ELSE 0 END,
                CASE WHEN q.auto_assign = 'round_robin'
                     THEN c.id::text <= coalesce(q.auto_assign_last_user::text, '') ELSE false END,
                c.id::text
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
