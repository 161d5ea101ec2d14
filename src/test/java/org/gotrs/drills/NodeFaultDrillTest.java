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
      + "with no event missing or twice, every 2xx is stored, and the survivor sweeps the dead node's presence")
  void nodeKilledUnderLoad() {
    DatabaseTarget database = TestDatabase.fresh();
    Map<String, String> env = new HashMap<>(Map.of("GOTRS_CLUSTER", "true", "GOTRS_CLUSTER_MEMBERS", "127.0.0.1",
        "GOTRS_JWT_SECRET", "node-fault-drill-" + System.nanoTime()));
    JsonObject conf = Servers.unthrottled().put("realtime", new JsonObject().put("presence_ttl_seconds", 3));
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

      List<EventWatcher> onVictim = new ArrayList<>();
      for (int i = 0; i < Drill.scale(4, 20); i++) {
        EventWatcher watcher = new EventWatcher(clients, ports, token, "queue:" + queue);
        TestServer.await(watcher.open(0));
        onVictim.add(watcher);
      }
      EventWatcher onSurvivor = new EventWatcher(clients, ports, token, "queue:" + queue);
      TestServer.await(onSurvivor.open(1));
      Await.until(Duration.ofSeconds(10), () -> presenceNodes(survivor) == 2,
          () -> "both nodes should show their agents online, saw " + presenceNodes(survivor));

      Ledger ledger = new Ledger();
      TicketLoad load = new TicketLoad(clients, ports, token, queue, "nodefault", ledger);
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
          .put("losses found", verified.losses().size() + problems.size() + wrongFailures.size());
      report.write();

      assertEquals(List.of(), verified.losses(), "every 2xx is in the database");
      assertEquals(List.of(), wrongFailures.stream().limit(10).toList(), "every failure said so");
      assertEquals(List.of(), problems, "every subscriber got every event once, in order");
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

  /** How many nodes have agents online right now. */
  private static long presenceNodes(TestServer server) {
    return (Long) server.scalar("""
        SELECT count(DISTINCT node_id) FROM live_presence
         WHERE ticket_id IS NULL AND expires_at > now() AT TIME ZONE 'UTC'""");
  }
}
