package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gotrs.sla.BusinessHoursSpec;
import org.gotrs.sla.WorkingTime;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.gotrs.history.TicketHistory;
import org.junit.jupiter.api.Test;

/**
 * Escalation figures for BENCHMARKS.md; not part of the test suite (the name does not end in Test). Run:
 * <pre>
 * mvn -B -q test -Dtest=EscalationBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbench.tickets=1000000 -Dbench.changes=2000
 * </pre>
 * and read {@code target/surefire-reports/org.gotrs.escalation.EscalationBenchmark-output.txt}.
 */
class EscalationBenchmark {

  private static final int TICKETS = Integer.getInteger("bench.tickets", 1_000_000);
  private static final int CHANGES = Integer.getInteger("bench.changes", 2_000);

  private static void report(String what, Object figure) {
    System.out.println("BENCH " + what + ": " + figure);
  }

  @Test
  void recomputationAndTimerMemory() throws Exception {
    report("machine", Runtime.getRuntime().availableProcessors() + " cores, max heap "
        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB, " + System.getProperty("java.version"));
    calculatorCpu();
    recomputation();
    timerMemory();
  }

  /** The pure calculation: deadlines and alarms of one ticket over a Berlin office calendar with holidays. */
  private void calculatorCpu() {
    JsonObject week = new JsonObject();
    for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
      week.put(day, new JsonArray().add(new JsonArray().add("08:00").add("12:00")).add(new JsonArray().add("13:00").add("17:00")));
    }
    WorkingTime calendar = new WorkingTime(BusinessHoursSpec.parse(new JsonObject().put("timezone", "Europe/Berlin")
        .put("week", week), new JsonArray().add("12-25").add("12-26").add("01-01")));
    var targets = new EscalationCalculator.Targets(60, 80, 240, 80, 2_400, 90, calendar);
    Instant created = Instant.parse("2026-03-27T15:00:00Z");
    var facts = new EscalationCalculator.Facts(created, 2, targets, false, created.plusSeconds(3_600), List.of(
        new EscalationCalculator.StateChange(created, 1), new EscalationCalculator.StateChange(created.plusSeconds(600), 3),
        new EscalationCalculator.StateChange(created.plusSeconds(7_200), 2)));
    for (int i = 0; i < 20_000; i++) {
      EscalationCalculator.deadlines(facts);
    }
    int runs = 100_000;
    long started = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      EscalationCalculator.deadlines(facts);
    }
    report("calculator CPU per ticket (3 deadlines, 6 alarms, 5-day solution time over office hours)",
        String.format("%.1f µs", (System.nanoTime() - started) / 1000.0 / runs));
  }

  /** The rebuild each ticket write pays, inside a transaction holding the ticket, against a baseline without it. */
  private void recomputation() {
    try (TestServer server = TestServer.start()) {
      Fixtures fixtures = new Fixtures(server);
      String admin = server.loginAdmin();
      JsonObject week = new JsonObject();
      for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
        week.put(day, new JsonArray().add(new JsonArray().add("08:00").add("17:00")));
      }
      int sla = server.send(HttpMethod.POST, "/api/v1/slas", admin, new JsonObject().put("name", "bench")
          .put("business_hours", new JsonObject().put("timezone", "Europe/Berlin").put("week", week))
          .put("holidays", new JsonArray().add("12-25")).put("first_response_time", 60).put("first_response_notify", 80)
          .put("update_time", 240).put("update_notify", 80).put("solution_time", 2_400).put("solution_notify", 90))
          .bodyAsJsonObject().getInteger("id");
      List<Long> tickets = new ArrayList<>();
      for (int i = 0; i < 100; i++) {
        long id = server.send(HttpMethod.POST, "/api/v1/tickets", admin, new JsonObject().put("title", "bench " + i)
            .put("queue_id", 2).put("sla_id", sla).put("article", new JsonObject().put("body", "hello")
                .put("article_type", "phone").put("article_sender_type_id", 3))).bodyAsJsonObject().getLong("id");
        for (int a = 0; a < 4; a++) {
          server.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/articles", admin, new JsonObject()
              .put("body", "follow-up " + a).put("article_type", "phone").put("article_sender_type_id", a % 2 == 0 ? 3 : 1));
        }
        tickets.add(id);
      }
      Pool pool = server.app().pool();
      EscalationIndex index = new EscalationIndex(new TicketHistory());
      String lock = "SELECT id FROM ticket WHERE id = $1 FOR UPDATE";
      String dirty = "UPDATE ticket SET escalation_time = 0 WHERE id = $1";
      measure("baseline: transaction locking the ticket", CHANGES, tickets, pool, (tx, id) ->
          tx.preparedQuery(lock).execute(Tuple.of(id)).mapEmpty());
      measure("rebuild, deadlines unchanged (e.g. a title change)", CHANGES, tickets, pool, (tx, id) ->
          tx.preparedQuery(lock).execute(Tuple.of(id)).compose(locked -> index.ticketWritten(tx, id)));
      measure("baseline: lock + one UPDATE of the ticket", CHANGES, tickets, pool, (tx, id) ->
          tx.preparedQuery(lock).execute(Tuple.of(id)).compose(locked -> tx.preparedQuery(dirty).execute(Tuple.of(id)))
              .mapEmpty());
      measure("rebuild, deadlines moved (columns and alerts rewritten)", CHANGES, tickets, pool, (tx, id) ->
          tx.preparedQuery(lock).execute(Tuple.of(id)).compose(locked -> tx.preparedQuery(dirty).execute(Tuple.of(id)))
              .compose(dirtied -> index.ticketWritten(tx, id)));
    }
  }

  private interface Step {
    Future<Void> run(io.vertx.sqlclient.SqlConnection tx, long ticketId);
  }

  private static void measure(String what, int changes, List<Long> tickets, Pool pool, Step step) {
    for (int i = 0; i < 200; i++) {
      long id = tickets.get(i % tickets.size());
      TestServer.await(pool.withTransaction(tx -> step.run(tx, id)));
    }
    long[] nanos = new long[changes];
    for (int i = 0; i < changes; i++) {
      long id = tickets.get(i % tickets.size());
      long started = System.nanoTime();
      TestServer.await(pool.withTransaction(tx -> step.run(tx, id)));
      nanos[i] = System.nanoTime() - started;
    }
    Arrays.sort(nanos);
    report(what, String.format("mean %.0f µs, p50 %d µs, p99 %d µs over %d transactions",
        Arrays.stream(nanos).average().orElse(0) / 1000, nanos[changes / 2] / 1000, nanos[changes * 99 / 100] / 1000,
        changes));
  }

  /** Heap of a node with no pending deadlines against one whose database holds TICKETS open tickets with deadlines. */
  private void timerMemory() throws Exception {
    var emptyDb = TestDatabase.fresh();
    long emptyHeap;
    try (TestServer server = TestServer.start(emptyDb, java.util.Map.of(), new JsonObject()).awaitReady()) {
      Thread.sleep(3_000);
      emptyHeap = heapAfterGc();
    }
    report("heap after GC, node on an empty database", emptyHeap / 1024 + " KiB");

    var bigDb = TestDatabase.fresh();
    try (TestServer seed = TestServer.start(bigDb, java.util.Map.of(), new JsonObject()).awaitReady()) {
      long started = System.nanoTime();
      seed.sql("""
          INSERT INTO ticket (tn, title, queue_id, ticket_state_id, ticket_priority_id, type_id, ticket_lock_id,
                              escalation_response_time, escalation_solution_time, escalation_time)
          SELECT 'BENCH' || g, 'bench ticket ' || g, 2, 2, 3, 1, 1,
                 extract(epoch FROM now())::int + 3600 + g, extract(epoch FROM now())::int + 86400 + g,
                 extract(epoch FROM now())::int + 3600 + g
            FROM generate_series(1, ?) g""", TICKETS);
      seed.sql("""
          INSERT INTO escalation_alert (ticket_id, kind, level, due_at, deadline)
          SELECT id, 'response', 'warning', escalation_response_time - 720, escalation_response_time FROM ticket
          UNION ALL
          SELECT id, 'response', 'breached', escalation_response_time, escalation_response_time FROM ticket
          UNION ALL
          SELECT id, 'solution', 'breached', escalation_solution_time, escalation_solution_time FROM ticket""");
      seed.sql("ANALYZE ticket");
      seed.sql("ANALYZE escalation_alert");
      report("seeding " + TICKETS + " open tickets with " + 3L * TICKETS + " pending alerts",
          (System.nanoTime() - started) / 1_000_000_000 + " s");
      report("database size", seed.scalar("SELECT pg_size_pretty(pg_database_size(current_database()))"));
    }
    try (TestServer server = TestServer.start(bigDb, java.util.Map.of(), new JsonObject()).awaitReady()) {
      Thread.sleep(3_000);
      long bigHeap = heapAfterGc();
      report("heap after GC, node with " + TICKETS + " open tickets with deadlines", bigHeap / 1024 + " KiB");
      report("difference", (bigHeap - emptyHeap) / 1024 + " KiB");
      EscalationAlerts alerts = new EscalationAlerts(server.app().pool(), null, null);
      long[] nanos = new long[500];
      for (int i = 0; i < nanos.length; i++) {
        long started = System.nanoTime();
        TestServer.await(alerts.nextDue());
        nanos[i] = System.nanoTime() - started;
      }
      Arrays.sort(nanos);
      report("re-arm query (next due alert) with " + 3L * TICKETS + " pending alerts",
          String.format("p50 %d µs, p99 %d µs", nanos[nanos.length / 2] / 1000, nanos[nanos.length * 99 / 100] / 1000));
      report("plan", server.sql("EXPLAIN SELECT min(due_at) AS due FROM escalation_alert WHERE fired_at IS NULL")
          .stream().map(row -> row.values().iterator().next().toString()).toList());
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(300);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
