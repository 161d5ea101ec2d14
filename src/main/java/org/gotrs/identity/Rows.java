package org.gotrs.identity;

import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.StreamSupport;
import org.gotrs.http.Problem;

/** Reading result rows into views: TIMESTAMP columns hold UTC, so they become Instants at offset zero. */
final class Rows {

  private Rows() {}

  static Instant instant(Row row, String column) {
    LocalDateTime utc = row.getLocalDateTime(column);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  static <T> List<T> list(RowSet<Row> rows, Function<Row, T> view) {
    return StreamSupport.stream(rows.spliterator(), false).map(view).toList();
  }

  static <T> T single(RowSet<Row> rows, Function<Row, T> view, Supplier<Problem> missing) {
    if (rows.size() == 0) {
      throw missing.get();
    }
    return view.apply(rows.iterator().next());
  }

  /** The row's values of these columns, for an audit entry's old values. */
  static Map<String, Object> values(Row row, Collection<String> columns) {
    Map<String, Object> values = new LinkedHashMap<>();
    columns.forEach(column -> values.put(column, row.getValue(column)));
    return values;
  }
}
