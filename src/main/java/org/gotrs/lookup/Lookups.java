package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.gotrs.http.Problem;

/**
 * Resolves what a client chose for a ticket — {@code "queue_id": 3} or {@code "queue": "Raw"} — to the id of
 * an entry that may be chosen now: it exists and is valid ({@code valid_id = 1}). Anything else is a 422
 * naming the field the client used. One query per call; callers pass their transaction to stay in it.
 * When both an id and a name are given, the id wins.
 */
public final class Lookups {

  private record Kind(String table, String idField, String nameField, String label) {}

  private static final Kind QUEUE = new Kind("queue", "queue_id", "queue", "queue");
  private static final Kind STATE = new Kind("ticket_state", "state_id", "state", "state");
  private static final Kind PRIORITY = new Kind("ticket_priority", "priority_id", "priority", "priority");
  private static final Kind TYPE = new Kind("ticket_type", "type_id", "type", "type");
  private static final Kind SERVICE = new Kind("service", "service_id", "service", "service");
  private static final Kind SLA = new Kind("sla", "sla_id", "sla", "SLA");

  private Lookups() {}

  public static Future<Integer> requireValidQueue(SqlClient client, Integer id, String name) {
    return requireValid(client, QUEUE, id, name);
  }

  public static Future<Integer> requireValidState(SqlClient client, Integer id, String name) {
    return requireValid(client, STATE, id, name);
  }

  public static Future<Integer> requireValidPriority(SqlClient client, Integer id, String name) {
    return requireValid(client, PRIORITY, id, name);
  }

  public static Future<Integer> requireValidType(SqlClient client, Integer id, String name) {
    return requireValid(client, TYPE, id, name);
  }

  public static Future<Integer> requireValidService(SqlClient client, Integer id, String name) {
    return requireValid(client, SERVICE, id, name);
  }

  public static Future<Integer> requireValidSla(SqlClient client, Integer id, String name) {
    return requireValid(client, SLA, id, name);
  }

  private static Future<Integer> requireValid(SqlClient client, Kind kind, Integer id, String name) {
    if (id == null && name == null) {
      return Future.failedFuture(Problem.invalid(kind.idField(),
          "is required (as " + kind.idField() + " or " + kind.nameField() + ")"));
    }
    String field = id != null ? kind.idField() : kind.nameField();
    String given = id != null ? String.valueOf(id) : "'" + name + "'";
    return client.preparedQuery(
            "SELECT id, valid_id FROM " + kind.table() + " WHERE id = $1 OR ($1::int IS NULL AND name = $2)")
        .execute(Tuple.of(id, id != null ? null : name))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.invalid(field, "no such " + kind.label() + " " + given));
          }
          Row row = rows.iterator().next();
          Integer validId = row.getInteger("valid_id");
          if (validId == null || validId != Validity.VALID) {
            return Future.failedFuture(Problem.invalid(field, kind.label() + " " + given + " is not valid"));
          }
          return Future.succeededFuture(row.getInteger("id"));
        });
  }
}
