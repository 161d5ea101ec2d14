package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.gotrs.http.Problem;

/** Trees of queues and services ({@code parent_id}): a new parent must not be the entry itself or below it. */
final class Hierarchy {

  private Hierarchy() {}

  /**
   * Walks up from the proposed parent; reaching {@code id} means the change would close a loop.
   * UNION (not UNION ALL) stops the walk even on a loop already in the data.
   */
  static Future<Void> requireNoCycle(SqlClient client, String table, Integer id, Integer parentId) {
    if (id == null || parentId == null) {
      return Future.succeededFuture();
    }
    if (id.equals(parentId)) {
      return Future.failedFuture(Problem.invalid("parent_id", "cannot be the entry itself"));
    }
    return client.preparedQuery("""
            WITH RECURSIVE ancestors AS (
                SELECT id, parent_id FROM %1$s WHERE id = $1
                UNION
                SELECT t.id, t.parent_id FROM %1$s t JOIN ancestors a ON t.id = a.parent_id
            )
            SELECT EXISTS (SELECT 1 FROM ancestors WHERE id = $2)""".formatted(table))
        .execute(Tuple.of(parentId, id))
        .compose(rows -> rows.iterator().next().getBoolean(0)
            ? Future.failedFuture(Problem.invalid("parent_id", "would make the entry its own ancestor"))
            : Future.succeededFuture());
  }
}
