package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/** Ticket types ({@code Unclassified}, {@code Incident}, ...), each optionally with a default priority. */
public final class TicketTypeService {

  public record TicketType(int id, String name, String comments, String icon, Integer defaultPriorityId,
                           Integer validId, Instant createTime, Instant changeTime) {}

  public record Fields(String name, String comments, String icon, Integer defaultPriorityId, int validId) {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), input.string("comments", false, 250),
          input.string("icon", false, 50), input.integer("default_priority_id", false), Validity.read(input));
      input.validate();
      return fields;
    }

    private Tuple tuple(java.util.UUID by) {
      return Tuple.from(new Object[] {name, comments, icon, defaultPriorityId, validId, by});
    }
  }

  private static final String SELECT = """
      SELECT t.id, t.name, t.comments, t.icon, t.default_priority_id, t.valid_id, t.create_time, t.change_time
        FROM ticket_type t
      """;

  private static final String INSERT = """
      INSERT INTO ticket_type (name, comments, icon, default_priority_id, valid_id, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $6)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE ticket_type
         SET name = $1, comments = $2, icon = $3, default_priority_id = $4, valid_id = $5,
             change_by = $6, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $7""";

  private final Pool pool;
  private final LookupWrites<TicketType> writes;

  public TicketTypeService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.writes = new LookupWrites<>(pool, audit, "ticket_type", "type", "ticket type",
        TicketTypeService::byId, TicketType::id, TicketTypeService::notFound);
  }

  public Future<List<TicketType>> list(Integer validId) {
    return pool.preparedQuery(SELECT + " WHERE ($1::int IS NULL OR t.valid_id = $1) ORDER BY t.name, t.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, TicketTypeService::toType));
  }

  public Future<TicketType> get(int id) {
    return byId(pool, id, false);
  }

  public Future<TicketType> create(Actor actor, Fields fields) {
    return writes.create(actor, fields.name(), tx -> checkReferences(tx, fields)
        .compose(checked -> tx.preparedQuery(INSERT).execute(fields.tuple(actor.principal().userId()))));
  }

  public Future<TicketType> update(Actor actor, int id, JsonObject patch) {
    return writes.update(actor, id, (tx, before) -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return checkReferences(tx, fields)
          .compose(checked -> tx.preparedQuery(UPDATE)
              .execute(fields.tuple(actor.principal().userId()).addInteger(id)));
    });
  }

  public Future<Void> invalidate(Actor actor, int id) {
    return writes.invalidate(actor, id);
  }

  private static Future<Void> checkReferences(SqlClient client, Fields fields) {
    return References.requireExisting(client, List.of(
        References.to("default_priority_id", "ticket_priority", "priority", fields.defaultPriorityId())));
  }

  private static Future<TicketType> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE t.id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, TicketTypeService::toType, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("ticket type " + id + " not found");
  }

  private static TicketType toType(Row row) {
    return new TicketType(row.getInteger("id"), row.getString("name"), row.getString("comments"),
        row.getString("icon"), row.getInteger("default_priority_id"), row.getInteger("valid_id"),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
