package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.Scratch;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("drills")
class DatabaseFaultDrillTest {

  @Test
  @DisplayName("PostgreSQL stopped and crashed under load: /health says 503 meanwhile, the server recovers by itself, "
      + "every 2xx is stored, every failure says so, subscribers miss no event")
  void databaseGoesAwayUnderLoad() {
    int faults = Drill.scale(2, 6);
    Duration warm = Drill.seconds(2, 10);
    Duration down = Drill.seconds(4, 15);
    DrillReport report = new DrillReport("database-faults");
    Path dataDir = TestServer.tempDir().resolve("postgres");
    int port = TestServer.freePort();
    Vertx clients = Vertx.vertx();
    try (DrillDatabase database = DrillDatabase.start(dataDir, port);
         TestServer server = TestServer.start(database.target(), Map.of(), Servers.unthrottled()).awaitReady()) {
      Fixtures fixtures = new Fixtures(server);
      int group = fixtures.group("drill");
      int queue = fixtures.queue("Drill", group);
      fixtures.agent("drill-agent", "pw", group, "rw");
      String token = server.login("drill-agent", "pw");

      List<Integer> ports = List.of(server.port());
      EventWatcher steady = new EventWatcher(clients, ports, () -> token, "queue:" + queue);
      EventWatcher resuming = new EventWatcher(clients, ports, () -> token, "queue:" + queue);
      TestServer.await(steady.open(0));
      TestServer.await(resuming.open(0));
      HealthProbe health = new HealthProbe(clients, server.port());
      health.start();
      Ledger ledger = new Ledger();
      TicketLoad load = new TicketLoad(clients, ports, () -> token, queue, "dbfault", ledger);
      load.start(Drill.scale(8, 16));

      List<String> recoveries = new ArrayList<>();
      for (int fault = 1; fault <= faults; fault++) {
        long createdBefore = ledger.count(call -> call.kind() == Ledger.Kind.CREATE && call.succeeded());
        Await.until(warm.plusSeconds(30), () -> ledger.count(call -> call.kind() == Ledger.Kind.CREATE
            && call.succeeded()) > createdBefore + 5, () -> "no ticket was created between faults");
        Await.during(warm);
        boolean crash = fault % 2 == 0;
        long stoppedAt = System.currentTimeMillis();
        if (crash) {
          database.crash();
        } else {
          database.stop();
        }
        resuming.drop();
        Await.during(down);
        long restartedAt = System.currentTimeMillis();
        assertTrue(health.between(stoppedAt + 2_500, restartedAt).contains(503),
            "/health answered 503 while PostgreSQL was down: " + health.between(stoppedAt, restartedAt));
        database.start();
        Await.until(Duration.ofSeconds(60), () -> health.firstUpAfter(restartedAt) > 0,
            () -> "/health did not answer 200 within 60 s of PostgreSQL's restart");
        long createdDown = ledger.count(call -> call.kind() == Ledger.Kind.CREATE && call.succeeded());
        Await.until(Duration.ofSeconds(30), () -> ledger.count(call -> call.kind() == Ledger.Kind.CREATE
            && call.succeeded()) > createdDown, () -> "no ticket was created after PostgreSQL came back");
        recoveries.add((crash ? "crash" : "stop") + ": down " + (restartedAt - stoppedAt) + " ms, ready again "
            + (health.firstUpAfter(restartedAt) - restartedAt) + " ms after the restart");
      }
      Await.during(warm);
      TestServer.await(load.stop());
      health.stop();

      long newest = EventLog.newest(server.database(), "queue:" + queue);
      for (EventWatcher watcher : List.of(steady, resuming)) {
        Await.until(Duration.ofSeconds(30), () -> watcher.last() >= newest,
            () -> "a subscriber did not catch up: at " + watcher.last() + " of " + newest);
      }
      Ledger.Verified verified = ledger.verify(server.database());
      List<Ledger.Call> wrongFailures = ledger.failedWrongly(call -> call.status() == 503 && call.problemJson());
      List<String> steadyProblems = EventLog.compare(server.database(), steady);
      List<String> resumingProblems = EventLog.compare(server.database(), resuming);

      report.put("faults injected", faults + " (" + (faults + 1) / 2 + " clean stops, " + faults / 2 + " crashes)")
          .put("requests", load.requests())
          .put("answered 2xx", verified.succeeded())
          .put("failed (503 problem+json)", verified.failed())
          .put("failed but committed (reply lost after commit)", verified.failedButCommitted())
          .put("data checked (calls and final titles)", verified.rowsChecked())
          .put("events checked per subscriber", EventLog.on(server.database(), "queue:" + queue, steady.startSeq()).size())
          .put("resumptions of the dropped subscriber", resuming.resumes())
          .put("losses found", verified.losses().size() + steadyProblems.size() + resumingProblems.size()
              + wrongFailures.size());
      recoveries.forEach(report::line);
      report.write();

      assertEquals(List.of(), verified.losses(), "every 2xx is in the database");
      assertEquals(List.of(), wrongFailures.stream().limit(10).toList(), "every failure is a 503 problem+json");
      assertEquals(List.of(), steadyProblems, "the connected subscriber got every event once, in order");
      assertEquals(List.of(), resumingProblems, "the resuming subscriber got every event once, in order");
      assertTrue(resuming.closeCodes().stream().noneMatch("4401"::equals),
          "an outage is not an authentication failure: " + resuming.closeCodes());
      TestServer.await(steady.close());
      TestServer.await(resuming.close());
    } finally {
      TestServer.await(clients.close());
      Scratch.delete(dataDir.getParent());
    }
  }
}
