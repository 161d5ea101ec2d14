package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.gotrs.db.DatabaseTarget;

/**
 * Issue 31: what a slow commit costs each design of the event log's order. PostgreSQL is made to pay a production
 * commit latency with {@code commit_delay} (each WAL flush waits for company; {@code commit_siblings=1}): a locked
 * writer commits alone and pays it on every commit, stamped writers commit side by side and share it. Creates and
 * PATCHes at 32 in flight at 0, 2, 10 and 20 ms, first with a server in {@code events.ordering=locked}, then with one
 * in {@code stamped}, against the same database in one run; then PATCH latency at 100 changes a second without delay.
 */
final class CommitDelayWorkload {

  private static final int[] DELAYS_MS = {0, 2, 10, 20};
  private static final int IN_FLIGHT = 32;
  private static final Duration WINDOW = Duration.ofSeconds(15);
  private static final Duration WARM_UP = Duration.ofSeconds(15);
  private static final int PATCHES_PER_SECOND = 100;
  private static final int PATCH_SECONDS = 20;

  private record Figures(LoadDriver.Result creates, LoadDriver.Result rawCreates, LoadDriver.Result patches) {}

  private final Vertx vertx;
  private final Setup setup;
  private final DatabaseTarget database;
  private final Path workDir;
  private final String heap;
  private final JsonObject conf;
  private final Pool pool;
  private final Connection jdbc;
  private final Report report;
  private final AtomicInteger tickets = new AtomicInteger();

  CommitDelayWorkload(Vertx vertx, Setup setup, DatabaseTarget database, Path workDir, String heap, JsonObject conf,
                      Pool pool, Connection jdbc, Report report) {
    this.vertx = vertx;
    this.setup = setup;
    this.database = database;
    this.workDir = workDir;
    this.heap = heap;
    this.conf = conf;
    this.pool = pool;
    this.jdbc = jdbc;
    this.report = report;
  }

  void run() throws Exception {
    Map<String, Map<Integer, Figures>> byDesign = new LinkedHashMap<>();
    Map<String, LoadDriver.Result> steadyPatches = new LinkedHashMap<>();
    try {
      for (String design : List.of("locked", "stamped")) {
        JsonObject designConf = conf.copy().put("events", new JsonObject().put("ordering", design));
        try (ServerProcess server = ServerProcess.start(database, workDir.resolve(design), heap, designConf)) {
          Api lead = await(Api.login(Api.client(vertx, server.port(), 64), DataLoader.LEAD, DataLoader.PASSWORD));
          RawCreate raw = new RawCreate(pool, design.equals("locked"));
          commitDelay(0);
          await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WARM_UP, i -> lead.createTicket(newTicket())));
          await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WARM_UP, i -> change(lead, i)));
          Map<Integer, Figures> byDelay = new LinkedHashMap<>();
          for (int delay : DELAYS_MS) {
            commitDelay(delay);
            var creates = await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WINDOW,
                i -> lead.createTicket(newTicket())));
            var rawCreates = await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WINDOW,
                i -> raw.create(TicketWorkload.rawTicket(setup, next()))));
            var patches = await(LoadDriver.closedLoop(Integer.MAX_VALUE, IN_FLIGHT, WINDOW, i -> change(lead, i)));
            System.out.printf("  %s, commit_delay %d ms: creates %.0f/s (raw %.0f/s), PATCH %.0f/s%n", design, delay,
                creates.perSecond(), rawCreates.perSecond(), patches.perSecond());
            byDelay.put(delay, new Figures(creates, rawCreates, patches));
          }
          commitDelay(0);
          steadyPatches.put(design, await(LoadDriver.openLoop(vertx, PATCHES_PER_SECOND, PATCH_SECONDS,
              i -> change(lead, i))));
          byDesign.put(design, byDelay);
        }
      }
    } finally {
      commitDelay(0);
    }
    record(byDesign, steadyPatches);
  }

  private void record(Map<String, Map<Integer, Figures>> byDesign, Map<String, LoadDriver.Result> steadyPatches) {
    for (String design : byDesign.keySet()) {
      Map<Integer, Figures> byDelay = byDesign.get(design);
      double undelayed = byDelay.get(0).creates().perSecond();
      for (int delay : DELAYS_MS) {
        Figures figures = byDelay.get(delay);
        double kept = figures.creates().perSecond() / undelayed;
        String target = !design.equals("stamped") || delay < 10 ? ""
            : "≥ %d%% of no delay: %.0f%%".formatted(delay == 10 ? 80 : 60, 100 * kept);
        Boolean met = target.isEmpty() ? null : kept >= (delay == 10 ? 0.8 : 0.6);
        report.row("31", "ticket create, %d in flight, `commit_delay` %d ms, events %s (%.0f%% of its no-delay rate)"
                .formatted(IN_FLIGHT, delay, design, 100 * kept),
            Report.rate(figures.creates()), Report.rate(figures.rawCreates()), target, met);
      }
      for (int delay : DELAYS_MS) {
        report.row("31", "ticket PATCH (title), %d in flight, `commit_delay` %d ms, events %s"
            .formatted(IN_FLIGHT, delay, design), Report.rate(byDelay.get(delay).patches()), "", "", null);
      }
      LoadDriver.Result steady = steadyPatches.get(design);
      report.row("31", "ticket PATCH at %d changes/s for %d s, no delay, events %s"
              .formatted(PATCHES_PER_SECOND, PATCH_SECONDS, design), Report.millis(steady, 50, 99), "",
          design.equals("stamped") ? "p99 ≤ 150 ms" : "", design.equals("stamped") ? steady.millis(99) <= 150 : null);
    }
    report.note("commit delay: `ALTER SYSTEM SET commit_delay` (µs) with `commit_siblings = 1` and `pg_reload_conf()` "
        + "before each step; one server per design (`events.ordering`), one after the other, each warmed up for "
        + WARM_UP.toSeconds() + " s; each figure is a " + WINDOW.toSeconds() + " s closed loop");
    List<String> table = new ArrayList<>();
    table.add("creates/s by commit delay (locked / stamped): ");
    for (int delay : DELAYS_MS) {
      table.add("%d ms %.0f / %.0f".formatted(delay, byDesign.get("locked").get(delay).creates().perSecond(),
          byDesign.get("stamped").get(delay).creates().perSecond()));
    }
    report.note(table.get(0) + String.join(" · ", table.subList(1, table.size())));
  }

  private io.vertx.core.Future<?> change(Api lead, int i) {
    long id = 1 + new Random(i).nextLong(setup.maxTicketId());
    return lead.changeTicket(id, new JsonObject().put("title", "commit delay change " + i));
  }

  private JsonObject newTicket() {
    return TicketWorkload.newTicket(setup, next());
  }

  /** Ticket numbers far above the ones the other workloads create, so that runs never repeat a title. */
  private int next() {
    return 1_000_000 + tickets.getAndIncrement();
  }

  private void commitDelay(int millis) throws SQLException {
    boolean autoCommit = jdbc.getAutoCommit();
    jdbc.setAutoCommit(true);
    try (var statement = jdbc.createStatement()) {
      statement.execute("ALTER SYSTEM SET commit_delay = " + millis * 1000);
      statement.execute("ALTER SYSTEM SET commit_siblings = 1");
      statement.execute("SELECT pg_reload_conf()");
    } finally {
      jdbc.setAutoCommit(autoCommit);
    }
  }
}
