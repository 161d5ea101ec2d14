package org.gotrs.bulk;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.article.ArticleService;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;
import org.gotrs.ticket.TicketService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a bulk action ticket by ticket, each in its own transaction through the same write path as a PATCH, a note
 * or a merge of one ticket: its own permission check, history, audit row and events. A ticket the agent may not
 * change is answered in its result and the others go on.
 */
final class BulkActions {

  private static final Logger LOG = LoggerFactory.getLogger(BulkActions.class);
  /** Tickets written at once: each holds a pooled connection for its transaction, so a few, not all. */
  private static final int LANES = 4;

  private final Pool pool;
  private final Permissions permissions;
  private final TicketService tickets;
  private final ArticleService articles;

  BulkActions(Pool pool, Permissions permissions, TicketService tickets, ArticleService articles) {
    this.pool = pool;
    this.permissions = permissions;
    this.tickets = tickets;
    this.articles = articles;
  }

  /** Bulk actions are for agents, and not for read-only API keys: 403 before the body is read. */
  void requireMayRun(Principal principal) {
    permissions.requireAgent(principal);
    if (principal.readOnly()) {
      throw Problem.forbidden("this API key is read-only");
    }
  }

  /** One result per ticket, in the order the request named them. */
  Future<List<BulkResult>> run(Actor actor, BulkAction action) {
    Map<Long, BulkResult> results = new HashMap<>();
    List<Future<Void>> lanes = new ArrayList<>();
    for (int lane = 0; lane < LANES; lane++) {
      Future<Void> done = Future.succeededFuture();
      for (int i = lane; i < action.ticketIds().size(); i += LANES) {
        long id = action.ticketIds().get(i);
        done = done.compose(previous -> one(actor, action, id)
            .map(ok -> BulkResult.done(id))
            .recover(failure -> Future.succeededFuture(refused(id, failure)))
            .map(result -> {
              results.put(id, result);
              return null;
            }));
      }
      lanes.add(done);
    }
    return Future.all(lanes).map(all -> action.ticketIds().stream().map(results::get).toList());
  }

  private Future<?> one(Actor actor, BulkAction action, long id) {
    if (action.mergeInto() != null) {
      return tickets.merge(actor, id, action.mergeInto());
    }
    String key = action.note() != null ? ArticleService.keyFor(action.note()) : "ro";
    return pool.withTransaction(tx -> permissions.requireOnTicket(tx, actor.principal(), id, key)
        .compose(allowed -> action.note() == null ? Future.succeededFuture()
            : articles.addInTransaction(tx, actor, id, action.note()))
        .compose(noted -> action.changes() == null ? Future.succeededFuture()
            : tickets.changeInTransaction(tx, actor, id, action.changes())));
  }

  private static BulkResult refused(long id, Throwable failure) {
    if (failure instanceof Problem problem) {
      return BulkResult.refused(id, problem);
    }
    LOG.warn("bulk action on ticket {} failed: {}", id, failure.toString());
    return BulkResult.refused(id, new Problem(500, "Internal Server Error", "the change could not be written"));
  }
}
