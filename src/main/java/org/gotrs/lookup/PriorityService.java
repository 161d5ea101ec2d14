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

/** Ticket priorities ({@code "3 normal"} and friends). */
public final class PriorityService {

  public record Priority(int id, String name, String color, Integer validId, Instant createTime, Instant changeTime) {}

  public record Fields(String name, String color, int validId) {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), LookupInput.color(input), Validity.read(input));
      input.validate();
      return fields;
    }
  }

  private static final String SELECT = "SELECT p.id, p.name, p.color, p.valid_id, p.create_time, p.change_time"
      + " FROM ticket_priority p";

  private final Pool pool;
  private final LookupWrites<Priority> writes;

  public PriorityService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.writes = new LookupWrites<>(pool, audit, "ticket_priority", "priority", "priority",
        PriorityService::byId, Priority::id, PriorityService::notFound);
  }

  public Future<List<Priority>> list(Integer validId) {
    return pool.preparedQuery(SELECT + " WHERE ($1::int IS NULL OR p.valid_id = $1) ORDER BY p.name, p.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, PriorityService::toPriority));
  }

  public Future<Priority> get(int id) {
    return byId(pool, id, false);
  }

  public Future<Priority> create(Actor actor, Fields fields) {
    return writes.create(actor, fields.name(), tx -> tx.preparedQuery("""
            INSERT INTO ticket_priority (name, color, valid_id, create_by, change_by)
            VALUES ($1, $2, $3, $4, $4)
            RETURNING id""")
        .execute(Tuple.of(fields.name(), fields.color(), fields.validId(), actor.principal().userId())));
  }

  public Future<Priority> update(Actor actor, int id, JsonObject patch) {
    return writes.update(actor, id, (tx, before) -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return tx.preparedQuery("""
              UPDATE ticket_priority
                 SET name = $1, color = $2, valid_id = $3, change_by = $4, change_time = (now() AT TIME ZONE 'UTC')
               WHERE id = $5""")
          .execute(Tuple.of(fields.name(), fields.color(), fields.validId(), actor.principal().userId(), id));
    });
  }

  public Future<Void> invalidate(Actor actor, int id) {
    return writes.invalidate(actor, id);
  }

  private static Future<Priority> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE p.id = $1" + (forUpdate ? " FOR UPDATE" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, PriorityService::toPriority, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("priority " + id + " not found");
  }

  private static Priority toPriority(Row row) {
    return new Priority(row.getInteger("id"), row.getString("name"), row.getString("color"),
        row.getInteger("valid_id"), Rows.instant(row, "create_time"),
        Rows.instant(row, "change_time"));
  }
}
