package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.http.Problem;

/**
 * Checks in one query that the ids a write refers to exist, so a bad reference is a 422 naming its field
 * instead of an anonymous foreign-key violation.
 */
public final class References {

  /** {@code field} refers to {@code id} in {@code table} (a table name from code, never from input). */
  public record Reference(String field, String table, String label, Integer id) {}

  private References() {}

  public static Reference to(String field, String table, String label, Integer id) {
    return new Reference(field, table, label, id);
  }

  public static Future<Void> requireExisting(SqlClient client, List<Reference> references) {
    List<Reference> given = references.stream().filter(reference -> reference.id() != null).toList();
    if (given.isEmpty()) {
      return Future.succeededFuture();
    }
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> ids = new ArrayList<>();
    for (int i = 0; i < given.size(); i++) {
      sql.append(i == 0 ? "" : ", ")
          .append("EXISTS (SELECT 1 FROM ").append(given.get(i).table())
          .append(" WHERE id = $").append(i + 1).append(")");
      ids.add(given.get(i).id());
    }
    return client.preparedQuery(sql.toString()).execute(Tuple.from(ids)).compose(rows -> {
      Row row = rows.iterator().next();
      List<Problem.FieldError> errors = new ArrayList<>();
      for (int i = 0; i < given.size(); i++) {
        if (!row.getBoolean(i)) {
          errors.add(new Problem.FieldError(given.get(i).field(), "no such " + given.get(i).label()));
        }
      }
      return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Problem.invalid(errors));
    });
  }
}
