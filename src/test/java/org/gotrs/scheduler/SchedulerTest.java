package org.gotrs.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = SchedulerTest.EVERY_SECOND)
class SchedulerTest {

  /** Every job every second, so a test sees several runs. */
  static final String EVERY_SECOND = """
      {"scheduler": {"intervals": {"pending_tickets": 1, "time_workflows": 1, "cleanup_old_sessions": 1,
                                   "refresh_ticket_statistics": 1, "retention": 1, "archive_old_tickets": 1,
                                   "create_audit_log_partitions": 1}}}""";

  private static final List<String> JOBS = List.of("pending_tickets", "time_workflows", "cleanup_old_sessions",
      "refresh_ticket_statistics", "retention", "archive_old_tickets", "create_audit_log_partitions");

  @Test
  @DisplayName("a pending auto close ticket closes once its pending time has passed, and not before")
  void pendingAutoClose(TestServer server, Fixtures fixtures) {
    int group = fixtures.group("pending");
    int queue = fixtures.queue("Pending", group);
    fixtures.agent("pending-agent", "pw", group, "rw");
    String token = server.login("pending-agent", "pw");
    long id = fixtures.ticket(token, queue, "Close me later", "bye").getLong("id");
    long until = Instant.now().getEpochSecond() + 3;
    var pending = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, token,
        new JsonObject().put("state", "pending auto close+").put("until_time", until));
    assertEquals(200, pending.statusCode(), pending.bodyAsString());

    Await.until(Duration.ofSeconds(10), () -> "closed successful".equals(state(server, token, id)),
        () -> "the ticket did not close");
    Timestamp closedAt = (Timestamp) server.scalar("""
        SELECT h.create_time FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'StateUpdate' ORDER BY h.id DESC LIMIT 1""", id);
    long closedEpoch = closedAt.toLocalDateTime().toEpochSecond(ZoneOffset.UTC);
    assertTrue(closedEpoch >= until, "closed at " + closedEpoch + ", pending until " + until);
    assertTrue(closedEpoch <= until + 3, "closed on time: " + closedEpoch + " for " + until);
    assertEquals(0L, ((Number) server.scalar("SELECT until_time FROM ticket WHERE id = ?", id)).longValue());
    assertEquals("00000000-0000-0000-0000-000000000001", server.scalar("""
        SELECT h.create_by::text FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'StateUpdate' ORDER BY h.id DESC LIMIT 1""", id), "changed by the system");
  }

  private static String state(TestServer server, String token, long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, token, null).bodyAsJsonObject().getString("state");
  }

  @Test
  @DisplayName("a pending reminder reaches the owner once when its time comes; job runs show in /metrics")
  void pendingReminder(TestServer server, Fixtures fixtures) {
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
    }
    // Two more finished runs of the job that sends reminders had the chance to send it again.
    Instant reminded = Instant.now();
    Await.until(Duration.ofSeconds(10), () -> finishedSince(server, "pending_tickets", reminded) >= 2,
        () -> "the pending job did not run again");
    assertEquals(1L, server.scalar("""
        SELECT count(*) FROM event_log WHERE name = 'ticket.pending_reminder' AND data->>'ticket_id' = ?""",
        String.valueOf(id)), "reminded once");
    assertEquals("pending reminder", state(server, token, id), "a reminder does not change the state");
    String metrics = server.get("/metrics").bodyAsString();
    assertTrue(metrics.contains("gotrs_job_runs_total{job=\"pending_tickets\",outcome=\"success\"}"), metrics);
    assertTrue(metrics.contains("gotrs_job_duration_seconds_count{job=\"refresh_ticket_statistics\"}"));
  }

  private static long finishedSince(TestServer server, String job, Instant since) {
    return (Long) server.scalar("SELECT count(*) FROM scheduler_job_run WHERE job = ? AND started_at > ? "
        + "AND finished_at IS NOT NULL", job, Timestamp.valueOf(LocalDateTime.ofInstant(since, ZoneOffset.UTC)));
  }

  private record Run(String job, String node, Instant started, Instant finished) {}

  private static List<Run> runs(TestServer server) {
    List<Run> runs = new ArrayList<>();
    for (Map<String, Object> row : server.sql(
        "SELECT job, node::text AS node, started_at, finished_at FROM scheduler_job_run ORDER BY job, started_at")) {
      Timestamp finished = (Timestamp) row.get("finished_at");
      runs.add(new Run((String) row.get("job"), (String) row.get("node"),
          ((Timestamp) row.get("started_at")).toLocalDateTime().toInstant(ZoneOffset.UTC),
          finished == null ? null : finished.toLocalDateTime().toInstant(ZoneOffset.UTC)));
    }
    return runs;
  }

  /** How often the node found a job's lock taken (or its run already made elsewhere), from its /metrics. */
  private static double skipped(TestServer node, String job) {
    Matcher line = Pattern.compile("(?m)^gotrs_job_skipped_total\\{job=\"" + job + "\"[^}]*} (\\S+)$")
        .matcher(node.get("/metrics").bodyAsString());
    return line.find() ? Double.parseDouble(line.group(1)) : 0;
  }

  @Test
  @DisplayName("two nodes never both run the same job: one run per interval across the cluster, none while the lock is held")
  void twoNodesShareTheJobs() throws Exception {
    DatabaseTarget database = TestDatabase.migrated();
    JsonObject everySecond = new JsonObject(EVERY_SECOND);
    TestServer nodeA = TestServer.start(database, Map.of(), everySecond).awaitReady();
    TestServer nodeB = TestServer.start(database, Map.of(), everySecond).awaitReady();
    try {
      Await.until(Duration.ofSeconds(20), () -> JOBS.stream().allMatch(job -> runs(nodeA).stream()
              .filter(run -> run.job().equals(job) && run.finished() != null).count() >= 3),
          () -> "not every job ran three times: " + runs(nodeA));
      List<Run> runs = runs(nodeA);
      for (int i = 1; i < runs.size(); i++) {
        Run previous = runs.get(i - 1);
        Run run = runs.get(i);
        if (!run.job().equals(previous.job())) {
          continue;
        }
        assertTrue(previous.finished() != null && !run.started().isBefore(previous.finished()),
            "runs of " + run.job() + " overlap: " + previous + " and " + run);
        assertTrue(Duration.between(previous.started(), run.started()).toMillis() >= 490,
            "two runs of " + run.job() + " in one interval: " + previous + " and " + run);
      }

      // While another session holds a job's lock, neither node runs it. Taking the lock waits for a run that
      // holds it to finish, and a run is recorded only under the lock: any run recorded later broke it.
      String job = "refresh_ticket_statistics";
      try (Connection holder = TestDatabase.connect(database)) {
        try (var statement = holder.createStatement()) {
          statement.execute("SELECT pg_advisory_lock(7400600, hashtext('" + job + "'))");
        }
        Instant locked = Instant.now();
        double skippedA = skipped(nodeA, job);
        double skippedB = skipped(nodeB, job);
        Await.until(Duration.ofSeconds(10),
            () -> skipped(nodeA, job) >= skippedA + 2 && skipped(nodeB, job) >= skippedB + 2,
            () -> "the nodes did not try the locked job twice each");
        long during = runs(nodeA).stream()
            .filter(run -> run.job().equals(job) && run.started().isAfter(locked)).count();
        assertEquals(0, during, "no run while the lock is held elsewhere");
      }
      Instant released = Instant.now();
      Await.until(Duration.ofSeconds(10), () -> runs(nodeA).stream()
              .anyMatch(run -> run.job().equals(job) && run.started().isAfter(released)),
          () -> "the job did not run again once the lock was free");
    } finally {
      nodeA.close();
      nodeB.close();
    }
  }
}
