package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Future;
import io.vertx.core.Promise;
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
import java.util.concurrent.atomic.AtomicInteger;
import org.HdrHistogram.Histogram;

/**
 * Agent throughput (issue 23): saved-view counts pushed on {@code views} while tickets change through the API
 * (commit to push latency, and the pushed counts against a count at the end), and a bulk close of 500 tickets
 * through {@code POST /tickets/bulk} beside the same change as one raw SQL statement.
 */
final class ThroughputWorkload {

  private static final int VIEWS = 50;
  private static final int AGENTS = 20;
  private static final int QUEUES = 20;
  /** Ticket changes per second while the views are watched, as the issue asks ({@code -Dbench.changes_per_second}). */
  private static final int RATE = Integer.getInteger("bench.changes_per_second", 0) > 0
      ? Integer.getInteger("bench.changes_per_second") : 200;
  private static final int SECONDS = 5;
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

  /**
   * 50 views across 20 agents (by queue and state, some unowned), each agent's 4 default views besides; tickets of
   * those queues move from new to open through the API at {@link #RATE} per second, first with nobody subscribed
   * (the PATCH's own latency), then with every agent subscribed to {@code views}: for each change, the time from its
   * commit (the PATCH answered) to the next {@code views.counts} frame of each agent with a view whose count it
   * changes, and at the end each agent's last pushed counts against {@code GET /views/counts}.
   */
  private void viewCountsPushed() throws Exception {
    List<Integer> queues = setup.queues().subList(0, Math.min(QUEUES, setup.queues().size()));
    List<String> agents = viewAgents(queues);
    List<Api> tokens = new ArrayList<>();
    for (String agent : agents) {
      tokens.add(await(Api.login(http, agent, DataLoader.PASSWORD)));
    }
    // the agents a change of a ticket in the queue from new to open changes a count of: views of the queue by state,
    // and those of its unowned tickets when the ticket has no owner
    Map<Integer, java.util.Set<Integer>> anyOwner = new java.util.HashMap<>();
    Map<Integer, java.util.Set<Integer>> noOwner = new java.util.HashMap<>();
    for (int i = 0; i < VIEWS; i++) {
      int agent = i % agents.size();
      int queue = queues.get(i % queues.size());
      JsonObject filters = new JsonObject().put("queue_id", String.valueOf(queue))
          .put("state_type", i % 2 == 0 ? "new" : "open");
      if (i % 5 == 4) {
        filters.put("owner_id", "none");
      }
      await(http.post("/api/v1/views").bearerTokenAuthentication(tokens.get(agent).token())
          .sendJsonObject(new JsonObject().put("name", "bench view " + i).put("filters", filters)));
      (i % 5 == 4 ? noOwner : anyOwner).computeIfAbsent(queue, q -> new java.util.HashSet<>()).add(agent);
    }
    List<Long> made = madeNew(queues, 4 * RATE * SECONDS);
    // the first half warms the server up (compiled code, prepared statements on every pooled connection) with nobody
    // subscribed and then with every agent subscribed, so that both measured runs find the code they take compiled
    int warming = made.size() / 4;
    changed(made.subList(0, warming), new ArrayList<>());
    List<WebSocket> warmingSockets = new ArrayList<>();
    for (Api agent : tokens) {
      warmingSockets.add(subscribed(agent, new ConcurrentHashMap<>(), new ConcurrentLinkedQueue<>()));
    }
    changed(made.subList(warming, 2 * warming), new ArrayList<>());
    for (WebSocket socket : warmingSockets) {
      await(socket.close());
    }
    List<Long> tickets = made.subList(2 * warming, made.size());
    int changes = tickets.size() / 2;
    Map<Long, Integer> queueOf = new java.util.HashMap<>();
    java.util.Set<Long> unowned = new java.util.HashSet<>();
    ticketsOf(tickets, queueOf, unowned);
    Histogram alone = changed(tickets.subList(0, changes), new ArrayList<>());

    List<Map<Long, Long>> pushed = new ArrayList<>();
    List<ConcurrentLinkedQueue<Long>> frames = new ArrayList<>();
    List<WebSocket> sockets = new ArrayList<>();
    for (Api agent : tokens) {
      Map<Long, Long> counts = new ConcurrentHashMap<>();
      ConcurrentLinkedQueue<Long> arrivals = new ConcurrentLinkedQueue<>();
      sockets.add(subscribed(agent, counts, arrivals));
      pushed.add(counts);
      frames.add(arrivals);
    }
    List<Long> commits = new ArrayList<>();
    Histogram watched = changed(tickets.subList(changes, 2 * changes), commits);
    quiet(frames);
    Histogram latency = new Histogram(3);
    Map<Long, Integer> lateAt = new java.util.TreeMap<>();
    List<Long> measured = tickets.subList(changes, 2 * changes);
    for (int i = 0; i < measured.size(); i++) {
      long committed = commits.get(i);
      int queue = queueOf.get(measured.get(i));
      java.util.Set<Integer> reached = new java.util.HashSet<>(anyOwner.getOrDefault(queue, java.util.Set.of()));
      if (unowned.contains(measured.get(i))) {
        reached.addAll(noOwner.getOrDefault(queue, java.util.Set.of()));
      }
      for (int agent : reached) {
        frames.get(agent).stream().filter(at -> at >= committed).findFirst()
            .ifPresent(at -> latency.recordValue(Math.max(1, (at - committed) / 1_000)));
        long late = frames.get(agent).stream().filter(at -> at >= committed).findFirst().orElse(committed) - committed;
        if (late > 500_000_000L) {
          lateAt.merge((committed - commits.get(0)) / 1_000_000_000L, 1, Integer::sum);
        }
      }
    }
    System.out.printf("  pushes p90 %.0f, p95 %.0f, p99 %.0f, max %.0f ms; later than 500 ms, by second of the run: %s%n",
        ms(latency, 90), ms(latency, 95), ms(latency, 99), latency.getMaxValue() / 1000.0, lateAt);
    long wrong = 0;
    int views = 0;
    for (int agent = 0; agent < tokens.size(); agent++) {
      JsonArray counted = new JsonObject(await(tokens.get(agent).get("/api/v1/views/counts")).toString())
          .getJsonArray("items");
      Map<Long, Long> last = pushed.get(agent);
      views += counted.size();
      List<JsonObject> differ = counted.stream().map(JsonObject.class::cast)
          .filter(count -> !count.getLong("count").equals(last.get(count.getLong("view_id")))).toList();
      wrong += differ.size();
      String login = agents.get(agent);
      differ.forEach(count -> System.out.printf("  %s: view %d pushed %s, counted %d%n", login,
          count.getLong("view_id"), last.get(count.getLong("view_id")), count.getLong("count")));
    }
    for (WebSocket socket : sockets) {
      await(socket.close());
    }
    int pushes = frames.stream().mapToInt(ConcurrentLinkedQueue::size).sum();
    System.out.printf("  views: p50 %.0f ms, p99 %.0f ms after commit, %d pushes, %d of %d counts differ; PATCH p99 "
            + "%.0f ms alone, %.0f ms with views%n", ms(latency, 50), ms(latency, 99), pushes, wrong, views,
        ms(alone, 99), ms(watched, 99));
    report.row("23", ("view counts pushed on `views`: %d saved views across %d agents (%d counts with their default "
            + "views), %,d ticket changes at %d/s through the API; commit (PATCH answered) to the next "
            + "`views.counts` frame of each agent with a view whose count it changes, p50 / p99 (%,d pushes; %d of %d "
            + "counts differ from `GET /views/counts` at the end)")
            .formatted(VIEWS, agents.size(), views, measured.size(), RATE, pushes, wrong, views),
        "%.0f / %.0f ms".formatted(ms(latency, 50), ms(latency, 99)), "", "p99 ≤ 200 ms, counts equal",
        ms(latency, 99) <= 200 && wrong == 0);
    report.row("23", "PATCH p50 / p99 during those changes: nobody subscribed / %d agents subscribed to `views`"
            .formatted(agents.size()),
        "%.0f / %.0f ms → %.0f / %.0f ms".formatted(ms(alone, 50), ms(alone, 99), ms(watched, 50), ms(watched, 99)),
        "", "p99 within 20%", ms(watched, 99) <= 1.2 * ms(alone, 99));
  }

  /** Until no agent was sent a frame for two seconds (at most a minute): the last changes' pushes have arrived. */
  private static void quiet(List<ConcurrentLinkedQueue<Long>> frames) throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    int seen = -1;
    while (System.nanoTime() < deadline) {
      int now = frames.stream().mapToInt(ConcurrentLinkedQueue::size).sum();
      if (now == seen) {
        return;
      }
      seen = now;
      Thread.sleep(2_000);
    }
  }

  private static double ms(Histogram histogram, double percentile) {
    return histogram.getValueAtPercentile(percentile) / 1000.0;
  }

  /**
   * The tickets moved to open at {@link #RATE} per second through the API, each sent when due by a 1 ms timer (no
   * thread spins waiting, which would take one of the machine's cores from the server); the PATCH latencies and
   * commit times.
   */
  private Histogram changed(List<Long> tickets, List<Long> commits) {
    Histogram patch = new Histogram(3);
    long[] committed = new long[tickets.size()];
    long start = System.nanoTime();
    AtomicInteger issued = new AtomicInteger();
    List<Future<Void>> inFlight = java.util.Collections.synchronizedList(new ArrayList<>());
    Promise<Void> allIssued = Promise.promise();
    vertx.setPeriodic(1, 1, timer -> {
      long due = Math.min(tickets.size(), (System.nanoTime() - start) * RATE / 1_000_000_000L + 1);
      while (issued.get() < due) {
        int index = issued.getAndIncrement();
        long sent = System.nanoTime();
        inFlight.add(lead.changeTicket(tickets.get(index), new JsonObject().put("state", "open")).map(done -> {
          long now = System.nanoTime();
          committed[index] = now;
          synchronized (patch) {
            patch.recordValue(Math.max(1, (now - sent) / 1_000));
          }
          return null;
        }));
      }
      if (issued.get() >= tickets.size()) {
        vertx.cancelTimer(timer);
        allIssued.complete();
      }
    });
    await(allIssued.future());
    await(Future.all(List.copyOf(inFlight)));
    for (long at : committed) {
      commits.add(at);
    }
    return patch;
  }

  /** A socket of the agent subscribed to {@code views}, once its first counts arrived. */
  private WebSocket subscribed(Api agent, Map<Long, Long> pushed, ConcurrentLinkedQueue<Long> frames) {
    WebSocketClient client = vertx.createWebSocketClient();
    WebSocket socket = await(client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(server.port())
        .setURI("/ws")));
    Future<Void> firstCounts = Future.future(promise -> socket.textMessageHandler(text -> {
      JsonObject frame = new JsonObject(text);
      if ("ready".equals(frame.getString("type"))) {
        socket.writeTextMessage(new JsonObject().put("type", "subscribe").put("topics", new JsonArray().add("views"))
            .encode());
      } else if ("views.counts".equals(frame.getString("event"))) {
        if (promise.future().isComplete()) {
          frames.add(System.nanoTime());
        }
        frame.getJsonObject("data").getJsonArray("items").forEach(item -> {
          JsonObject count = (JsonObject) item;
          pushed.put(count.getLong("view_id"), count.getLong("count"));
        });
        promise.tryComplete();
      }
    }));
    socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", agent.token()).encode());
    await(firstCounts);
    return socket;
  }

  /**
   * The {@link #AGENTS} agents of the views, with the lead's password and {@code rw} on the queues' groups; the
   * views of earlier runs deleted.
   */
  private List<String> viewAgents(List<Integer> queues) throws SQLException {
    boolean autoCommit = jdbc.getAutoCommit();
    jdbc.setAutoCommit(true);
    try (var statement = jdbc.createStatement()) {
      statement.execute("DELETE FROM saved_view WHERE name LIKE 'bench view %'");
      statement.execute("""
          INSERT INTO users (login, email, password_hash, first_name, last_name)
          SELECT 'views-agent-' || n, 'views-agent-' || n || '@gotrs.example', u.password_hash, 'Views', n::text
            FROM generate_series(1, %d) AS n, users u WHERE u.login = '%s'
          ON CONFLICT DO NOTHING""".formatted(AGENTS, DataLoader.LEAD));
      statement.execute("""
          INSERT INTO group_user (user_id, group_id, permission_key, permission_value)
          SELECT u.id, q.group_id, 'rw', 1 FROM users u, queue q
           WHERE u.login LIKE 'views-agent-%%' AND q.id IN (%s)
          ON CONFLICT DO NOTHING""".formatted(String.join(",", queues.stream().map(String::valueOf).toList())));
    } finally {
      jdbc.setAutoCommit(autoCommit);
    }
    List<String> logins = new ArrayList<>();
    for (int n = 1; n <= AGENTS; n++) {
      logins.add("views-agent-" + n);
    }
    return logins;
  }

  /** Each ticket's queue, and which of them have no owner. */
  private void ticketsOf(List<Long> tickets, Map<Long, Integer> queues, java.util.Set<Long> unowned) throws SQLException {
    try (PreparedStatement select = jdbc.prepareStatement(
        "SELECT id, queue_id, user_id IS NULL FROM ticket WHERE id = ANY (?)")) {
      select.setArray(1, jdbc.createArrayOf("bigint", tickets.toArray()));
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          queues.put(rows.getLong(1), rows.getInt(2));
          if (rows.getBoolean(3)) {
            unowned.add(rows.getLong(1));
          }
        }
      }
    }
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
