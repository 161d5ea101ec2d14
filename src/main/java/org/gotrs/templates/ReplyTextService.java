package org.gotrs.templates;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.LookupWrites;
import org.gotrs.lookup.Rows;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;

/**
 * Salutations or signatures (OTRS {@code salutation}, {@code signature}; one instance each): the texts a queue puts
 * above and below an agent's reply, with OTRS tags. Both tables have the same columns. Queues refer to them, so
 * DELETE marks one invalid, as for the other lookups.
 */
public final class ReplyTextService {

  /** Which of the two this instance manages; the table name comes from here, never from input. */
  public enum Kind {
    SALUTATION("salutation", "salutation"),
    SIGNATURE("signature", "signature");

    final String table;
    final String label;

    Kind(String table, String label) {
      this.table = table;
      this.label = label;
    }
  }

  public record ReplyText(int id, String name, String text, String contentType, String comments, Integer validId,
                          Instant createTime, Instant changeTime) {}

  /** What a create sets and a PATCH (merged over the current text) sets. */
  public record Fields(String name, String text, String contentType, String comments, int validId) {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), input.string("text", true, 3000),
          ContentTypes.read(input), input.string("comments", false, 250), Validity.read(input));
      input.validate();
      return fields;
    }

    private Tuple tuple(UUID by) {
      return Tuple.from(new Object[] {name, text, contentType, comments, validId, by});
    }
  }

  private final Pool pool;
  private final Kind kind;
  private final LookupWrites<ReplyText> writes;
  private final String select;

  public ReplyTextService(Pool pool, AuditLog audit, Kind kind) {
    this.pool = pool;
    this.kind = kind;
    this.select = """
        SELECT x.id, x.name, x.text, x.content_type, x.comments, x.valid_id, x.create_time, x.change_time
          FROM %s x
        """.formatted(kind.table);
    this.writes = new LookupWrites<>(pool, audit, kind.table, kind.table, kind.label, this::byId, ReplyText::id,
        this::notFound);
  }

  public Kind kind() {
    return kind;
  }

  public Future<List<ReplyText>> list(Integer validId) {
    return pool.preparedQuery(select + " WHERE ($1::int IS NULL OR x.valid_id = $1) ORDER BY x.name, x.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, ReplyTextService::toText));
  }

  public Future<ReplyText> get(int id) {
    return byId(pool, id, false);
  }

  public Future<ReplyText> create(Actor actor, Fields fields) {
    return writes.create(actor, fields.name(), tx -> tx.preparedQuery("""
            INSERT INTO %s (name, text, content_type, comments, valid_id, create_by, change_by)
            VALUES ($1, $2, $3, $4, $5, $6, $6)
            RETURNING id""".formatted(kind.table))
        .execute(fields.tuple(actor.principal().userId())));
  }

  public Future<ReplyText> update(Actor actor, int id, JsonObject patch) {
    return writes.update(actor, id, (tx, before) -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return tx.preparedQuery("""
              UPDATE %s
                 SET name = $1, text = $2, content_type = $3, comments = $4, valid_id = $5,
                     change_by = $6, change_time = (now() AT TIME ZONE 'UTC')
               WHERE id = $7""".formatted(kind.table))
          .execute(fields.tuple(actor.principal().userId()).addInteger(id));
    });
  }

  public Future<Void> invalidate(Actor actor, int id) {
    return writes.invalidate(actor, id);
  }

  private Future<ReplyText> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(select + " WHERE x.id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, ReplyTextService::toText, () -> notFound(id)));
  }

  private Problem notFound(int id) {
    return Problem.notFound(kind.label + " " + id + " not found");
  }

  private static ReplyText toText(Row row) {
    return new ReplyText(row.getInteger("id"), row.getString("name"), row.getString("text"),
        row.getString("content_type"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row.getLocalDateTime("create_time")), Rows.instant(row.getLocalDateTime("change_time")));
  }
}
