package org.gotrs.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A PostgreSQL 17 started from the jar, its files under the data dir so they survive restarts.
 * Blocking: call from a worker thread.
 */
public final class EmbeddedDatabase implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);
  private static final String DATABASE = "gotrs";

  private final EmbeddedPostgres postgres;
  private final DatabaseTarget target;

  private EmbeddedDatabase(EmbeddedPostgres postgres, DatabaseTarget target) {
    this.postgres = postgres;
    this.target = target;
  }

  public static EmbeddedDatabase start(Path dataDir) {
    Path pgData = dataDir.resolve("postgres");
    try {
      Files.createDirectories(pgData);
      removeStalePidFile(pgData);
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setDataDirectory(pgData)
          .setCleanDataDirectory(false)
          .setServerConfig("timezone", "UTC")
          .setServerConfig("max_connections", "300")
          .setServerConfig("shared_buffers", "256MB")
          // The embedded binaries default to fsync and synchronous commit off, which can lose committed
          // tickets (or corrupt the files) in a crash; a help desk keeps what it acknowledged.
          .setServerConfig("fsync", "on")
          .setServerConfig("synchronous_commit", "on")
          .start();
      createDatabaseIfMissing(postgres);
      var target = new DatabaseTarget("localhost", postgres.getPort(), DATABASE, "postgres", "");
      LOG.info("embedded PostgreSQL ready at {} (files in {})", target, pgData);
      return new EmbeddedDatabase(postgres, target);
    } catch (IOException | SQLException e) {
      throw new IllegalStateException("cannot start the embedded PostgreSQL in " + pgData + ": " + e.getMessage(), e);
    }
  }

  /** A server killed without a clean stop leaves postmaster.pid behind; with no such process it is safe to drop. */
  private static void removeStalePidFile(Path pgData) throws IOException {
    Path pidFile = pgData.resolve("postmaster.pid");
    if (!Files.exists(pidFile)) {
      return;
    }
    String firstLine = Files.readAllLines(pidFile).stream().findFirst().orElse("").trim();
    boolean alive = !firstLine.isEmpty()
        && ProcessHandle.of(Long.parseLong(firstLine)).map(ProcessHandle::isAlive).orElse(false);
    if (!alive) {
      LOG.warn("removing stale {} left by an unclean stop", pidFile);
      Files.delete(pidFile);
    }
  }

  private static void createDatabaseIfMissing(EmbeddedPostgres postgres) throws SQLException {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      if (!exists.executeQuery().next()) {
        try (var create = connection.createStatement()) {
          create.execute("CREATE DATABASE " + DATABASE);
        }
      }
    }
  }

  public DatabaseTarget target() {
    return target;
  }

  @Override
  public void close() {
    try {
      postgres.close();
      LOG.info("embedded PostgreSQL stopped");
    } catch (IOException e) {
      LOG.warn("embedded PostgreSQL did not stop cleanly: {}", e.getMessage());
    }
  }
}
