package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import org.HdrHistogram.Histogram;

/**
 * Agent throughput (issue 23): saved-view counts pushed on {@code views} while tickets change through the API
 * (commit to push latency, and the pushed counts against a count at the end), and a bulk close of 500 tickets
 * through {@code POST /tickets/bulk} beside the same change as one raw SQL statement.
 */
final class ThroughputWorkload {

  private static final int VIEWS = 10;
  private static final int BULK = 500;

  private final Vertx vertx;
  private final Scale scale;
  private final Setup setup;
  private final ServerProcess server;
  private final WebClient http;
  private final Api lead;
  private final Connection jdbc;
  private final Report report;

  ThroughputWorkload(Vertx vertx, Scale scale, Setup setup, ServerProcess server, WebClient http, Api lead,
                     Connection jdbc, Report report) {
    this.vertx = vertx;
    this.scale = scale;
    this.setup = setup;
    this.server = server;
    this.http = http;
    this.lead = lead;
    this.jdbc = jdbc;
    this.report = report;
  }

  void run() throws Exception {
    viewCountsPushed();
    bulkClose();
  }

  /** Views of the lead by queue and state; tickets of those queues move between new and open at the scale's rate. */
  private void viewCountsPushed() throws Exception {
    List<Integer> queues = setup.queues().subList(0, Math.min(5, setup.queues().size()));
    for (int i = 0; i < VIEWS; i++) {
      JsonObject filters = new JsonObject().put("queue_id", String.valueOf(queues.get(i % queues.size())))
          .put("state_type", i % 2 == 0 ? "new" : "open");
      await(http.post("/api/v1/views").bearerTokenAuthentication(lead.token())
          .sendJsonObject(new JsonObject().put("name", "bench view " + i).put("filters", filters)));
    }
    List<Long> tickets = madeNew(queues, scale.changesPerSecond() * scale.changeSeconds());
    Map<Long, Long> pushed = new ConcurrentHashMap<>();
    ConcurrentLinkedQueue<Long> frames = new ConcurrentLinkedQueue<>();
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
        .setURI("/ws")));
    Future<Void> firstCounts = Future.future(promise -> socket.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("ready".equals(frame.getString("type"))) {
        socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("topics", new JsonArray().add("views"))
            .encode());
      } else if ("views.counts".equals(frame.getString("event"))) {
        frames.add(System.nanoTime());
        frame.getJsonObject("data").getJsonArray("items").forEach(item -> {
          JsonObject count = (JsonObject) item;
          pushed.put(count.getLong("view_id"), count.getLong("count"));
        });
        promise.tryComplete();
      }
    }));
    socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", lead.token()).encode());
    await(firstCounts);

    List<Long> commits = new ArrayList<>();
    long intervalNanos = 1_000_000_000L / scale.changesPerSecond();
    long start = System.nanoTime();
    List<Future<Void>> inFlight = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      long due = start + i * intervalNanos;
      while (System.nanoTime() < due) {
        Thread.onSpinWait();
      }
      long ticket = tickets.get(i);
      inFlight.add(lead.changeTicket(ticket, new JsonObject().put("state", "open")).map(done -> {
        synchronized (commits) {
          commits.add(System.nanoTime());
        }
        return null;
      }));
    }
    await(Future.all(inFlight));
    Thread.sleep(1_000);
    Histogram latency = new Histogram(3);
    List<Long> arrivals = new ArrayList<>(frames);
    for (long committed : commits) {
      arrivals.stream().filter(at -> at >= committed).findFirst()
          .ifPresent(at -> latency.recordValue(Math.max(1, (at - committed) / 1_000)));
    }
    JsonArray counted = new JsonObject(await(lead.get("/api/v1/views/counts")).toString()).getJsonArray("items");
    long wrong = counted.stream().map(JsonObject.class::cast)
        .filter(count -> !count.getLong("count").equals(pushed.get(count.getLong("view_id")))).count();
    await(socket.close());
    System.out.printf("  views: p50 %.0f ms, p99 %.0f ms after commit, %d pushes, %d of %d counts differ%n",
        latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0, arrivals.size(), wrong,
        counted.size());
    report.row("23", "view counts pushed on `views`: %d views of one agent, %,d ticket changes at %d/s through the API; "
            .formatted(counted.size(), commits.size(), scale.changesPerSecond())
            + "commit (PATCH answered) to the next `views.counts` frame, p50 / p99 (%d pushes; %d of %d counts differ "
            .formatted(arrivals.size(), wrong, counted.size()) + "from `GET /views/counts` at the end)",
        "%.0f / %.0f ms".formatted(latency.getValueAtPercentile(50) / 1000.0, latency.getValueAtPercentile(99) / 1000.0),
        "", "p99 ≤ 200 ms, counts equal", latency.getValueAtPercentile(99) <= 200_000 && wrong == 0);
  }

  /** 500 open tickets of the lead closed in one bulk action, then another 500 in one raw UPDATE. */
  private void bulkClose() throws Exception {
    List<Long> tickets = madeNew(setup.queues(), 2 * BULK);
    List<Long> viaApi = tickets.subList(0, BULK);
    List<Long> viaSql = tickets.subList(BULK, 2 * BULK);
    long started = System.nanoTime();
    var response = await(http.post("/api/v1/tickets/bulk").bearerTokenAuthentication(lead.token())
        .sendJsonObject(new JsonObject().put("ticket_ids", new JsonArray(viaApi))
            .put("changes", new JsonObject().put("state", "closed successful"))));
    double apiSeconds = (System.nanoTime() - started) / 1e9;
    long done = response.bodyAsJsonObject().getJsonArray("results").stream().map(JsonObject.class::cast)
        .filter(result -> result.getInteger("status") == 200).count();
    started = System.nanoTime();
    try (PreparedStatement update = jdbc.prepareStatement("""
        UPDATE ticket SET ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'closed successful'),
               change_time = now() WHERE id = ANY (?)""")) {
      update.setArray(1, jdbc.createArrayOf("bigint", viaSql.toArray()));
      update.executeUpdate();
    }
    double sqlSeconds = (System.nanoTime() - started) / 1e9;
    System.out.printf("  bulk close of %d: %.2f s through the API (%d closed), %.3f s as one UPDATE%n", BULK, apiSeconds,
        done, sqlSeconds);
    report.row("23", "bulk close of %d tickets (`POST /tickets/bulk`, each its own transaction with permission check, "
            .formatted(BULK) + "history, audit and events; %d closed) / one raw `UPDATE` of %d others"
            .formatted(done, BULK),
        "%.2f s".formatted(apiSeconds), "%.3f s".formatted(sqlSeconds), "≤ 5 s", apiSeconds <= 5 && done == BULK);
  }

  /**
   * {@code count} unarchived tickets of those queues, set to state new by one raw statement before the measurement
   * (most loaded tickets are closed, and every run uses up new ones), shuffled.
   */
  private List<Long> madeNew(List<Integer> queues, int count) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (PreparedStatement update = jdbc.prepareStatement("""
        UPDATE ticket SET ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'new'), until_time = 0
         WHERE id IN (SELECT id FROM ticket WHERE queue_id = ANY (?) AND archive_flag = 0 AND merged_to_id IS NULL
                       ORDER BY id DESC LIMIT ?)
        RETURNING id""")) {
      update.setArray(1, jdbc.createArrayOf("integer", queues.toArray()));
      update.setInt(2, count);
      try (ResultSet rows = update.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
        }
      }
    }
    java.util.Collections.shuffle(ids, ThreadLocalRandom.current());
    return ids;
  }
}
