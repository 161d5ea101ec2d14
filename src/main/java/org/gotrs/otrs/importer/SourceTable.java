package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/**
 * A {@link TableImport} written as its parts: the source's FROM clause, the key expression (a column, or for link
 * tables without an id a text built from their columns), the columns to read, and the writer.
 */
record SourceTable(String table, String keyType, String keys, String rows, String count, Writer writer)
    implements TableImport {

  @FunctionalInterface
  interface Writer {
    Future<Map<String, String>> write(SqlClient tx, List<Row> rows);
  }

  static SourceTable of(String table, String keyType, String from, String key, String columns, Writer writer) {
    return new SourceTable(table, keyType,
        "SELECT " + key + " FROM " + from + " WHERE " + key + " > " + after(keyType) + " ORDER BY " + key
            + " LIMIT $2",
        "SELECT " + key + " AS source_key, " + columns + " FROM " + from + " WHERE " + key + " = ANY($1::" + keyType
            + "[]) ORDER BY " + key,
        "SELECT count(*) FROM " + from,
        writer);
  }

  /**
   * A link table without an id, keyed by a text built from its columns. OTRS does not forbid duplicate link rows,
   * so keys are read distinct and the first row of a key is imported.
   */
  static SourceTable linkTable(String table, String from, String key, String columns, Writer writer) {
    return new SourceTable(table, "text",
        "SELECT DISTINCT " + key + " FROM " + from + " WHERE " + key + " > " + after("text") + " ORDER BY 1 LIMIT $2",
        "SELECT DISTINCT ON (" + key + ") " + key + " AS source_key, " + columns + " FROM " + from + " WHERE " + key
            + " = ANY($1::text[]) ORDER BY " + key,
        "SELECT count(DISTINCT " + key + ") FROM " + from,
        writer);
  }

  /**
   * A table keyed by its integer {@code id} whose rows are read with joins ({@code rowsFrom}); keys and counts come
   * from the table alone ({@code alias}), so a rerun's key scan stays an index scan.
   */
  static SourceTable joined(String table, String alias, String rowsFrom, String columns, Writer writer) {
    String key = alias + ".id";
    String from = table + " " + alias;
    return new SourceTable(table, "bigint",
        "SELECT " + key + " FROM " + from + " WHERE " + key + " > " + after("bigint") + " ORDER BY " + key
            + " LIMIT $2",
        "SELECT " + key + " AS source_key, " + columns + " FROM " + rowsFrom + " WHERE " + key
            + " = ANY($1::bigint[]) ORDER BY " + key,
        "SELECT count(*) FROM " + from,
        writer);
  }

  /** A table keyed by its integer {@code id} column. */
  static SourceTable byId(String table, String from, String alias, String columns, Writer writer) {
    return of(table, "bigint", from, alias + ".id", columns, writer);
  }

  /**
   * Where the next page starts: after the last key, or from the beginning. Written as coalesce, not
   * {@code $1 IS NULL OR key > $1}, so a cached (generic) plan still walks the key's index instead of sorting the
   * whole table for every page.
   */
  private static String after(String keyType) {
    return "coalesce($1::" + keyType + ", " + (keyType.equals("text") ? "''" : "-9223372036854775808") + ")";
  }

  @Override
  public Future<Map<String, String>> write(SqlClient tx, List<Row> rows) {
    return writer.write(tx, rows);
  }
}
