package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** One {@code migration_log} row per imported table: counts, timings and the failed rows. */
final class MigrationLog {

  private MigrationLog() {}

  static Future<Void> write(SqlClient target, SourceSchema source, TableResult result) {
    return target.preparedQuery("""
            INSERT INTO migration_log (source_system, source_version, migration_type, table_name, records_processed,
                                       records_failed, started_at, completed_at, status, error_log)
            VALUES ($1, $2, 'import-otrs', $3, $4, $5, $6, $7, $8, $9)""")
        .execute(Tuple.from(new Object[] {source.system(), source.version(), result.table(), (int) result.imported(),
            (int) result.failed(), utc(result.startedAt()), utc(result.completedAt()), result.status(),
            result.errors().isEmpty() ? null : String.join("\n", result.errors())}))
        .mapEmpty();
  }

  private static LocalDateTime utc(java.time.Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
