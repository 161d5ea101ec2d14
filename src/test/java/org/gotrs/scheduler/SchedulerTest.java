package org.gotrs.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchedulerTest {

  /** Every job every second, so a test sees several runs. */
  private static JsonObject everySecond() {
    JsonObject intervals = new JsonObject();
    for (String job : List.of("pending_tickets", "time_workflows", "cleanup_old_sessions", "refresh_ticket_statistics",
        "retention", "archive_old_tickets", "create_audit_log_partitions")) {
      intervals.put(job, 1);
    }
    return new JsonObject().put("scheduler", new JsonObject().put("intervals", intervals));
  }

  private static void waitUntil(java.util.function.BooleanSupplier condition, long millis, String what) {
    long deadline = System.currentTimeMillis() + millis;
    while (!condition.getAsBoolean()) {
      if (System.currentTimeMillis() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Test
  @DisplayName("a pending auto close ticket closes once its pending time has passed, and not before")
  void pendingAutoClose() {
    try (TestServer server = TestServer.start(everySecond())) {
      Fixtures fixtures = new Fixtures(server);
      int group = fixtures.group("pending");
      int queue = fixtures.queue("Pending", group);
      fixtures.agent("pending-agent", "pw", group, "rw");
      String token = server.login("pending-agent", "pw");
      long id = fixtures.ticket(token, queue, "Close me later", "bye").getLong("id");
      long until = Instant.now().getEpochSecond() + 3;
      var pending = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, token,
          new JsonObject().put("state", "pending auto close+").put("until_time", until));
      assertEquals(200, pending.statusCode(), pending.bodyAsString());

      waitUntil(() -> "closed successful".equals(state(server, token, id)), 10_000, "the ticket to close");
      Timestamp closedAt = (Timestamp) server.scalar("""
          SELECT h.create_time FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
           WHERE h.ticket_id = ? AND t.name = 'StateUpdate' ORDER BY h.id DESC LIMIT 1""", id);
      long closedEpoch = closedAt.toLocalDateTime().toEpochSecond(java.time.ZoneOffset.UTC);
      assertTrue(closedEpoch >= until, "closed at " + closedEpoch + ", pending until " + until);
      assertTrue(closedEpoch <= until + 3, "closed on time: " + closedEpoch + " for " + until);
      assertEquals(0L, ((Number) server.scalar("SELECT until_time FROM ticket WHERE id = ?", id)).longValue());
      assertEquals("00000000-0000-0000-0000-000000000001", server.scalar("""
          SELECT h.create_by::text FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
           WHERE h.ticket_id = ? AND t.name = 'StateUpdate' ORDER BY h.id DESC LIMIT 1""", id), "changed by the system");
    }
  }

  private static String state(TestServer server, String token, long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, token, null).bodyAsJsonObject().getString("state");
  }

  @Test
  @DisplayName("a pending reminder reaches the owner once when its time comes; job runs show in /metrics")
  void pendingReminder() {
    try (TestServer server = TestServer.start(everySecond())) {
      Fixtures fixtures = new Fixtures(server);
      int group = fixtures.group("reminder");
      int queue = fixtures.queue("Reminder", group);
      UUID owner = fixtures.agent("reminded", "pw", group, "rw");
      String token = server.login("reminded", "pw");
      long id = fixtures.ticket(token, queue, "Remind me", "later").getLong("id");
      try (LiveClient live = LiveClient.agent(server, token)) {
        live.subscribe(null, "agent");
        live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
        var pending = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, token, new JsonObject()
            .put("user_id", owner.toString()).put("state", "pending reminder")
            .put("until_time", Instant.now().getEpochSecond() + 2));
        assertEquals(200, pending.statusCode(), pending.bodyAsString());
        JsonObject reminder = live.awaitEvent("ticket.pending_reminder", 10);
        assertEquals(id, reminder.getJsonObject("data").getLong("ticket_id"));
        List<JsonObject> later = live.drain(2_500);
        assertTrue(later.stream().noneMatch(frame -> "ticket.pending_reminder".equals(frame.getString("event"))),
            "reminded once");
      }
      assertEquals("pending reminder", state(server, token, id), "a reminder does not change the state");
      String metrics = server.get("/metrics").bodyAsString();
      assertTrue(metrics.contains("gotrs_job_runs_total{job=\"pending_tickets\",outcome=\"success\"}"), metrics);
      assertTrue(metrics.contains("gotrs_job_duration_seconds_count{job=\"refresh_ticket_statistics\"}"));
    }
  }

  private record Run(String job, String node, Instant started, Instant finished) {}

  private static List<Run> runs(TestServer server) {
    List<Run> runs = new ArrayList<>();
    for (Map<String, Object> row : server.sql(
        "SELECT job, node::text AS node, started_at, finished_at FROM scheduler_job_run ORDER BY job, started_at")) {
      Timestamp finished = (Timestamp) row.get("finished_at");
      runs.add(new Run((String) row.get("job"), (String) row.get("node"),
          ((Timestamp) row.get("started_at")).toLocalDateTime().toInstant(java.time.ZoneOffset.UTC),
          finished == null ? null : finished.toLocalDateTime().toInstant(java.time.ZoneOffset.UTC)));
    }
    return runs;
  }

  @Test
  @DisplayName("two nodes never both run the same job: one run per interval across the cluster, none while the lock is held")
  void twoNodesShareTheJobs() throws Exception {
    DatabaseTarget database = TestDatabase.fresh();
    TestServer nodeA = TestServer.start(database, Map.of(), everySecond()).awaitReady();
    TestServer nodeB = TestServer.start(database, Map.of(), everySecond()).awaitReady();
    try {
      Thread.sleep(4_000);
      List<Run> runs = runs(nodeA);
      assertFalse(runs.isEmpty());
      for (int i = 1; i < runs.size(); i++) {
        Run previous = runs.get(i - 1);
        Run run = runs.get(i);
        if (!run.job().equals(previous.job())) {
          continue;
        }
        assertTrue(previous.finished() != null && !run.started().isBefore(previous.finished()),
            "runs of " + run.job() + " overlap: " + previous + " and " + run);
        assertTrue(java.time.Duration.between(previous.started(), run.started()).toMillis() >= 490,
            "two runs of " + run.job() + " in one interval: " + previous + " and " + run);
      }

      // While another session holds a job's lock, neither node runs it.
      try (Connection holder = TestDatabase.connect(database)) {
        try (var statement = holder.createStatement()) {
          statement.execute("SELECT pg_advisory_lock(7400600, hashtext('refresh_ticket_statistics'))");
        }
        Thread.sleep(1_200);
        Instant locked = Instant.now();
        Thread.sleep(2_500);
        long during = runs(nodeA).stream()
            .filter(run -> run.job().equals("refresh_ticket_statistics") && run.started().isAfter(locked)).count();
        assertEquals(0, during, "no run while the lock is held elsewhere");
      }
      Thread.sleep(2_000);
      assertTrue(runs(nodeA).stream().anyMatch(run -> run.job().equals("refresh_ticket_statistics")
          && run.started().isAfter(Instant.now().minusSeconds(2))), "runs again once the lock is free");
    } finally {
      nodeA.close();
      nodeB.close();
    }
  }
}
