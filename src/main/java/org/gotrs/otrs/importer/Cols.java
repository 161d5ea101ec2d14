package org.gotrs.otrs.importer;

import io.vertx.sqlclient.Row;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Function;

/** Columns of a batch of source rows as arrays, to bind to {@code unnest(...)} in one statement. */
final class Cols {

  private Cols() {}

  static String[] keys(List<Row> rows) {
    return rows.stream().map(row -> String.valueOf(row.getValue(0))).toArray(String[]::new);
  }

  static String[] text(List<Row> rows, String column) {
    return rows.stream().map(row -> row.getString(column)).toArray(String[]::new);
  }

  static Integer[] ints(List<Row> rows, String column) {
    return rows.stream().map(row -> integer(row, column)).toArray(Integer[]::new);
  }

  static Long[] longs(List<Row> rows, String column) {
    return rows.stream().map(row -> {
      Object value = row.getValue(column);
      return value == null ? null : ((Number) value).longValue();
    }).toArray(Long[]::new);
  }

  static LocalDateTime[] times(List<Row> rows, String column) {
    return rows.stream().map(row -> row.getLocalDateTime(column)).toArray(LocalDateTime[]::new);
  }

  static <T> T[] map(List<Row> rows, Function<Row, T> value, java.util.function.IntFunction<T[]> array) {
    return rows.stream().map(value).toArray(array);
  }

  static Integer integer(Row row, String column) {
    Object value = row.getValue(column);
    return value == null ? null : ((Number) value).intValue();
  }
}
