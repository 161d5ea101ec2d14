package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;

/** GOTRS ids drawn ahead from a table's sequence, so each written row is known by its OTRS key. */
final class Ids {

  private Ids() {}

  static Future<List<Long>> next(SqlClient tx, String table, int count) {
    if (count == 0) {
      return Future.succeededFuture(List.of());
    }
    return tx.preparedQuery("SELECT nextval(pg_get_serial_sequence($1, 'id')) FROM generate_series(1, $2)")
        .execute(Tuple.of(table, count))
        .map(rows -> {
          List<Long> ids = new ArrayList<>(count);
          rows.forEach(row -> ids.add(row.getLong(0)));
          return ids;
        });
  }

  static List<String> text(List<Long> ids) {
    return ids.stream().map(String::valueOf).toList();
  }
}
