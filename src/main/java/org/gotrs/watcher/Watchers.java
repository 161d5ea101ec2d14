package org.gotrs.watcher;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.history.TicketHistory;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Agents watching tickets (OTRS {@code ticket_watcher}): any agent who may read a ticket may watch it, and its
 * history says so; the ticket list's {@code watched=true} shows the caller's. Watchers are who notifications of
 * changes on watched tickets go to.
 */
public final class Watchers {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final TicketHistory history;

  public Watchers(Pool pool, Permissions permissions, AuditLog audit, TicketHistory history) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.history = history;
  }

  public Future<List<Watcher>> list(Actor actor, long ticketId) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.preparedQuery("""
                SELECT w.user_id, u.login, trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')) AS name,
                       w.create_time
                  FROM ticket_watcher w JOIN users u ON u.id = w.user_id
                 WHERE w.ticket_id = $1 ORDER BY w.create_time, u.login""").execute(Tuple.of(ticketId)))
        .map(rows -> {
          List<Watcher> watchers = new ArrayList<>();
          for (Row row : rows) {
            watchers.add(new Watcher(row.getUUID("user_id"), row.getString("login"), row.getString("name"),
                row.getLocalDateTime("create_time").toInstant(ZoneOffset.UTC)));
          }
          return watchers;
        });
  }

  /** The caller watches the ticket from now on; watching again changes nothing. */
  public Future<Void> watch(Actor actor, long ticketId) {
    return change(actor, ticketId, true);
  }

  /** The caller stops watching the ticket; not watching it already changes nothing. */
  public Future<Void> unwatch(Actor actor, long ticketId) {
    return change(actor, ticketId, false);
  }

  private Future<Void> change(Actor actor, long ticketId, boolean watch) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    String sql = watch
        ? "INSERT INTO ticket_watcher (ticket_id, user_id) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING ticket_id"
        : "DELETE FROM ticket_watcher WHERE ticket_id = $1 AND user_id = $2 RETURNING ticket_id";
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.withTransaction(tx -> tx.preparedQuery(sql)
            .execute(Tuple.of(ticketId, principal.userId()))
            .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
                : history.record(tx, ticketId, principal.userId(), List.of(TicketHistory.Change.of(
                        watch ? "Subscribe" : "Unsubscribe", "%%" + principal.login(), null, principal.login())))
                    .compose(written -> audit.record(tx, actor, AuditLog.Entry.success(
                        watch ? "ticket.watch" : "ticket.unwatch", "ticket", ticketId, null,
                        Map.of("user_id", principal.userId().toString())))))));
  }
}
