package org.gotrs.reply;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.UUID;
import java.util.function.Supplier;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * What an agent is writing on a ticket, kept on the server so that it survives a reload and follows them to another
 * device: one draft per agent and ticket, theirs alone, gone once they send or discard it.
 */
public final class Drafts {

  private final Pool pool;
  private final Permissions permissions;

  public Drafts(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  /** The caller's draft on the ticket; 404 when there is none (or the ticket is not theirs to read). */
  Future<JsonObject> get(Actor actor, long ticketId) {
    Principal agent = agent(actor);
    return permissions.requireOnTicket(pool, agent, ticketId, "ro")
        .compose(readable -> pool.preparedQuery(ReplySql.DRAFT).execute(Tuple.of(ticketId, agent.userId())))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.notFound("no draft on ticket " + ticketId))
            : Future.succeededFuture(view(ticketId, rows.iterator().next())));
  }

  /**
   * Keeps the draft in place of the caller's earlier one; an agent who may write on the ticket may keep one. The
   * body is read only for such an agent, so that nobody else learns what a draft may hold.
   */
  Future<JsonObject> save(Actor actor, long ticketId, Supplier<JsonObject> content) {
    Principal agent = agent(actor);
    return permissions.requireOnTicket(pool, agent, ticketId, "note")
        .compose(writable -> pool.preparedQuery(ReplySql.SAVE_DRAFT)
            .execute(Tuple.of(ticketId, agent.userId(), content.get())))
        .map(rows -> view(ticketId, rows.iterator().next()));
  }

  Future<Void> discard(Actor actor, long ticketId) {
    Principal agent = agent(actor);
    return permissions.requireOnTicket(pool, agent, ticketId, "ro")
        .compose(readable -> discard(pool, ticketId, agent.userId()));
  }

  /** Drops the agent's draft in the caller's transaction: what was written has been sent. */
  Future<Void> discard(SqlClient client, long ticketId, UUID agent) {
    return client.preparedQuery(ReplySql.DISCARD_DRAFT).execute(Tuple.of(ticketId, agent)).mapEmpty();
  }

  private static JsonObject view(long ticketId, Row row) {
    JsonObject content = (JsonObject) row.getValue("content");
    return content.copy().put("ticket_id", ticketId)
        .put("change_time", row.getLocalDateTime("change_time").toInstant(ZoneOffset.UTC).toString());
  }

  private Principal agent(Actor actor) {
    permissions.requireAgent(actor.principal());
    return actor.principal();
  }
}
