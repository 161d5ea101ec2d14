package org.gotrs.article;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.events.Audience;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.history.TicketHistory;
import org.gotrs.history.TicketWriteHook;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Adding articles to tickets (replies, notes, phone notes, customer follow-ups) and reading them with the
 * customer visibility rules. A customer follow-up on a closed ticket reopens it or is refused, per the
 * queue's follow-up setting, as in OTRS.
 */
public final class ArticleService {

  private static final int FOLLOW_UP_POSSIBLE = 1;

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final DomainEvents events;
  private final TicketHistory history;
  private final ArticleStore store;
  private final TicketWriteHook afterWrite;

  public ArticleService(Pool pool, Permissions permissions, AuditLog audit, DomainEvents events, TicketHistory history,
                        ArticleStore store, TicketWriteHook afterWrite) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.events = events;
    this.history = history;
    this.store = store;
    this.afterWrite = afterWrite;
  }

  /** What a 422 says when an agent's article in a queue that asks for time units names none. */
  public static final String TIME_UNITS_REQUIRED = "is required: this ticket's queue asks for the time units worked";

  /**
   * Whether an agent's article fails a queue that asks for time units: it names none. Chat messages and the system's
   * articles account no time.
   */
  public static boolean missesTimeUnits(ArticleDraft draft) {
    return draft.timeUnit() == null && draft.senderTypeId() == ArticleDraft.AGENT
        && !draft.articleType().startsWith("chat-");
  }

  /** The OTRS key an agent needs: replies that leave the house need rw, notes need note. */
  public static String keyFor(ArticleDraft draft) {
    return draft.articleType().startsWith("email-") ? "rw" : "note";
  }

  public Future<Article> add(Actor actor, long ticketId, ArticleDraft draft) {
    return requireMayAdd(actor, ticketId, draft)
        .compose(allowed -> pool.withTransaction(tx -> addInTransaction(tx, actor, ticketId, draft)));
  }

  /** 404 unless the caller may read the ticket, 403 unless they may write this article on it ({@link #keyFor}). */
  public Future<Void> requireMayAdd(Actor actor, long ticketId, ArticleDraft draft) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, principal.isAgent() ? keyFor(draft) : "ro");
  }

  /** For channels that already hold a transaction (chat, email): writes, reopens, records history and events. */
  public Future<Article> addInTransaction(SqlClient tx, Actor actor, long ticketId, ArticleDraft draft) {
    return write(tx, actor, ticketId, draft, true);
  }

  /**
   * Adds a customer's message to a closed ticket without reopening it, whatever the queue's follow-up setting:
   * an email follow-up the queue rejects is still kept on the ticket, as in OTRS.
   */
  public Future<Article> addWithoutReopening(SqlClient tx, Actor actor, long ticketId, ArticleDraft draft) {
    return write(tx, actor, ticketId, draft, false);
  }

  private Future<Article> write(SqlClient tx, Actor actor, long ticketId, ArticleDraft draft, boolean mayReopen) {
    Principal principal = actor == null ? null : actor.principal();
    UUID agent = principal != null && principal.isAgent() ? principal.userId() : null;
    return tx.preparedQuery("""
            SELECT t.queue_id, t.customer_id, t.customer_user_id, t.source, s.type_id AS state_type, s.name AS state, coalesce(q.follow_up_id, 1) AS follow_up,
                   t.create_time, coalesce(q.time_units_required, false) AS time_units_required,
                   NOT EXISTS (SELECT 1 FROM article a WHERE a.ticket_id = t.id AND a.article_sender_type_id = 1
                                  AND a.is_visible_for_customer = 1) AS unanswered
              FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id LEFT JOIN queue q ON q.id = t.queue_id
             WHERE t.id = $1 FOR NO KEY UPDATE OF t""")
        .execute(Tuple.of(ticketId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.notFound("ticket " + ticketId + " not found"));
          }
          Row ticket = rows.iterator().next();
          int stateType = ticket.getInteger("state_type");
          if (stateType == StateType.MERGED.id()) {
            return Future.failedFuture(Problem.conflict("ticket " + ticketId + " is merged; write to the ticket it was merged into"));
          }
          boolean customerFollowUp = mayReopen && draft.senderTypeId() == ArticleDraft.CUSTOMER
              && stateType == StateType.CLOSED.id();
          if (customerFollowUp && ticket.getInteger("follow_up") != FOLLOW_UP_POSSIBLE) {
            return Future.failedFuture(Problem.conflict("this ticket is closed and its queue takes no follow-ups; open a new ticket"));
          }
          if (agent != null && ticket.getBoolean("time_units_required") && missesTimeUnits(draft)) {
            return Future.failedFuture(Problem.invalid("time_unit", TIME_UNITS_REQUIRED));
          }
          return store.insert(tx, ticketId, draft, agent).compose(article -> {
            List<TicketHistory.Change> changes = new ArrayList<>();
            changes.add(ArticleHistory.forFollowUp(draft).withArticle(article.id()));
            if (customerFollowUp) {
              changes.add(TicketHistory.Change.of("StateUpdate", "%%" + ticket.getString("state") + "%%open%%",
                  ticket.getString("state"), "open"));
            }
            String reopen = customerFollowUp ? ", ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'open')" : "";
            // the owner's article on a locked ticket restarts the queue's unlock timeout (OTRS's ticket.timeout)
            return tx.preparedQuery("UPDATE ticket SET change_time = now(), change_by = coalesce($2, change_by)" + reopen
                    + ", timeout = CASE WHEN ticket_lock_id = 2 AND user_id = $2 "
                    + " THEN extract(epoch FROM now())::int ELSE timeout END WHERE id = $1").execute(Tuple.of(ticketId, agent))
                .compose(touched -> history.record(tx, ticketId, agent, changes))
                .compose(written -> store.accountTime(tx, article, draft, agent))
                .compose(accounted -> afterWrite.ticketWritten(tx, ticketId))
                .compose(indexed -> audit.record(tx, actor, AuditLog.Entry.success("article.create", "article",
                    article.id(), null, Map.of("ticket_id", ticketId, "article_type", draft.articleType(),
                        "internal_note", draft.internalNote()))))
                .compose(audited -> {
                  Integer queueId = ticket.getInteger("queue_id");
                  String customerId = ticket.getString("customer_id");
                  UUID customerUserId = ticket.getUUID("customer_user_id");
                  List<Topic> topics = List.of(Topic.queue(queueId), Topic.ticket(ticketId));
                  Audience audience = Audience.of(queueId, customerId, customerUserId, List.of());
                  Future<?> reopened = customerFollowUp
                      ? events.record(tx, EventName.TICKET_UPDATED, topics, audience.addTo(new JsonObject()
                          .put("ticket_id", ticketId)
                          .put("changed", new JsonArray().add("state_id"))
                          .put("ticket", new JsonObject().put("id", ticketId).put("queue_id", queueId)
                              .put("customer_id", customerId)
                              .put("customer_user_id", customerUserId == null ? null : customerUserId.toString())
                              .put("state", "open").put("state_type", StateType.OPEN.wire()))
                          .put("previous", new JsonObject().put("queue_id", queueId)
                              .put("state_type", StateType.nameOf(stateType)))))
                      : Future.succeededFuture();
                  JsonObject data = audience.addTo(ArticleHistory.eventData(ticketId, queueId,
                      ticket.getString("source"), article)).put(CommittedEvent.ACTOR, agent == null ? null : agent.toString());
                  if (ticket.getBoolean("unanswered") && draft.senderTypeId() == ArticleDraft.AGENT
                      && draft.visibleForCustomer()) {
                    data.put("first_response_seconds", java.time.Duration.between(
                        ticket.getLocalDateTime("create_time"), article.createTime().atZone(java.time.ZoneOffset.UTC)
                            .toLocalDateTime()).toSeconds());
                  }
                  return reopened.compose(done -> events.record(tx, EventName.ARTICLE_CREATED, topics, data));
                })
                .map(announced -> draft.timeUnit() == null ? article : article.withTimeUnit(draft.timeUnit()));
          });
        });
  }

  /** Read marks are set by agents who may write notes on the ticket; checked before the body is read. */
  public Future<Void> mayMarkRead(Actor actor, long ticketId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "note").compose(allowed -> principal.isAgent()
        ? Future.succeededFuture() : Future.failedFuture(Problem.forbidden("read marks are for agents")));
  }

  /** Marks an article read or unread for the agents' queue views (after {@link #mayMarkRead}). */
  public Future<Article> markRead(Actor actor, long ticketId, long articleId, boolean read) {
    return mayMarkRead(actor, ticketId)
        .compose(allowed -> pool.preparedQuery(
                "UPDATE article SET read_status = $3 WHERE id = $2 AND ticket_id = $1 RETURNING id")
            .execute(io.vertx.sqlclient.Tuple.of(ticketId, articleId, read)))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.notFound("article " + articleId + " not found on ticket " + ticketId))
            : pool.preparedQuery(Article.SELECT + " WHERE a.id = $1").execute(io.vertx.sqlclient.Tuple.of(articleId)))
        .map(rows -> Article.from(rows.iterator().next()));
  }

  public Future<List<Article>> list(Actor actor, long ticketId) {
    Principal principal = actor.principal();
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> store.list(pool, ticketId, principal.isCustomer()));
  }
}
