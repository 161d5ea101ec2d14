package org.gotrs.db;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
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
import org.gotrs.json.Json;

/** What every feature's SQL shares: result rows into views, views into JSON, a duplicate name into a 409. */
public final class Rows {

  private Rows() {}

  public static <T> List<T> all(RowSet<Row> rows, Function<Row, T> view) {
    return StreamSupport.stream(rows.spliterator(), false).map(view).toList();
  }

  public static <T> T one(RowSet<Row> rows, Function<Row, T> view, Supplier<Problem> missing) {
    if (rows.size() == 0) {
      throw missing.get();
    }
    return view.apply(rows.iterator().next());
  }

  /** A TIMESTAMP column as an Instant: they hold UTC (see V1). */
  public static Instant instant(Row row, String column) {
    LocalDateTime utc = row.getLocalDateTime(column);
    return utc == null ? null : utc.toInstant(ZoneOffset.UTC);
  }

  /** The row's values of these columns, for an audit entry's old values. */
  public static Map<String, Object> values(Row row, Collection<String> columns) {
    Map<String, Object> values = new LinkedHashMap<>();
    columns.forEach(column -> values.put(column, row.getValue(column)));
    return values;
  }

  /**
   * A view exactly as the API shows it (snake_case, through the one mapper). A PATCH is merged into this
   * and read again like a create, so both go through the same rules; audit rows store it as old/new values.
   */
  @SuppressWarnings("unchecked")
  public static JsonObject json(Object view) {
    return new JsonObject(Json.MAPPER.convertValue(view, Map.class));
  }

  /** Turns a unique violation into a 409 that says what clashed; other failures pass unchanged. */
  public static <T> Function<Throwable, Future<T>> duplicate(String detail) {
    return failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())
        ? Future.failedFuture(Problem.conflict(detail))
        : Future.failedFuture(failure);
  }
}
