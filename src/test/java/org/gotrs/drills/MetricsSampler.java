package org.gotrs.drills;

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
import java.util.concurrent.TimeUnit;

/**
 * Reads the server's health from {@code /metrics}: live heap (after asking the server's JVM for a full GC with
 * {@code jcmd}, when the JDK has it, so the figure is what is retained rather than what awaits collection),
 * threads, open file descriptors, the SQL pool's connections in use and callers waiting, WebSocket connections.
 */
final class MetricsSampler {

  record Sample(long atMillis, long heapBytes, int threads, int openFiles, int poolInUse, int poolWaiting,
                int webSockets, long requests) {
    String line() {
      return String.format("%6.0f s  heap %6.1f MiB  threads %3d  fds %4d  sql pool in use %2d waiting %2d  websockets %4d  "
          + "requests %,d", atMillis / 1000.0, heapBytes / 1048576.0, threads, openFiles, poolInUse, poolWaiting,
          webSockets, requests);
    }
  }

  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();
  private final URI metrics;
  private final long pid;
  private final Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
  private final long started = System.currentTimeMillis();
  private final List<Sample> samples = new ArrayList<>();

  MetricsSampler(int port, long pid) {
    this.metrics = URI.create("http://127.0.0.1:" + port + "/metrics");
    this.pid = pid;
  }

  boolean collectsGarbageFirst() {
    return Files.isExecutable(jcmd);
  }

  Sample sample(long requests) {
    if (collectsGarbageFirst()) {
      fullGc();
    }
    String text = scrape();
    Sample sample = new Sample(System.currentTimeMillis() - started,
        (long) sum(text, "jvm_memory_used_bytes", "area=\"heap\""),
        (int) sum(text, "jvm_threads_live_threads", ""),
        (int) sum(text, "process_files_open_files", ""),
        (int) sum(text, "vertx_pool_in_use", "pool_type=\"sql\""),
        (int) sum(text, "vertx_pool_queue_pending", "pool_type=\"sql\""),
        (int) sum(text, "gotrs_websocket_connections", ""),
        requests);
    synchronized (samples) {
      samples.add(sample);
    }
    return sample;
  }

  /** The metrics text; a connection the server closed while idle is opened again, twice at most. */
  private String scrape() {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        return http.send(HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).build(),
            HttpResponse.BodyHandlers.ofString()).body();
      } catch (IOException e) {
        last = e;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new IllegalStateException("cannot read /metrics", last);
  }

  List<Sample> samples() {
    synchronized (samples) {
      return List.copyOf(samples);
    }
  }

  private void fullGc() {
    try {
      Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(pid), "GC.run")
          .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
      process.waitFor(60, TimeUnit.SECONDS);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The sum of a metric's samples whose labels contain {@code labels}. */
  static double sum(String text, String name, String labels) {
    double total = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith(name) && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')
          && line.contains(labels)) {
        total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return total;
  }
}
