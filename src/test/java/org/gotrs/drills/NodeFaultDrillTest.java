package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("drills")
class NodeFaultDrillTest {

  @Test
  @DisplayName("one of two clustered nodes is killed (SIGKILL) under load: its WebSocket clients resume on the other "
      + "with no event missing or twice, every 2xx is stored, the survivor sweeps the dead node's presence, and "
      + "escalation timers and scheduled jobs go on there exactly once")
  void nodeKilledUnderLoad() {
    DatabaseTarget database = TestDatabase.migrated();
    Map<String, String> env = new HashMap<>(Map.of("GOTRS_CLUSTER", "true", "GOTRS_CLUSTER_MEMBERS", "127.0.0.1",
        "GOTRS_JWT_SECRET", "node-fault-drill-" + System.nanoTime()));
    JsonObject conf = Servers.unthrottled().put("realtime", new JsonObject().put("presence_ttl_seconds", 3))
        .put("scheduler", new JsonObject().put("intervals", new JsonObject().put(JOB, JOB_SECONDS)));
    DrillReport report = new DrillReport("node-faults");
    Vertx clients = Vertx.vertx();
    // starts while the survivor starts; a light JIT and GC, as it only has to live until it is killed
    ServerProcess victim = ServerProcess.launch(database, env, conf,
        List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    try (TestServer survivor = TestServer.start(database, env, conf).awaitReady()) {
      victim.awaitHealthy(Duration.ofSeconds(120));
      Fixtures fixtures = new Fixtures(survivor);
      int group = fixtures.group("cluster-drill");
      int queue = fixtures.queue("Cluster drill", group);
      fixtures.agent("node-agent", "pw", group, "rw");
      String token = survivor.login("node-agent", "pw");
      List<Integer> ports = List.of(victim.port(), survivor.port());
      // Timers both nodes hold: a warning 30 s and a breach 60 s after these tickets were opened, after the kill.
      List<Long> escalating = escalatingTickets(survivor, token, fixtures.queue("Cluster drill SLA", group),
          Drill.scale(5, 20));

      List<EventWatcher> onVictim = new ArrayList<>();
      for (int i = 0; i < Drill.scale(4, 20); i++) {
        EventWatcher watcher = new EventWatcher(clients, ports, () -> token, "queue:" + queue);
        TestServer.await(watcher.open(0));
        onVictim.add(watcher);
      }
      EventWatcher onSurvivor = new EventWatcher(clients, ports, () -> token, "queue:" + queue);
      TestServer.await(onSurvivor.open(1));
      Await.until(Duration.ofSeconds(10), () -> presenceNodes(survivor) == 2,
          () -> "both nodes should show their agents online, saw " + presenceNodes(survivor));

      Ledger ledger = new Ledger();
      TicketLoad load = new TicketLoad(clients, ports, () -> token, queue, "nodefault", ledger);
      load.start(Drill.scale(8, 16));
      Await.until(Duration.ofSeconds(30), () -> ledger.count(Ledger.Call::succeeded) > 40,
          () -> "the load did not get going");
      Await.during(Drill.seconds(2, 20));
      long killedAt = System.currentTimeMillis();
      victim.kill();
      Await.during(Drill.seconds(4, 20));
      TestServer.await(load.stop());

      long newest = EventLog.newest(database, "queue:" + queue);
      List<EventWatcher> all = new ArrayList<>(onVictim);
      all.add(onSurvivor);
      for (EventWatcher watcher : all) {
        Await.until(Duration.ofSeconds(30), () -> watcher.last() >= newest,
            () -> "a subscriber did not catch up: at " + watcher.last() + " of " + newest);
      }
      Await.until(Duration.ofSeconds(20), () -> presenceNodes(survivor) == 1,
          () -> "the dead node's presence rows were not swept");
      long sweptAfter = System.currentTimeMillis() - killedAt;

      Await.until(Duration.ofSeconds(120), () -> unfired(survivor, escalating) == 0,
          () -> unfired(survivor, escalating) + " escalation alerts were never sent by the survivor");
      List<String> timerProblems = new ArrayList<>();
      for (long ticketId : escalating) {
        for (String name : List.of("escalation.warning", "escalation.breached")) {
          long sent = (Long) survivor.scalar("SELECT count(*) FROM event_log WHERE name = ? AND (data->>'ticket_id')::bigint = ?",
              name, ticketId);
          if (sent != 1) {
            timerProblems.add("ticket " + ticketId + ": " + name + " sent " + sent + " times");
          }
        }
      }
      long firedAfterKill = (Long) survivor.scalar("SELECT count(*) FROM escalation_alert WHERE ticket_id = ANY (?) "
          + "AND fired_at > to_timestamp(? / 1000.0) AT TIME ZONE 'UTC'", escalating.toArray(new Long[0]), killedAt);
      timerProblems.addAll(jobProblems(survivor, killedAt));

      Ledger.Verified verified = ledger.verify(database);
      List<Ledger.Call> wrongFailures = ledger.failedWrongly(call -> call.status() == 0
          || call.status() == 503 && call.problemJson());
      List<String> problems = new ArrayList<>();
      for (EventWatcher watcher : all) {
        EventLog.compare(database, watcher).forEach(problem -> problems.add(watcher.topic() + ": " + problem));
      }
      report.put("faults injected", "1 node killed with SIGKILL (of 2)")
          .put("requests", load.requests())
          .put("answered 2xx", verified.succeeded())
          .put("failed (no answer from the dead node, or 503)", verified.failed())
          .put("failed but committed (reply lost after commit)", verified.failedButCommitted())
          .put("data checked (calls and final titles)", verified.rowsChecked())
          .put("subscribers moved from the dead node", onVictim.size())
          .put("events checked per subscriber", EventLog.on(database, "queue:" + queue, onSurvivor.startSeq()).size())
          .put("dead node's presence swept after (ms)", sweptAfter)
          .put("escalation alerts sent by the survivor after the kill (each checked: sent once)", firedAfterKill)
          .put("runs of the '" + JOB + "' job after the kill (one per " + JOB_SECONDS + " s interval, none twice, none overlapping)",
              survivor.scalar("SELECT count(*) FROM scheduler_job_run WHERE job = ? AND started_at > to_timestamp(? / 1000.0) "
                  + "AT TIME ZONE 'UTC'", JOB, killedAt))
          .put("losses found", verified.losses().size() + problems.size() + wrongFailures.size() + timerProblems.size());
      report.write();

      assertEquals(List.of(), verified.losses(), "every 2xx is in the database");
      assertEquals(List.of(), wrongFailures.stream().limit(10).toList(), "every failure said so");
      assertEquals(List.of(), problems, "every subscriber got every event once, in order");
      assertEquals(List.of(), timerProblems, "timers and jobs go on on the survivor, exactly once");
      assertEquals(2L * escalating.size(), firedAfterKill, "the alerts were due after the kill, so the survivor sent them");
      assertTrue(onVictim.stream().allMatch(watcher -> watcher.resumes() > 0), "the victim's clients reconnected");
      for (EventWatcher watcher : all) {
        TestServer.await(watcher.close());
      }
    } finally {
      victim.close();
      TestServer.await(clients.close());
      DrillDatabases.drop(database);
    }
  }

  /** The scheduled job the drill watches, and its interval on both nodes. */
  private static final String JOB = "pending_tickets";
  private static final int JOB_SECONDS = 2;
  /** The scheduler's designed slack: a run may start this much early, so nodes whose ticks drift do not skip one. */
  private static final int SLACK_MILLIS = 500;

  /** Tickets under a one-minute response SLA warned at half time, opened now. */
  private static List<Long> escalatingTickets(TestServer server, String token, int queue, int count) {
    var sla = server.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/slas", server.loginAdmin(), new JsonObject()
        .put("name", "Node drill minute").put("first_response_time", 1).put("first_response_notify", 50));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    List<Long> tickets = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      var created = server.send(io.vertx.core.http.HttpMethod.POST, "/api/v1/tickets", token, new JsonObject()
          .put("title", "Escalating " + i).put("queue_id", queue).put("sla_id", sla.bodyAsJsonObject().getInteger("id"))
          .put("article", new JsonObject().put("body", "waiting for an answer").put("article_type", "phone")
              .put("article_sender_type_id", 3)));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      tickets.add(created.bodyAsJsonObject().getLong("id"));
    }
    return tickets;
  }

  private static long unfired(TestServer server, List<Long> tickets) {
    return (Long) server.scalar("SELECT count(*) FROM escalation_alert WHERE ticket_id = ANY (?) AND fired_at IS NULL",
        (Object) tickets.toArray(new Long[0]));
  }

  /**
   * The job ran on the survivor after the kill, and across the cluster never twice within its interval nor two
   * runs at once (a run starts after the one before it finished).
   */
  private static List<String> jobProblems(TestServer server, long killedAt) {
    List<String> problems = new ArrayList<>();
    var runs = server.sql("SELECT extract(epoch FROM started_at) * 1000 AS started, extract(epoch FROM finished_at) * 1000 "
        + "AS finished FROM scheduler_job_run WHERE job = ? ORDER BY started_at", JOB);
    double previousStart = Double.NEGATIVE_INFINITY;
    double previousEnd = Double.NEGATIVE_INFINITY;
    boolean ranAfterKill = false;
    for (var run : runs) {
      double started = ((Number) run.get("started")).doubleValue();
      Number finished = (Number) run.get("finished");
      if (started - previousStart < JOB_SECONDS * 1000 - SLACK_MILLIS) {
        problems.add("job " + JOB + " started twice within " + (started - previousStart) + " ms");
      }
      if (started < previousEnd) {
        problems.add("job " + JOB + " started before its previous run finished");
      }
      ranAfterKill |= started > killedAt + 1_000;
      previousStart = started;
      previousEnd = finished == null ? previousEnd : finished.doubleValue();
    }
    if (!ranAfterKill) {
      problems.add("job " + JOB + " did not run on the survivor after the kill");
    }
    return problems;
  }

  /** How many nodes have agents online right now. */
  private static long presenceNodes(TestServer server) {
    return (Long) server.scalar("""
        SELECT count(DISTINCT node_id) FROM live_presence
         WHERE ticket_id IS NULL AND expires_at > now() AT TIME ZONE 'UTC'""");
  }
}
