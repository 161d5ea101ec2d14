package org.gotrs.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.http.Problem;
import org.gotrs.lookup.StateType;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketChanges;
import org.gotrs.ticket.TicketService;

/**
 * An article added on the native API, and for an agent what comes with it, in one transaction: a reply addressed to
 * the customer (or to all who got the article it answers), a forward with the forwarded article's files, the
 * salutation and signature around an e-mail's text, the ticket moved to its next state ({@code open} by default when
 * an e-mail answers a {@code new} ticket), and the agent's draft on the ticket discarded.
 */
public final class ReplyService {

  private static final String OPEN = "open";

  private final Pool pool;
  private final ArticleService articles;
  private final AttachmentStore attachments;
  private final TicketService tickets;
  private final Drafts drafts;
  private final ReplyDecoration decoration;
  private final Clock clock;
  private final Permissions permissions;

  public ReplyService(Pool pool, Permissions permissions, ArticleService articles, AttachmentStore attachments,
                      TicketService tickets, Drafts drafts, ReplyDecoration decoration, Clock clock) {
    this.pool = pool;
    this.permissions = permissions;
    this.articles = articles;
    this.attachments = attachments;
    this.tickets = tickets;
    this.drafts = drafts;
    this.decoration = decoration;
    this.clock = clock;
  }

  Future<Article> add(Actor actor, long ticketId, ArticleDraft draft, Reply reply) {
    if (!actor.principal().isAgent()) {
      return reply.namesAnything()
          ? Future.failedFuture(Problem.forbidden("replies, forwards and next states are for agents"))
          : articles.add(actor, ticketId, draft);
    }
    return articles.requireMayAdd(actor, ticketId, draft).compose(allowed -> pool.withTransaction(tx ->
        tx.preparedQuery(ReplySql.LOCKED_CONTEXT)
            .execute(Tuple.of(ticketId, reply.replyToArticleId(), reply.forwardOfArticleId(), reply.nextState()))
            .compose(rows -> rows.size() == 0
                ? Future.failedFuture(Problem.notFound("ticket " + ticketId + " not found"))
                : write(tx, actor, ticketId, draft, reply, ReplyContext.from(rows.iterator().next())))));
  }

  /**
   * What a reply or forward gets when the agent leaves To, Cc, subject and next state to the server, and the queue's
   * salutation and signature filled for the ticket and the agent: the composer shows it before anything is written.
   * 404/403 as for reading the ticket.
   */
  Future<JsonObject> defaults(Actor actor, long ticketId, Reply reply) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    return permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(readable -> pool.preparedQuery(ReplySql.CONTEXT)
            .execute(Tuple.of(ticketId, reply.replyToArticleId(), reply.forwardOfArticleId(), null)))
        .compose(rows -> {
          ReplyContext context = ReplyContext.from(rows.iterator().next());
          if (reply.answers() && context.replied() == null) {
            return Future.failedFuture(Problem.invalid("reply_to_article_id", "names no article of this ticket"));
          }
          if (reply.forwards() && context.forwardedId() == null) {
            return Future.failedFuture(Problem.invalid("forward_of_article_id", "names no article of this ticket"));
          }
          ArticleDraft addressed = ReplyAddressing.address(new ArticleDraft("email-external", ArticleDraft.AGENT,
              principal.login(), null, null, null, null, false, null, null, null, 0), reply, context);
          JsonObject defaults = new JsonObject().put("to", addressed.toAddress())
              .put("cc", addressed.ccAddress()).put("subject", addressed.subject())
              .put("next_state", context.stateType() == StateType.NEW.id() ? OPEN : null);
          return decoration.texts(pool, context.queueId(), ticketId, principal.userId()).map(defaults::mergeIn);
        });
  }

  private Future<Article> write(SqlClient tx, Actor actor, long ticketId, ArticleDraft draft, Reply reply,
                                ReplyContext context) {
    List<Problem.FieldError> errors = refused(draft, reply, context);
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.invalid(errors));
    }
    UUID agent = actor.principal().userId();
    ArticleDraft addressed = ReplyAddressing.address(draft, reply, context);
    String nextState = reply.nextState() != null ? reply.nextState()
        : draft.isAgentEmail() && context.stateType() == StateType.NEW.id() ? OPEN : null;
    return decorated(tx, actor, ticketId, addressed, reply, context)
        .compose(ready -> articles.addInTransaction(tx, actor, ticketId, ready))
        .compose(article -> (reply.forwards()
                ? attachments.copy(tx, reply.forwardOfArticleId(), article.id(), agent)
                : Future.succeededFuture(0))
            .compose(copied -> nextState == null ? Future.succeededFuture()
                : tickets.changeInTransaction(tx, actor, ticketId, TicketChanges.toState(nextState, reply.pendingUntil())))
            .compose(moved -> drafts.discard(tx, ticketId, agent))
            .map(article));
  }

  /** The queue's salutation and signature around an agent's e-mail, unless the request asked for none. */
  private Future<ArticleDraft> decorated(SqlClient tx, Actor actor, long ticketId, ArticleDraft draft, Reply reply,
                                         ReplyContext context) {
    if (!draft.isAgentEmail() || !reply.decorate()) {
      return Future.succeededFuture(draft);
    }
    return decoration.decorate(tx, context.queueId(), ticketId, actor.principal().userId(), draft.body())
        .map(draft::withBody);
  }

  /** Every member that names something not there or not allowed, at its field. */
  private List<Problem.FieldError> refused(ArticleDraft draft, Reply reply, ReplyContext context) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (reply.answers() && context.replied() == null) {
      errors.add(new Problem.FieldError("reply_to_article_id", "names no article of this ticket"));
    }
    if (reply.forwards() && context.forwardedId() == null) {
      errors.add(new Problem.FieldError("forward_of_article_id", "names no article of this ticket"));
    }
    if (reply.forwards() && !draft.isAgentEmail()) {
      errors.add(new Problem.FieldError("article_type", "a forward is an e-mail (email-external)"));
    }
    ReplyContext.NextState next = context.next();
    if (reply.nextState() != null && next == null) {
      errors.add(new Problem.FieldError("next_state", "names no valid state"));
    } else if (next != null && next.type() == StateType.MERGED.id()) {
      errors.add(new Problem.FieldError("next_state", "a ticket is merged through POST /tickets/{id}/merge"));
    }
    boolean pending = next != null && next.type() == StateType.PENDING.id();
    if (pending && reply.pendingUntil() == null) {
      errors.add(new Problem.FieldError("pending_until", "a pending state needs a pending time"));
    } else if (reply.pendingUntil() != null && !pending) {
      errors.add(new Problem.FieldError("pending_until", "goes only with a pending next_state"));
    } else if (pending && reply.pendingUntil() <= clock.instant().getEpochSecond()) {
      errors.add(new Problem.FieldError("pending_until", "must lie in the future"));
    }
    return errors;
  }
}
