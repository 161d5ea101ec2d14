package org.gotrs.invitation;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Function;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/** The invitation rules: administrators keep them (audited); the widget reads the ones it may show now. */
public final class ChatInvitations {

  private static final String SELECT = "SELECT " + ChatInvitation.COLUMNS + " FROM chat_invitation";

  /**
   * Active rules, in the order they were made, that may show now: those asking for a free agent only while one of
   * the rule's queue ($1 when it names none) could take a chat with fewer than $2 open.
   */
  private static final String SHOWABLE = """
      SELECT i.url_pattern, i.seconds_on_page, i.greeting, q.name AS queue
        FROM chat_invitation i LEFT JOIN queue q ON q.id = i.queue_id
       WHERE i.active AND (i.queue_id IS NULL OR q.valid_id = 1)
         AND (NOT i.only_when_agent_free OR chat_agent_free(coalesce(i.queue_id, $1), $2))
       ORDER BY i.id""";

  private final Pool pool;
  private final AuditLog audit;

  public ChatInvitations(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<List<ChatInvitation>> list() {
    return pool.query(SELECT + " ORDER BY id").execute().map(rows -> Rows.all(rows, ChatInvitation::from));
  }

  Future<ChatInvitation> get(int id) {
    return byId(pool, id, false);
  }

  /** What the widget may show now, for a widget whose chats go to {@code queueId}. */
  public Future<JsonArray> showable(int queueId, int seatsPerAgent) {
    return pool.preparedQuery(SHOWABLE).execute(Tuple.of(queueId, seatsPerAgent)).map(rows -> {
      JsonArray items = new JsonArray();
      rows.forEach(row -> items.add(new JsonObject()
          .put("url_pattern", row.getString("url_pattern"))
          .put("seconds_on_page", row.getInteger("seconds_on_page"))
          .put("greeting", row.getString("greeting"))
          .put("queue", row.getString("queue"))));
      return items;
    });
  }

  Future<ChatInvitation> create(Actor actor, ChatInvitation.Fields fields) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO chat_invitation (name, url_pattern, seconds_on_page, greeting, queue_id, active,
                                         only_when_agent_free)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
        .execute(Tuple.of(fields.name(), fields.urlPattern(), fields.secondsOnPage(), fields.greeting(),
            fields.queueId(), fields.active(), fields.onlyWhenAgentFree()))
        .compose(rows -> byId(tx, rows.iterator().next().getInteger("id"), false))
        .compose(created -> audit.record(tx, actor, AuditLog.Entry.success("chat_invitation.create",
            "chat_invitation", created.id(), null, Rows.json(created).getMap())).map(created)))
        .recover(refused(fields.name()));
  }

  /** {@code changes} over the stored rule, checked as a whole: a PUT or PATCH may leave fields out. */
  Future<ChatInvitation> update(Actor actor, int id, JsonObject changes) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
      ChatInvitation.Fields fields = ChatInvitation.Fields.read(Input.of(Rows.json(before).mergeIn(changes)));
      return tx.preparedQuery("""
              UPDATE chat_invitation
                 SET name = $1, url_pattern = $2, seconds_on_page = $3, greeting = $4, queue_id = $5, active = $6,
                     only_when_agent_free = $7, change_time = now() AT TIME ZONE 'UTC'
               WHERE id = $8""")
          .execute(Tuple.from(new Object[] {fields.name(), fields.urlPattern(), fields.secondsOnPage(),
              fields.greeting(), fields.queueId(), fields.active(), fields.onlyWhenAgentFree(), id}))
          .compose(updated -> byId(tx, id, false))
          .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("chat_invitation.update",
              "chat_invitation", id, Rows.json(before).getMap(), Rows.json(after).getMap())).map(after))
          .recover(refused(fields.name()));
    }));
  }

  Future<Void> delete(Actor actor, int id) {
    return pool.withTransaction(tx -> byId(tx, id, true)
        .compose(before -> tx.preparedQuery("DELETE FROM chat_invitation WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("chat_invitation.delete",
                "chat_invitation", id, Rows.json(before).getMap(), null)))));
  }

  private static Future<ChatInvitation> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE id = $1" + (forUpdate ? " FOR UPDATE" : "")).execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, ChatInvitation::from, () -> Problem.notFound("chat invitation " + id + " not found")));
  }

  /** A name in use is a 409; a queue that does not exist names the field. */
  private static <T> Function<Throwable, Future<T>> refused(String name) {
    return failure -> failure instanceof PgException pg && "23503".equals(pg.getSqlState())
        ? Future.failedFuture(Problem.invalid("queue_id", "names no queue"))
        : Rows.<T>duplicate("a chat invitation named " + name + " exists").apply(failure);
  }
}
