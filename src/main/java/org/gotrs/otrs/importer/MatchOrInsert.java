package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The import of a table whose rows GOTRS may already have under the same unique name (groups, users by login,
 * states, queues, ...): a row with that name is mapped, not changed; others are inserted. One statement per batch.
 * Table and column names come from the importer's constants, never from the source.
 */
final class MatchOrInsert {

  /**
   * One column of the batch: its values (one per row) bound as {@code sqlType[]} and named {@code alias} in
   * {@code src}; written to {@code target} as {@code expression}, or not written when {@code target} is null.
   */
  record Col(String target, String alias, String sqlType, Object[] values, String expression) {
    static Col of(String column, String sqlType, Object[] values) {
      return new Col(column, column, sqlType, values, "src." + column);
    }

    /** A source value that is not written as is, e.g. a name another column's id is looked up by. */
    static Col input(String alias, String sqlType, Object[] values) {
      return new Col(null, alias, sqlType, values, null);
    }

    /** A target column computed from {@code src}, e.g. {@code (SELECT id FROM valid WHERE ...)}. */
    static Col computed(String target, String expression) {
      return new Col(target, null, null, null, expression);
    }
  }

  private MatchOrInsert() {}

  /**
   * A target column holding the GOTRS id of another imported OTRS row, looked up in otrs_id_map inside the
   * statement, e.g. {@code create_by} from the OTRS user id; null when that row was not imported.
   */
  static List<Col> mapped(String column, String otrsTable, String sqlType, List<Row> rows, String sourceColumn) {
    String alias = column + "_source";
    return List.of(
        Col.input(alias, "text", Cols.map(rows, row -> text(row.getValue(sourceColumn)), String[]::new)),
        Col.computed(column, "(SELECT m.gotrs_id::" + sqlType + " FROM otrs_id_map m WHERE m.source_table = '"
            + otrsTable + "' AND m.source_id = src." + alias + ")"));
  }

  /** created and changed: times as they are, agents through the id map. */
  static List<Col> audit(List<Row> rows) {
    List<Col> cols = new ArrayList<>();
    cols.add(Col.of("create_time", "timestamp", Cols.times(rows, "create_time")));
    cols.add(Col.of("change_time", "timestamp", Cols.times(rows, "change_time")));
    cols.addAll(mapped("create_by", "users", "uuid", rows, "create_by"));
    cols.addAll(mapped("change_by", "users", "uuid", rows, "change_by"));
    return cols;
  }

  static String text(Object value) {
    return value == null ? null : value.toString();
  }

  /**
   * @param idColumn the target's key whose value goes into otrs_id_map
   * @param nameColumn the unique column rows are matched on; must be among {@code cols}
   */
  static Future<Map<String, String>> run(SqlClient tx, String otrsTable, String target, String idColumn,
                                         String nameColumn, List<Row> rows, List<Col> cols) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(otrsTable);
    parameters.add(Cols.keys(rows));
    List<String> unnest = new ArrayList<>(List.of("$2::text[]"));
    List<String> aliases = new ArrayList<>(List.of("key"));
    for (Col col : cols) {
      if (col.alias() == null) {
        continue;
      }
      parameters.add(col.values());
      unnest.add("$" + parameters.size() + "::" + col.sqlType() + "[]");
      aliases.add(col.alias());
    }
    List<Col> written = cols.stream().filter(col -> col.target() != null).toList();
    String sql = """
        WITH src AS (SELECT * FROM unnest(%s) AS s(%s)),
        ins AS (INSERT INTO %s (%s)
                SELECT %s FROM src
                 WHERE NOT EXISTS (SELECT 1 FROM %3$s x WHERE x.%6$s = src.%6$s)
                RETURNING %8$s)
        INSERT INTO otrs_id_map (source_table, source_id, gotrs_id)
        SELECT $1, src.key, coalesce(ins.%7$s, x.%7$s)::text
          FROM src LEFT JOIN ins ON ins.%6$s = src.%6$s LEFT JOIN %3$s x ON x.%6$s = src.%6$s"""
        .formatted(String.join(", ", unnest), String.join(", ", aliases), target,
            written.stream().map(Col::target).collect(Collectors.joining(", ")),
            written.stream().map(Col::expression).collect(Collectors.joining(", ")), nameColumn, idColumn,
            idColumn.equals(nameColumn) ? idColumn : idColumn + ", " + nameColumn);
    return tx.preparedQuery(sql).execute(Tuple.from(parameters)).map(done -> Map.of());
  }
}
