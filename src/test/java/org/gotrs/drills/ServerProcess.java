package org.gotrs.drills;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.TestServer;

/**
 * The server in a JVM of its own ({@code java -cp <the test classpath> org.gotrs.Main serve}), so a drill can
 * kill it for real (SIGKILL) or read its heap, threads and file descriptors apart from the test's.
 */
final class ServerProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServerProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  static ServerProcess start(DatabaseTarget database, Map<String, String> environment, JsonObject conf, String heap) {
    ServerProcess server = launch(database, environment, conf, List.of("-Xmx" + heap));
    server.awaitHealthy(Duration.ofSeconds(120));
    return server;
  }

  /** Starts the process with these JVM options without waiting for it; {@link #awaitHealthy} waits. */
  static ServerProcess launch(DatabaseTarget database, Map<String, String> environment, JsonObject conf,
                              List<String> jvmOptions) {
    int port = TestServer.freePort();
    Path workDir = TestServer.tempDir();
    try {
      Path confFile = workDir.resolve("gotrs.json");
      Files.writeString(confFile, conf.encode());
      Path log = workDir.resolve("server.log");
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.addAll(jvmOptions);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gotrs.Main", "serve", "--conf",
          confFile.toString()));
      ProcessBuilder builder = new ProcessBuilder(command)
          .directory(workDir.toFile())
          .redirectErrorStream(true)
          .redirectOutput(log.toFile());
      builder.environment().put("GOTRS_DB_URL", database.url());
      builder.environment().put("GOTRS_DATA_DIR", workDir.resolve("data").toString());
      builder.environment().put("GOTRS_HTTP_HOST", "127.0.0.1");
      builder.environment().put("GOTRS_HTTP_PORT", String.valueOf(port));
      builder.environment().put("GOTRS_ADMIN_PASSWORD", TestServer.ADMIN_PASSWORD);
      builder.environment().putAll(environment);
      return new ServerProcess(builder.start(), port, log);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the server process", e);
    }
  }

  void awaitHealthy(Duration timeout) {
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health"))
        .timeout(Duration.ofSeconds(3)).build();
    Await.until(timeout, () -> {
      if (!process.isAlive()) {
        throw new AssertionError("the server process exited with " + process.exitValue() + "; its log:\n" + logText());
      }
      try {
        return http.send(health, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }, () -> "the server process was not healthy within " + timeout.toSeconds() + " s; its log:\n" + logText());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  /** SIGKILL: no shutdown hook, no goodbye to clients, the cluster or the database. */
  void kill() {
    process.destroyForcibly();
    waitForExit(30);
  }

  String logText() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private boolean waitForExit(int seconds) {
    try {
      return process.waitFor(seconds, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      if (!waitForExit(60)) {
        kill();
      }
    }
  }
}
