package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The live stream figures (issue 5): the server's heap per authenticated, subscribed {@code /ws} connection,
 * and commit-to-client latency for the subscribers of one queue while its tickets change through the API.
 */
final class LiveWorkload {

  private static final int OPENING_IN_PARALLEL = 200;

  private final Vertx vertx;
  private final Scale scale;
  private final Setup setup;
  private final ServerProcess server;
  private final Api lead;
  private final Connection jdbc;
  private final Report report;

  LiveWorkload(Vertx vertx, Scale scale, Setup setup, ServerProcess server, Api lead, Connection jdbc, Report report) {
    this.vertx = vertx;
    this.scale = scale;
    this.setup = setup;
    this.server = server;
    this.lead = lead;
    this.jdbc = jdbc;
    this.report = report;
  }

  void run() throws IOException, InterruptedException, SQLException {
    heapPerConnection();
    deliveryLatency();
  }

  /** 5a: used heap after a full GC, before and with {@code connections} connections each following a queue. */
  private void heapPerConnection() throws IOException, InterruptedException {
    int count = scale.connections();
    long before = server.usedHeapAfterGc();
    long started = System.nanoTime();
    try (LiveDriver live = new LiveDriver(vertx, server.port(), count)) {
      await(live.open(count, OPENING_IN_PARALLEL, lead.token(),
          i -> "queue:" + setup.queues().get(i % setup.queues().size())));
      double openSeconds = (System.nanoTime() - started) / 1e9;
      long after = server.usedHeapAfterGc();
      long perConnection = (after - before) / count;
      long forTenThousand = count == 10_000 ? after : before + perConnection * 10_000;
      report.row("5", "%,d authenticated WebSockets, each subscribed to a queue (server -Xmx%s); opened in %.0f s"
              .formatted(live.connections(), server.heap(), openSeconds),
          "heap after GC %s → %s: %s per connection".formatted(mib(before), mib(after), kib(perConnection)), "",
          "10,000 in ≤ 1 GiB heap: %s%s".formatted(mib(forTenThousand), count == 10_000 ? "" : " (extrapolated)"),
          forTenThousand <= 1024L * 1024 * 1024 && live.connections() == count && live.closedByServer() == 0);
    }
  }

  /**
   * 5b: {@code subscribers} follow the queues while {@code changesPerSecond} of their tickets change, twice:
   * spread over every queue (20 agents a queue at 1,000 subscribers and 50 queues, as a desk's agents follow
   * their own queues), and all on one queue, where every change goes to every subscriber.
   */
  private void deliveryLatency() throws InterruptedException, SQLException {
    changesReach(setup.queues(), "spread over %d queues".formatted(setup.queues().size()));
    changesReach(List.of(setup.queues().get(0)), "all on one queue");
  }

  private void changesReach(List<Integer> queues, String layout) throws InterruptedException, SQLException {
    List<Long> tickets = new ArrayList<>();
    List<List<Long>> perQueue = new ArrayList<>();
    for (int queue : queues) {
      perQueue.add(ticketsOf(queue, Math.max(1, 2_000 / queues.size())));
    }
    for (int i = 0; tickets.size() < perQueue.stream().mapToInt(List::size).sum(); i++) {
      for (List<Long> ids : perQueue) {
        if (i < ids.size()) {
          tickets.add(ids.get(i));
        }
      }
    }
    int subscribers = scale.subscribers() - scale.subscribers() % queues.size();
    try (LiveDriver live = new LiveDriver(vertx, server.port(), subscribers)) {
      await(live.open(subscribers, OPENING_IN_PARALLEL, lead.token(), i -> "queue:" + queues.get(i % queues.size())));
      live.resetLatency();
      // A title no earlier run used: an unchanged title is no change and sends no event.
      String run = Long.toString(System.currentTimeMillis(), 36);
      var changes = await(LoadDriver.openLoop(vertx, scale.changesPerSecond(), scale.changeSeconds(),
          i -> lead.changeTicket(tickets.get(i % tickets.size()), new JsonObject().put("title", "Live change " + run + "/" + i))));
      long expected = (long) changes.calls() * (subscribers / queues.size());
      live.awaitEvents(expected, Duration.ofSeconds(30));
      Histogram latency = live.latencyMicros();
      report.row("5", "%,d subscribers %s, %d ticket changes/s through the API for %d s (%,d frames/s)"
              .formatted(subscribers, layout, scale.changesPerSecond(), scale.changeSeconds(),
                  (long) scale.changesPerSecond() * (subscribers / queues.size())),
          "commit→client p50 %s ms · p99 %s ms · max %s ms; %,d of %,d frames, %d subscribers cut off; PATCH %s, done at %,.0f /s"
              .formatted(Report.decimal(latency.getValueAtPercentile(50) / 1000.0),
                  Report.decimal(latency.getValueAtPercentile(99) / 1000.0),
                  Report.decimal(latency.getMaxValue() / 1000.0), live.events(), expected, live.closedByServer(),
                  Report.millis(changes, 50, 99), changes.perSecond()), "",
          "p99 ≤ 100 ms", latency.getValueAtPercentile(99) <= 100_000 && live.events() == expected);
    }
  }

  private List<Long> ticketsOf(int queue, int limit) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement statement = jdbc.prepareStatement(
        "SELECT id FROM ticket WHERE queue_id = ? ORDER BY id DESC LIMIT ?")) {
      statement.setInt(1, queue);
      statement.setInt(2, limit);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    return ids;
  }

  private static String mib(long bytes) {
    return "%,.0f MiB".formatted(bytes / 1024.0 / 1024.0);
  }

  private static String kib(long bytes) {
    return "%,.1f KiB".formatted(bytes / 1024.0);
  }
}
