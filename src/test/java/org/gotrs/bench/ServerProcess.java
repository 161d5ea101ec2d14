package org.gotrs.bench;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.db.DatabaseTarget;

/**
 * The real server ({@code org.gotrs.Main serve}, what {@code java -jar target/gotrs.jar} runs) in a JVM of its
 * own, against the benchmark database, so its heap can be measured apart from the load it is given.
 */
final class ServerProcess implements AutoCloseable {

  private static final Pattern HEAP_USED = Pattern.compile("heap\\s+total \\d+K, used (\\d+)K");
  private static final Pattern HEAP_TOTAL = Pattern.compile("(?m)^Total\\s+\\d+\\s+(\\d+)");

  private final Process process;
  private final int port;
  private final Path log;
  private final String heap;

  private ServerProcess(Process process, int port, Path log, String heap) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.heap = heap;
  }

  /**
   * Starts the server with a fixed heap of {@code heap} ({@code -Xms} = {@code -Xmx}, as README advises for a
   * server) and the given configuration file contents, and waits for {@code /health}. With only a maximum, G1
   * shrank a lightly used heap to a few hundred megabytes and then marked it back to back, a 5–15 ms remark pause
   * every half second of a read workload.
   */
  static ServerProcess start(DatabaseTarget database, Path workDir, String heap, JsonObject conf)
      throws IOException, InterruptedException {
    return start(database, workDir, heap, conf, List.of());
  }

  /** The same with more options for its JVM ({@code -Dname=value}). */
  static ServerProcess start(DatabaseTarget database, Path workDir, String heap, JsonObject conf,
                             List<String> jvmOptions) throws IOException, InterruptedException {
    Files.createDirectories(workDir);
    Path confFile = workDir.resolve("gotrs-bench.json");
    Files.writeString(confFile, conf.encodePrettily());
    Path log = workDir.resolve("server.log");
    int port = freePort();
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xms" + heap, "-Xmx" + heap,
        // every collection with its pause and wall-clock time, to read latency tails against
        "-Xlog:gc:file=" + workDir.resolve("server-gc.log") + ":time,uptime"));
    command.addAll(jvmOptions);
    // e.g. -Dbench.server_options=-XX:StartFlightRecording=filename=server.jfr,settings=profile to profile the server
    for (String option : System.getProperty("bench.server_options", "").split("\\s+")) {
      if (!option.isEmpty()) {
        command.add(option);
      }
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "org.gotrs.Main", "serve", "--conf",
        confFile.toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("GOTRS_DB_URL", database.url());
    builder.environment().put("GOTRS_DATA_DIR", workDir.resolve("data").toString());
    builder.environment().put("GOTRS_HTTP_HOST", "127.0.0.1");
    builder.environment().put("GOTRS_HTTP_PORT", String.valueOf(port));
    builder.environment().put("GOTRS_ADMIN_PASSWORD", "bench-admin-password");
    Process process = builder.start();
    // An interrupted benchmark must not leave its server behind.
    Runtime.getRuntime().addShutdownHook(new Thread(process::destroy));
    var server = new ServerProcess(process, port, log, heap);
    server.awaitHealthy();
    return server;
  }

  private void awaitHealthy() throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the server exited; see " + log);
      }
      try {
        var response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/health")).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    throw new IllegalStateException("the server did not become healthy within 2 minutes; see " + log);
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  String heap() {
    return heap;
  }

  /** Used heap in bytes right after a full collection ({@code jcmd GC.run}, then {@code GC.heap_info}). */
  long usedHeapAfterGc() throws IOException, InterruptedException {
    jcmd("GC.run");
    Matcher used = HEAP_USED.matcher(jcmd("GC.heap_info"));
    if (!used.find()) {
      throw new IllegalStateException("cannot read the heap figure from jcmd GC.heap_info");
    }
    return Long.parseLong(used.group(1)) * 1024;
  }

  /**
   * The live heap: {@code jcmd GC.class_histogram} collects and counts the objects still reachable in one safepoint,
   * its {@code Total} line in bytes. (Used heap read by a second jcmd after {@code GC.run} also counts whatever the
   * server allocated between the two commands: a busy export's garbage.) The classes taking most are printed.
   */
  long liveHeap(String when) throws IOException, InterruptedException {
    String histogram = jcmd("GC.class_histogram");
    System.out.println("the server's live heap " + when + ", by class:\n"
        + String.join("\n", histogram.lines().limit(15 + 3L).toList()));
    Matcher total = HEAP_TOTAL.matcher(histogram);
    if (!total.find()) {
      throw new IllegalStateException("cannot read the total from jcmd GC.class_histogram");
    }
    return Long.parseLong(total.group(1));
  }

  private String jcmd(String command) throws IOException, InterruptedException {
    Process jcmd = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
        String.valueOf(process.pid()), command).redirectErrorStream(true).start();
    String output = new String(jcmd.getInputStream().readAllBytes());
    if (jcmd.waitFor() != 0) {
      throw new IllegalStateException("jcmd " + command + " failed: " + output);
    }
    return output;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** SIGTERM, as an operator would stop it, then waits for the graceful shutdown. */
  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
