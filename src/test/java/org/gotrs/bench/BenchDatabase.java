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
import org.gotrs.testing.StreamingStandby;
import org.gotrs.testing.TestServer;

/**
 * The benchmark's own PostgreSQL 17 (the same embedded binaries the server ships), migrated to the current
 * schema. Durability stays at PostgreSQL's defaults (fsync, synchronous commit), so write figures are honest;
 * only memory settings are sized for the machine.
 */
final class BenchDatabase implements AutoCloseable {

  static final Map<String, String> SETTINGS = settings();

  private final EmbeddedPostgres postgres;
  private final Path dataDir;
  private final DatabaseTarget target;
  /** A streaming standby of it and its data directory, or null. */
  private final EmbeddedPostgres standby;
  private final Path standbyDir;

  private BenchDatabase(EmbeddedPostgres postgres, Path dataDir, DatabaseTarget target, EmbeddedPostgres standby,
                        Path standbyDir) {
    this.postgres = postgres;
    this.dataDir = dataDir;
    this.target = target;
    this.standby = standby;
    this.standbyDir = standbyDir;
  }

  /**
   * Starts on {@code dataDir} and applies the migrations. The files stay after the run, so a later run can
   * reuse the loaded data ({@code reuse}); otherwise they are wiped first.
   */
  static BenchDatabase start(Path dataDir, boolean reuse) throws IOException, SQLException {
    if (!reuse) {
      delete(dataDir);
    }
    Files.createDirectories(dataDir);
    EmbeddedPostgres postgres = postgres(dataDir, 0);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
         var statement = connection.createStatement()) {
      if (!statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = 'gotrs'").next()) {
        statement.execute("CREATE DATABASE gotrs");
      }
    }
    var target = new DatabaseTarget("localhost", postgres.getPort(), "gotrs", "postgres", "");
    Migrations.apply(target);
    return new BenchDatabase(postgres, dataDir, target, null, null);
  }

  /**
   * The loaded database in {@code dataDir} (stopped, migrated) as a primary, with a streaming standby made anew in
   * {@code standbyDir}: a copy of the stopped data directory (the embedded binaries have no pg_basebackup), started
   * with the same settings.
   */
  static BenchDatabase withStandby(Path dataDir, Path standbyDir) throws IOException {
    delete(standbyDir);
    int primaryPort = TestServer.freePort();
    StreamingStandby.copyAsStandby(dataDir, standbyDir, primaryPort);
    EmbeddedPostgres primary = postgres(dataDir, primaryPort);
    EmbeddedPostgres standby = postgres(standbyDir, TestServer.freePort());
    return new BenchDatabase(primary, dataDir, new DatabaseTarget("localhost", primaryPort, "gotrs", "postgres", ""),
        standby, standbyDir);
  }

  private static EmbeddedPostgres postgres(Path dataDir, int port) throws IOException {
    var builder = EmbeddedPostgres.builder()
        .setDataDirectory(dataDir)
        .setCleanDataDirectory(false)
        .setPGStartupWait(Duration.ofMinutes(5));
    if (port > 0) {
      builder.setPort(port);
    }
    SETTINGS.forEach(builder::setServerConfig);
    return builder.start();
  }

  private static void delete(Path dir) throws IOException {
    if (Files.exists(dir)) {
      try (var files = Files.walk(dir)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
      }
    }
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

  /** The streaming standby ({@link #withStandby} only). */
  DatabaseTarget standby() {
    return new DatabaseTarget("localhost", standby.getPort(), "gotrs", "postgres", "");
  }

  /** The process id of the primary's postmaster, the parent of its backends. */
  long primaryPid() throws IOException {
    return postmasterPid(dataDir);
  }

  /** The process id of the standby's postmaster ({@link #withStandby} only). */
  long standbyPid() throws IOException {
    return postmasterPid(standbyDir);
  }

  private static long postmasterPid(Path dataDir) throws IOException {
    return Long.parseLong(Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip());
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }

  @Override
  public void close() throws IOException {
    if (standby != null) {
      standby.close();
    }
    postgres.close();
  }
}
