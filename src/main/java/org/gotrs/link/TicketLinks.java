package org.gotrs.link;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.Audience;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Links between tickets (OTRS's Normal and ParentChild), for agents: each shows on both tickets, from each one's side,
 * only to those who may read the other ticket too. Linking needs {@code rw} on the ticket and read access to the other;
 * both tickets record it in their history and announce it.
 */
public final class TicketLinks {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;

  public TicketLinks(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
  }

  /** The ticket's links to tickets the caller may read. */
  public Future<List<TicketLink>> list(Actor actor, long ticketId) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    var visible = permissions.ticketsVisibleTo(principal, "o", 2);
    List<Object> parameters = new ArrayList<>(List.of(ticketId));
    parameters.addAll(visible.parameters());
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.preparedQuery("""
                SELECT o.id, o.tn, o.title, s.name AS state, l.create_time,
                       CASE WHEN l.link_type = 'Normal' THEN 'normal'
                            WHEN l.source_ticket_id = $1 THEN 'parent' ELSE 'child' END AS type
                  FROM ticket_link l
                  JOIN ticket o ON o.id = CASE WHEN l.source_ticket_id = $1 THEN l.target_ticket_id
                                               ELSE l.source_ticket_id END
                  JOIN ticket_state s ON s.id = o.ticket_state_id
                 WHERE (l.source_ticket_id = $1 OR l.target_ticket_id = $1) AND %s
                 ORDER BY l.create_time, o.id""".formatted(visible.sql())).execute(Tuple.from(parameters)))
        .map(rows -> {
          List<TicketLink> links = new ArrayList<>();
          for (Row row : rows) {
            links.add(new TicketLink(row.getLong("id"), row.getString("tn"), row.getString("title"),
                row.getString("state"), row.getString("type"),
                row.getLocalDateTime("create_time").toInstant(ZoneOffset.UTC)));
          }
          return links;
        });
  }

  /**
   * The id of the ticket with this number, for linking by number; a 422 at {@code ticket_number} when there is none
   * (the same answer {@link #add} gives for a ticket the caller may not read).
   */
  public Future<Long> ticketByNumber(String number) {
    return pool.preparedQuery("SELECT id FROM ticket WHERE tn = $1").execute(Tuple.of(number.strip()))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.invalid("ticket_number", "no such ticket"))
            : Future.succeededFuture(rows.iterator().next().getLong("id")));
  }

  /** Links the ticket to another; 409 when the two are linked already, 422 for a ticket linked to itself. */
  public Future<TicketLink> add(Actor actor, long ticketId, long otherId, LinkType type) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    if (ticketId == otherId) {
      return Future.failedFuture(Problem.invalid("ticket_id", "a ticket cannot be linked to itself"));
    }
    return permissions.requireOnTicket(pool, principal, ticketId, "rw")
        .compose(mayChange -> permissions.requireOnTicket(pool, principal, otherId, "ro")
            .recover(hidden -> Future.failedFuture(Problem.invalid("ticket_id", "no such ticket"))))
        .compose(mayRead -> pool.withTransaction(tx -> {
          long source = type == LinkType.CHILD ? otherId : ticketId;
          long target = type == LinkType.CHILD ? ticketId : otherId;
          return tx.preparedQuery("""
                  INSERT INTO ticket_link (source_ticket_id, target_ticket_id, link_type, create_by)
                  VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING RETURNING create_time""")
              .execute(Tuple.of(source, target, type.otrsType(), principal.userId()))
              .compose(rows -> rows.size() == 0
                  ? Future.failedFuture(Problem.conflict("the tickets are linked already"))
                  : announce(tx, actor, ticketId, otherId, type, true))
              .compose(done -> audit.record(tx, actor, AuditLog.Entry.success("ticket.link", "ticket", ticketId, null,
                  Map.of("ticket_id", otherId, "type", type.wire))));
        }))
        .compose(done -> list(actor, ticketId))
        .map(links -> links.stream().filter(link -> link.ticketId() == otherId).findFirst().orElseThrow());
  }

  /** Removes the link between the two tickets, whichever way it was made; 404 when there is none. */
  public Future<Void> remove(Actor actor, long ticketId, long otherId) {
    permissions.requireAgent(actor.principal());
    return permissions.requireOnTicket(pool, actor.principal(), ticketId, "rw")
        .compose(mayChange -> pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM ticket_link
                 WHERE (source_ticket_id = $1 AND target_ticket_id = $2) OR (source_ticket_id = $2 AND target_ticket_id = $1)
                RETURNING link_type, source_ticket_id""")
            .execute(Tuple.of(ticketId, otherId))
            .compose(rows -> {
              if (rows.size() == 0) {
                return Future.failedFuture(Problem.notFound("ticket " + ticketId + " is not linked to " + otherId));
              }
              Row row = rows.iterator().next();
              LinkType type = row.getString("link_type").equals("Normal") ? LinkType.NORMAL
                  : row.getLong("source_ticket_id") == ticketId ? LinkType.PARENT : LinkType.CHILD;
              return announce(tx, actor, ticketId, otherId, type, false);
            })
            .compose(done -> audit.record(tx, actor, AuditLog.Entry.success("ticket.unlink", "ticket", ticketId,
                Map.of("ticket_id", otherId), null)))));
  }

  /** History on both tickets, and an event on each, seen from its own side. */
  private Future<Void> announce(SqlClient tx, Actor actor, long ticketId, long otherId, LinkType type, boolean added) {
    LinkType reverse = type == LinkType.PARENT ? LinkType.CHILD : type == LinkType.CHILD ? LinkType.PARENT : type;
    return tx.preparedQuery("SELECT id, tn, queue_id, customer_id, customer_user_id FROM ticket WHERE id = ANY ($1)")
        .execute(Tuple.of((Object) new Long[] {ticketId, otherId}))
        .compose(rows -> {
          Row mine = null;
          Row other = null;
          for (Row row : rows) {
            if (row.getLong("id") == ticketId) {
              mine = row;
            } else {
              other = row;
            }
          }
          Row first = mine;
          Row second = other;
          return side(tx, actor, first, second, type, added).compose(done -> side(tx, actor, second, first, reverse, added));
        });
  }

  private Future<Void> side(SqlClient tx, Actor actor, Row ticket, Row other, LinkType type, boolean added) {
    long id = ticket.getLong("id");
    long otherId = other.getLong("id");
    String otherTn = other.getString("tn");
    UUID agent = actor.principal().userId();
    Integer queueId = ticket.getInteger("queue_id");
    JsonObject data = Audience.of(queueId, ticket.getString("customer_id"), ticket.getUUID("customer_user_id"),
        List.of()).addTo(new JsonObject().put("ticket_id", id).put("queue_id", queueId)
        .put("other_ticket_id", otherId).put("other_tn", otherTn).put("type", type.wire));
    return history.record(tx, id, agent, List.of(TicketHistory.Change.of(added ? "TicketLinkAdd" : "TicketLinkDelete",
            "%%" + otherTn + "%%" + otherId + "%%" + type.otrsType(), null, otherTn)))
        .compose(written -> events.record(tx, added ? EventName.TICKET_LINKED : EventName.TICKET_UNLINKED,
            List.of(Topic.queue(queueId), Topic.ticket(id)), data))
        .mapEmpty();
  }
}
