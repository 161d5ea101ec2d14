package org.gotrs.bench;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.Migrations;

/**
 * The benchmark's own PostgreSQL 17 (the same embedded binaries the server ships), migrated to the current
 * schema. Durability stays at PostgreSQL's defaults (fsync, synchronous commit), so write figures are honest;
 * only memory settings are sized for the machine.
 */
final class BenchDatabase implements AutoCloseable {

  static final Map<String, String> SETTINGS = settings();

  private final EmbeddedPostgres postgres;
  private final DatabaseTarget target;

  private BenchDatabase(EmbeddedPostgres postgres, DatabaseTarget target) {
    this.postgres = postgres;
    this.target = target;
  }

  /**
   * Starts on {@code dataDir} and applies the migrations. The files stay after the run, so a later run can
   * reuse the loaded data ({@code reuse}); otherwise they are wiped first.
   */
  static BenchDatabase start(Path dataDir, boolean reuse) throws IOException, SQLException {
    if (!reuse && Files.exists(dataDir)) {
      try (var files = Files.walk(dataDir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
    Files.createDirectories(dataDir);
    var builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofMinutes(5));
    SETTINGS.forEach(builder::setServerConfig);
    EmbeddedPostgres postgres = builder.start();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         var statement = connection.createStatement()) {
      if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'gotrs'").next()) {
        statement.execute("CREATE DATABASE gotrs");
      }
    }
    var target = new DatabaseTarget("localhost", postgres.getPort(), "gotrs", "postgres", "");
    Migrations.apply(target);
    return new BenchDatabase(postgres, target);
  }

  private static Map<String, String> settings() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("timezone", "UTC");
    // The embedded binaries start with fsync and synchronous commit off unless told otherwise.
    settings.put("fsync", "on");
    settings.put("synchronous_commit", "on");
    settings.put("max_connections", "300");
    settings.put("shared_buffers", "2GB");
    settings.put("effective_cache_size", "16GB");
    settings.put("work_mem", "32MB");
    settings.put("maintenance_work_mem", "1GB");
    settings.put("max_wal_size", "8GB");
    settings.put("checkpoint_timeout", "15min");
    return settings;
  }

  DatabaseTarget target() {
    return target;
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
