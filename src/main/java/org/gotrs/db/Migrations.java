package org.gotrs.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Applies the Flyway migrations shipped in {@code db/}. Blocking: call from a worker thread. */
public final class Migrations {

  private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

  private Migrations() {}

  public static MigrateResult apply(DatabaseTarget target) {
    MigrateResult result = Flyway.configure()
        .dataSource(target.jdbcUrl(), target.user(), target.password())
        .locations("classpath:db")
        .connectRetries(0)
        .load()
        .migrate();
    LOG.info("database schema at version {} ({} migration(s) applied)",
        result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
        result.migrationsExecuted);
    return result;
  }
}
