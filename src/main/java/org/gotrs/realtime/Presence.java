package org.gotrs.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Who is online and who views or composes on which ticket, cluster-wide, in {@code live_presence}. Rows
 * expire unless their node keeps renewing them, so a vanished client or a dead node clears itself; every
 * change to a ticket's viewers is a {@code presence.changed} event to that ticket's subscribers.
 */
public final class Presence {

  private static final Logger LOG = LoggerFactory.getLogger(Presence.class);
  private static final long SWEEP_MS = 5_000;

  private final Pool pool;
  private final DomainEvents events;
  private final UUID node = UUID.randomUUID();
  private final int ttlSeconds;

  public Presence(Pool pool, DomainEvents events, int ttlSeconds) {
    this.pool = pool;
    this.events = events;
    this.ttlSeconds = ttlSeconds;
  }

  /** Starts renewing this node's rows and sweeping expired ones (of any node). */
  public void start(Vertx vertx) {
    vertx.setPeriodic(Math.max(1_000, ttlSeconds * 1_000L / 3), id -> renew());
    vertx.setPeriodic(SWEEP_MS, id -> sweep());
  }

  void connected(UUID connection, UUID user) {
    pool.preparedQuery("""
            INSERT INTO live_presence (connection_id, user_id, node_id, ticket_id, state, expires_at)
            VALUES ($1, $2, $3, NULL, 'online', (now() AT TIME ZONE 'UTC') + make_interval(secs => $4))
            ON CONFLICT DO NOTHING""")
        .execute(Tuple.of(connection, user, node, (double) ttlSeconds))
        .onFailure(failure -> LOG.debug("presence insert failed: {}", failure.getMessage()));
  }

  void set(UUID connection, UUID user, long ticketId, String state) {
    pool.withTransaction(tx -> {
      Future<?> write = state.equals("left")
          ? tx.preparedQuery("DELETE FROM live_presence WHERE connection_id = $1 AND ticket_id = $2")
              .execute(Tuple.of(connection, ticketId))
          : tx.preparedQuery("""
                  INSERT INTO live_presence (connection_id, user_id, node_id, ticket_id, state, expires_at)
                  VALUES ($1, $2, $3, $4, $5, (now() AT TIME ZONE 'UTC') + make_interval(secs => $6))
                  ON CONFLICT (connection_id, coalesce(ticket_id, 0)) DO UPDATE
                     SET state = EXCLUDED.state, expires_at = EXCLUDED.expires_at,
                         changed_at = now() AT TIME ZONE 'UTC'""")
              .execute(Tuple.of(connection, user, node, ticketId, state, (double) ttlSeconds));
      return write.compose(written -> announce(tx, Set.of(ticketId)));
    }).onFailure(failure -> LOG.debug("presence update failed: {}", failure.getMessage()));
  }

  void disconnected(UUID connection) {
    pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM live_presence WHERE connection_id = $1 RETURNING ticket_id")
            .execute(Tuple.of(connection))
            .compose(rows -> announce(tx, tickets(rows))))
        .onFailure(failure -> LOG.debug("presence cleanup failed: {}", failure.getMessage()));
  }

  private void renew() {
    pool.preparedQuery("""
            UPDATE live_presence SET expires_at = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2)
             WHERE node_id = $1""")
        .execute(Tuple.of(node, (double) ttlSeconds))
        .onFailure(failure -> LOG.debug("presence renewal failed: {}", failure.getMessage()));
  }

  /** Any node may sweep; DELETE ... RETURNING hands each expired row to exactly one of them. */
  private void sweep() {
    pool.withTransaction(tx -> tx.query("""
                DELETE FROM live_presence WHERE expires_at < now() AT TIME ZONE 'UTC' RETURNING ticket_id""")
            .execute()
            .compose(rows -> announce(tx, tickets(rows))))
        .onFailure(failure -> LOG.debug("presence sweep failed: {}", failure.getMessage()));
  }

  private static Set<Long> tickets(Iterable<Row> rows) {
    Set<Long> tickets = new LinkedHashSet<>();
    for (Row row : rows) {
      Long ticket = row.getLong("ticket_id");
      if (ticket != null) {
        tickets.add(ticket);
      }
    }
    return tickets;
  }

  /** One presence.changed per ticket, carrying everyone's current state there. */
  private Future<Void> announce(SqlClient tx, Set<Long> tickets) {
    Future<Void> chain = Future.succeededFuture();
    for (long ticket : tickets) {
      chain = chain.compose(done -> tx.preparedQuery("""
              SELECT p.user_id, u.login, u.first_name, u.last_name, p.state
                FROM live_presence p JOIN users u ON u.id = p.user_id
               WHERE p.ticket_id = $1 AND p.expires_at > now() AT TIME ZONE 'UTC'
               ORDER BY p.changed_at""")
          .execute(Tuple.of(ticket))
          .compose(rows -> {
            JsonArray viewers = new JsonArray();
            for (Row row : rows) {
              viewers.add(new JsonObject().put("user_id", row.getUUID("user_id").toString())
                  .put("login", row.getString("login"))
                  .put("name", (nullToEmpty(row.getString("first_name")) + " " + nullToEmpty(row.getString("last_name"))).strip())
                  .put("state", row.getString("state")));
            }
            return events.record(tx, EventName.PRESENCE_CHANGED, List.of(Topic.ticket(ticket)),
                new JsonObject().put("ticket_id", ticket).put("viewers", viewers)).mapEmpty();
          }));
    }
    return chain;
  }

  /** Agents with at least one live connection, cluster-wide. */
  public Future<Integer> agentsOnline() {
    return pool.query("""
            SELECT count(DISTINCT user_id) FROM live_presence
             WHERE ticket_id IS NULL AND expires_at > now() AT TIME ZONE 'UTC'""").execute()
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
