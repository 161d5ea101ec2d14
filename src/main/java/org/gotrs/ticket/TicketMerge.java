package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleStore;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.history.TicketHistory;
import org.gotrs.history.TicketWriteHook;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.number.TicketNumberGenerator;

/**
 * Merge (OTRS semantics: the source's articles move to the target, the source becomes 'merged' and points
 * at it) and split (an article becomes the first article of a new ticket that remembers where it came from).
 */
final class TicketMerge {

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final ArticleStore articles;
  private final TicketNumberGenerator numbers;
  private final TicketWriteHook afterWrite;

  TicketMerge(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
              ArticleStore articles, TicketNumberGenerator numbers, TicketWriteHook afterWrite) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
    this.articles = articles;
    this.numbers = numbers;
    this.afterWrite = afterWrite;
  }

  Future<Ticket> merge(Actor actor, long sourceId, long targetId) {
    if (sourceId == targetId) {
      return Future.failedFuture(Problem.invalid("into_ticket_id", "cannot merge a ticket into itself"));
    }
    var principal = actor.principal();
    if (!principal.isAgent()) {
      return Future.failedFuture(Problem.forbidden("only agents merge tickets"));
    }
    UUID agent = principal.userId();
    return permissions.requireOnTicket(pool, principal, sourceId, "rw")
        .compose(ok -> permissions.requireOnTicket(pool, principal, targetId, "rw")
            .recover(failure -> Future.failedFuture(failure instanceof Problem p && p.status() == 404
                ? Problem.invalid("into_ticket_id", "names no ticket you may change") : failure)))
        .compose(ok -> pool.withTransaction(tx -> tx.preparedQuery("""
                    SELECT t.id, t.tn, t.merged_to_id, t.queue_id, s.type_id AS state_type
                      FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
                     WHERE t.id IN ($1, $2) ORDER BY t.id FOR NO KEY UPDATE OF t""")
            .execute(Tuple.of(sourceId, targetId))
            .compose(rows -> {
              String sourceTn = null;
              String targetTn = null;
              JsonObject previous = null;
              for (var row : rows) {
                if (row.getInteger("state_type") == StateType.MERGED.id()) {
                  return Future.failedFuture(Problem.conflict("ticket " + row.getLong("id") + " is already merged"));
                }
                if (row.getLong("id") == sourceId) {
                  sourceTn = row.getString("tn");
                  previous = TicketService.previous(row.getInteger("queue_id"), row.getInteger("state_type"));
                } else {
                  targetTn = row.getString("tn");
                }
              }
              return move(tx, actor, agent, sourceId, sourceTn, targetId, targetTn, previous);
            })));
  }

  private Future<Ticket> move(SqlClient tx, Actor actor, UUID agent, long sourceId, String sourceTn, long targetId,
                              String targetTn, JsonObject previous) {
    return tx.preparedQuery("UPDATE article SET ticket_id = $2 WHERE ticket_id = $1").execute(Tuple.of(sourceId, targetId))
        .compose(moved -> tx.preparedQuery("UPDATE time_accounting SET ticket_id = $2 WHERE ticket_id = $1")
            .execute(Tuple.of(sourceId, targetId)))
        .compose(moved -> tx.preparedQuery("""
                UPDATE ticket SET merged_to_id = $2, until_time = 0, change_time = now(), change_by = $3,
                       ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'merged')
                 WHERE id = $1""").execute(Tuple.of(sourceId, targetId, agent)))
        .compose(updated -> tx.preparedQuery("UPDATE ticket SET change_time = now(), change_by = $2 WHERE id = $1")
            .execute(Tuple.of(targetId, agent)))
        .compose(touched -> articles.insert(tx, sourceId, new ArticleDraft("note-internal", ArticleDraft.SYSTEM, null,
            null, null, "Merged into " + targetTn,
            ArticleBody.of("text/plain", "This ticket was merged into ticket " + targetTn + "."), true, null, null,
            null, 0), agent))
        .compose(note -> history.record(tx, sourceId, agent, List.of(TicketHistory.Change.of("Merged",
                "%%" + sourceTn + "%%" + sourceId + "%%" + targetTn + "%%" + targetId, sourceTn, targetTn)))
            .compose(written -> history.record(tx, targetId, agent, List.of(TicketHistory.Change.of("Merged",
                "%%" + sourceTn + "%%" + sourceId + "%%" + targetTn + "%%" + targetId, sourceTn, targetTn)))))
        .compose(written -> afterWrite.ticketWritten(tx, sourceId))
        .compose(indexed -> afterWrite.ticketWritten(tx, targetId))
        .compose(indexed -> audit.record(tx, actor, AuditLog.Entry.success("ticket.merge", "ticket", sourceId,
            Map.of("tn", sourceTn), Map.of("merged_to_id", targetId, "merged_to_tn", targetTn))))
        .compose(audited -> TicketService.find(tx, sourceId))
        .compose(source -> TicketService.find(tx, targetId).compose(target -> {
          List<Topic> topics = new ArrayList<>(TicketService.topics(source));
          topics.addAll(TicketService.topics(target));
          return TicketAudience.of(tx, new JsonObject().put("ticket", source.toJson()).put("into", target.toJson())
                  .put("previous", previous), source, target)
              .compose(data -> events.record(tx, EventName.TICKET_MERGED, topics, data))
              .map(source);
        }));
  }

  /** A new ticket whose first article is a copy of the given article; it records split_from_id. */
  Future<Ticket> split(Actor actor, long ticketId, long articleId, String title, Integer queueId) {
    var principal = actor.principal();
    if (!principal.isAgent()) {
      return Future.failedFuture(Problem.forbidden("only agents split tickets"));
    }
    UUID agent = principal.userId();
    return permissions.requireOnTicket(pool, principal, ticketId, "rw")
        .compose(ok -> queueId == null ? Future.succeededFuture() : requireValidQueue(queueId)
            .compose(valid -> permissions.requireOnQueue(pool, principal, queueId, "create")))
        .compose(ok -> numbers.next(pool))
        .compose(tn -> pool.withTransaction(tx -> tx.preparedQuery("""
                INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id,
                                    responsible_user_id, ticket_priority_id, ticket_state_id, customer_id,
                                    customer_user_id, create_by, change_by, source, split_from_id, tags)
                SELECT $1, coalesce($2, a.subject, t.title), coalesce($3, t.queue_id), 1, t.type_id, t.service_id,
                       t.sla_id, NULL, t.responsible_user_id, t.ticket_priority_id,
                       (SELECT id FROM ticket_state WHERE name = 'new'), t.customer_id, t.customer_user_id, $4, $4,
                       t.source, t.id, t.tags
                  FROM ticket t JOIN article a ON a.ticket_id = t.id
                 WHERE t.id = $5 AND a.id = $6
             RETURNING id""")
            .execute(Tuple.from(new Object[] {tn, title, queueId, agent, ticketId, articleId}))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(Problem.notFound("article " + articleId + " not found on ticket " + ticketId))
                : Future.succeededFuture(rows.iterator().next().getLong("id")))
            .compose(newId -> tx.preparedQuery("""
                    INSERT INTO article (ticket_id, article_type_id, article_sender_type_id, from_address, to_address,
                                         cc_address, subject, message_id, message_id_md5, in_reply_to, "references",
                                         content_type, body, html_body, plain_body, internal_note,
                                         is_visible_for_customer, incoming_time, create_by, change_by, read_status,
                                         bcc_address)
                    SELECT $1, article_type_id, article_sender_type_id, from_address, to_address, cc_address, subject,
                           NULL, NULL, in_reply_to, "references", content_type, body, html_body, plain_body,
                           internal_note, is_visible_for_customer, incoming_time, $3, $3, read_status, bcc_address
                      FROM article WHERE id = $2""")
                .execute(Tuple.of(newId, articleId, agent))
                .compose(copied -> history.record(tx, newId, agent, List.of(TicketHistory.Change.of("NewTicket",
                    "%%" + tn + "%%split from " + ticketId, ticketId, tn))))
                .compose(written -> history.record(tx, ticketId, agent, List.of(TicketHistory.Change.of(
                    "TicketLinkAdd", "%%" + tn + "%%" + newId + "%%split", null, tn))))
                .compose(written -> afterWrite.ticketWritten(tx, newId))
                .compose(indexed -> audit.record(tx, actor, AuditLog.Entry.success("ticket.split", "ticket", newId,
                    null, Map.of("split_from_id", ticketId, "article_id", articleId, "tn", tn))))
                .compose(audited -> TicketService.find(tx, newId))
                .compose(ticket -> TicketAudience.of(tx, new JsonObject().put("ticket", ticket.toJson()), ticket)
                    .compose(data -> events.record(tx, EventName.TICKET_CREATED, TicketService.topics(ticket), data))
                    .map(ticket)))));
  }

  /** A split may go to another queue, but not to one that is retired (valid_id ≠ 1) or does not exist. */
  private Future<Void> requireValidQueue(int queueId) {
    return pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM queue WHERE id = $1 AND valid_id = 1)")
        .execute(Tuple.of(queueId))
        .compose(rows -> rows.iterator().next().getBoolean(0) ? Future.succeededFuture()
            : Future.failedFuture(Problem.invalid("queue_id", "names no valid queue")));
  }
}
