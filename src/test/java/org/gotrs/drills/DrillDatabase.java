package org.gotrs.drills;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.db.DatabaseTarget;

/**
 * A PostgreSQL of the drill's own, on a fixed port and data directory, so it can be stopped (cleanly or as in
 * a crash) and started again where the server expects it. Commits are synchronous: an acknowledged commit must
 * survive an immediate stop.
 */
final class DrillDatabase implements AutoCloseable {

  private final Path dataDir;
  private final int port;
  private EmbeddedPostgres postgres;

  private DrillDatabase(Path dataDir, int port) {
    this.dataDir = dataDir;
    this.port = port;
  }

  static DrillDatabase start(Path dataDir, int port) {
    DrillDatabase database = new DrillDatabase(dataDir, port);
    database.start();
    return database;
  }

  synchronized void start() {
    try {
      Files.createDirectories(dataDir);
      postgres = EmbeddedPostgres.builder()
          .setDataDirectory(dataDir)
          .setCleanDataDirectory(false)
          .setPort(port)
          .setServerConfig("timezone", "UTC")
          .setServerConfig("max_connections", "200")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "on")
          .start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the drill's PostgreSQL on port " + port, e);
    }
  }

  /** A clean, fast shutdown: sessions are ended, then the server stops. */
  synchronized void stop() {
    close();
  }

  /** An immediate stop, as in a crash: no checkpoint, the next start replays the WAL. */
  synchronized void crash() {
    try {
      String pid = Files.readAllLines(dataDir.resolve("postmaster.pid")).get(0).strip();
      String postgresBinary = ProcessHandle.of(Long.parseLong(pid)).flatMap(process -> process.info().command())
          .orElseThrow(() -> new IllegalStateException("the postmaster is not running"));
      List<String> command = new ArrayList<>();
      if ("root".equals(System.getProperty("user.name"))) {
        command.addAll(List.of("unshare", "-U")); // pg_ctl refuses root; zonky runs it the same way
      }
      command.addAll(List.of(Path.of(postgresBinary).resolveSibling("pg_ctl").toString(),
          "-D", dataDir.toString(), "stop", "-m", "immediate", "-w"));
      Process pgCtl = new ProcessBuilder(command)
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      if (!pgCtl.waitFor(30, TimeUnit.SECONDS) || pgCtl.exitValue() != 0) {
        throw new IllegalStateException("pg_ctl stop -m immediate failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    close(); // releases the data directory's lock; its own stop finds nothing left to stop
  }

  DatabaseTarget target() {
    return new DatabaseTarget("localhost", port, "postgres", "postgres", "");
  }

  @Override
  public synchronized void close() {
    if (postgres != null) {
      try {
        postgres.close();
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      postgres = null;
    }
  }
}
