package org.gotrs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.stream.Stream;
import org.gotrs.db.DatabaseTarget;

/**
 * A PostgreSQL primary and a streaming standby of it, both from the embedded binaries. Those come without
 * {@code pg_basebackup}, so the standby is made the way the documentation allows without it: the primary is stopped
 * cleanly, its data directory copied, and the copy started with {@code standby.signal} and a
 * {@code primary_conninfo} naming the primary (whose {@code pg_hba.conf}, written by initdb with {@code -A trust},
 * already lets local replication connections in).
 */
public final class StreamingStandby implements AutoCloseable {

  private static final String DATABASE = "gotrs";
  /** What a running server leaves in its data directory that the copy must not take along. */
  private static final Set<String> NOT_COPIED = Set.of("postmaster.pid", "epg-lock", "postmaster.opts");

  private final Path primaryDir;
  private final Path standbyDir;
  private final int primaryPort;
  private final int standbyPort;
  private EmbeddedPostgres primary;
  private EmbeddedPostgres standby;

  private StreamingStandby(Path root) {
    this.primaryDir = root.resolve("primary");
    this.standbyDir = root.resolve("standby");
    this.primaryPort = TestServer.freePort();
    this.standbyPort = TestServer.freePort();
  }

  /** A primary with an empty database {@code gotrs}, and a standby streaming from it. */
  public static StreamingStandby start() {
    StreamingStandby pair = new StreamingStandby(TestServer.tempDir());
    pair.primary = pair.postgres(pair.primaryDir, pair.primaryPort);
    try (Connection connection = TestDatabase.connect(pair.primary().withDatabase("postgres"));
         var statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    close(pair.primary);
    copyAsStandby(pair.primaryDir, pair.standbyDir, pair.primaryPort);
    pair.primary = pair.postgres(pair.primaryDir, pair.primaryPort);
    pair.startStandby();
    return pair;
  }

  public DatabaseTarget primary() {
    return new DatabaseTarget("127.0.0.1", primaryPort, DATABASE, "postgres", "");
  }

  public DatabaseTarget standby() {
    return new DatabaseTarget("127.0.0.1", standbyPort, DATABASE, "postgres", "");
  }

  /** Stops the standby (a clean, fast shutdown), as when a replica's machine goes away. */
  public void stopStandby() {
    close(standby);
    standby = null;
  }

  /** Starts the stopped standby again; it resumes streaming where it stopped. */
  public void startStandby() {
    standby = postgres(standbyDir, standbyPort);
  }

  @Override
  public void close() {
    close(standby);
    close(primary);
  }

  /**
   * Copies the data directory of a cleanly stopped primary to {@code standbyDir} and makes the copy a standby that
   * streams from the primary on {@code primaryPort} once both are started (the benchmark does this with its own,
   * loaded database).
   */
  public static void copyAsStandby(Path primaryDir, Path standbyDir, int primaryPort) {
    try (Stream<Path> files = Files.walk(primaryDir)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        Path relative = primaryDir.relativize(file);
        if (NOT_COPIED.contains(relative.toString())) {
          continue;
        }
        Path copy = standbyDir.resolve(relative.toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
      // PostgreSQL refuses a data directory others may read
      Files.setPosixFilePermissions(standbyDir, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
      Files.createFile(standbyDir.resolve("standby.signal"));
      Files.writeString(standbyDir.resolve("postgresql.auto.conf"),
          "primary_conninfo = 'host=127.0.0.1 port=" + primaryPort + " user=postgres application_name=standby'\n",
          java.nio.file.StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private EmbeddedPostgres postgres(Path dataDir, int port) {
    try {
      return EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("timezone", "UTC")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          .setServerConfig("wal_level", "replica")
          .setServerConfig("hot_standby", "on")
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void close(EmbeddedPostgres postgres) {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
