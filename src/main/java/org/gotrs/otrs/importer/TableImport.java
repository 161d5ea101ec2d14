package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.Map;

/**
 * How one OTRS table is read and written. Rows are read in keyset order of their key (the first column of every
 * query); {@link #write} gets only rows not imported yet and records each one it writes in {@code otrs_id_map}.
 */
interface TableImport {

  /** The OTRS table: the name in {@code otrs_id_map} and {@code migration_log}. */
  String table();

  /** {@code bigint} or {@code text}: the SQL type of the key. */
  default String keyType() {
    return "bigint";
  }

  /** At most this many rows per batch: less than the default where rows are large (attachments). */
  default int maxBatch() {
    return Integer.MAX_VALUE;
  }

  /** {@code SELECT key ... WHERE ($1 IS NULL OR key > $1) ORDER BY key LIMIT $2}. */
  String keys();

  /** {@code SELECT key, ... WHERE key = ANY($1) ORDER BY key}. */
  String rows();

  /** {@code SELECT count(*) ...}. */
  String count();

  /**
   * Writes the rows in the caller's transaction; returns the rows it refused, key to reason (a reference to a row
   * that was not imported). A database error fails the future; the batch is then retried row by row.
   */
  Future<Map<String, String>> write(SqlClient tx, List<Row> rows);
}
