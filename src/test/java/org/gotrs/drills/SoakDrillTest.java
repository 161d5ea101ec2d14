package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("drills")
class SoakDrillTest {

  private static final long SAMPLE_EVERY_MS = 10_000;
  private static final int ACCESS_TTL_SECONDS = 60;

  @Test
  @DisplayName("a soak of mixed load (agents, API scripts, live subscribers that drop and resume, tabs coming and "
      + "going, chats where the server has them): heap, threads, file descriptors and the SQL pool stay flat, "
      + "nothing is lost")
  void soak() {
    Duration length = Drill.soak();
    DatabaseTarget database = TestDatabase.migrated();
    // Access tokens live a minute, so even the bounded soak renews them as the web UI does.
    JsonObject conf = Servers.unthrottled().put("chat", new JsonObject().put("starts_per_minute", 1_000_000)
        .put("messages_per_minute", 1_000_000).put("seats_per_agent", 1_000))
        .put("jwt", new JsonObject().put("access_ttl_seconds", ACCESS_TTL_SECONDS));
    Vertx clients = Vertx.vertx();
    DrillReport report = new DrillReport("soak");
    try (ServerProcess server = ServerProcess.start(database, Map.of(), conf, "512m");
         Http http = new Http(clients, server.port())) {
      String admin = login(http, TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
      int group = http.json(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("name", "soak")).json()
          .getInteger("id");
      int queue = http.json(HttpMethod.POST, "/api/v1/queues", admin,
          new JsonObject().put("name", "Soak").put("group_id", group)).json().getInteger("id");
      String agentId = http.json(HttpMethod.POST, "/api/v1/users", admin, new JsonObject().put("login", "soak-agent")
          .put("email", "soak-agent@example.com").put("password", "soak-pass-123").put("first_name", "Soak")
          .put("last_name", "Agent")).json().getString("id");
      assertEquals(200, http.json(HttpMethod.PUT, "/api/v1/users/" + agentId + "/groups/" + group, admin,
          new JsonObject().put("permissions", new JsonArray().add("rw"))).status());
      Session session = Session.login(clients, server.port(), "soak-agent", "soak-pass-123");
      Supplier<String> agent = session::token;
      String apiKey = http.json(HttpMethod.POST, "/api/v1/api-keys", agent.get(), new JsonObject().put("name", "soak reader"))
          .json().getString("key");
      boolean chats = http.get("/api/v1/chats", agent.get()).status() != 404;

      List<Integer> ports = List.of(server.port());
      List<EventWatcher> watchers = new ArrayList<>();
      for (int i = 0; i < Drill.scale(10, 50); i++) {
        EventWatcher watcher = new EventWatcher(clients, ports, agent, "queue:" + queue);
        TestServer.await(watcher.open(0));
        watchers.add(watcher);
      }
      Ledger ledger = new Ledger();
      TicketLoad agents = new TicketLoad(clients, ports, agent, queue, "soak", ledger);
      ApiReaders readers = new ApiReaders(clients, server.port(), apiKey, queue, ledger);
      LiveChurn churn = new LiveChurn(clients, server.port(), agent);
      ChatLoad chatLoad = chats ? new ChatLoad(clients, server.port(), agent, "Soak") : null;
      agents.start(Drill.scale(4, 8));
      readers.start(Drill.scale(2, 4));
      churn.start();
      if (chatLoad != null) {
        chatLoad.start(Drill.scale(1, 3));
      }

      MetricsSampler sampler = new MetricsSampler(server.port(), server.pid());
      long end = System.currentTimeMillis() + length.toMillis();
      int drops = 0;
      while (System.currentTimeMillis() < end) {
        Await.during(Duration.ofMillis(Math.min(SAMPLE_EVERY_MS, Math.max(0, end - System.currentTimeMillis()))));
        watchers.get(drops++ % watchers.size()).drop();
        long requests = agents.requests() + readers.requests() + churn.opened()
            + (chatLoad == null ? 0 : chatLoad.requests());
        report.line(sampler.sample(requests).line());
      }
      TestServer.await(agents.stop());
      TestServer.await(readers.stop());
      TestServer.await(churn.stop());
      if (chatLoad != null) {
        TestServer.await(chatLoad.stop());
      }
      long newest = EventLog.newest(database, "queue:" + queue);
      for (EventWatcher watcher : watchers) {
        Await.until(Duration.ofSeconds(60), () -> watcher.last() >= newest,
            () -> "a subscriber did not catch up: at " + watcher.last() + " of " + newest + "; " + watcher.history());
      }
      List<String> eventProblems = new ArrayList<>();
      for (EventWatcher watcher : watchers) {
        eventProblems.addAll(EventLog.compare(database, watcher));
        TestServer.await(watcher.close());
      }
      session.close();
      int loaded = sampler.samples().size();
      Await.until(Duration.ofSeconds(30), () -> {
        MetricsSampler.Sample idle = sampler.sample(0);
        return idle.webSockets() == 0 && idle.poolInUse() == 0 && idle.poolWaiting() == 0;
      }, () -> "after the load the server still holds connections: " + sampler.samples().get(sampler.samples().size() - 1));
      MetricsSampler.Sample quiet = sampler.samples().get(sampler.samples().size() - 1);

      Ledger.Verified verified = ledger.verify(database);
      List<String> trends = Trends.flatness(sampler.samples().subList(0, loaded));
      long requests = agents.requests() + readers.requests() + churn.opened() + (chatLoad == null ? 0 : chatLoad.requests());
      report.put("length", length.toSeconds() + " s")
          .put("heap measured after a full GC", sampler.collectsGarbageFirst())
          .put("requests", requests + " (tickets " + agents.requests() + ", API reads " + readers.requests()
              + " of which " + readers.rejected() + " refused (4xx)"
              + ", WebSocket connects " + churn.opened() + (chatLoad == null ? ", chats: no /api/v1/chats on this server"
              : ", chat calls " + chatLoad.requests() + " in " + chatLoad.completed() + " chats, "
                + chatLoad.incomplete() + " incomplete") + ")")
          .put("faults injected", drops + " subscriber connections dropped and resumed with since; "
              + session.renewals() + " access tokens renewed (they live " + ACCESS_TTL_SECONDS + " s)")
          .put("data checked (calls and final titles)", verified.rowsChecked())
          .put("events checked", watchers.size() + " subscribers × " + EventLog.on(database, "queue:" + queue,
              watchers.get(0).startSeq()).size())
          .put("failed calls", verified.failed() + readers.failed() + churn.failed())
          .put("losses found", verified.losses().size() + eventProblems.size())
          .put("after the load", quiet.line());
      trends.forEach(trend -> report.line("trend: " + trend));
      report.write();

      assertEquals(List.of(), verified.losses());
      assertEquals(List.of(), eventProblems);
      assertEquals(0, verified.failed(), "no agent call failed: " + ledger.failedWrongly(call -> false).stream().limit(5).toList());
      assertEquals(List.of(), readers.failures());
      assertEquals(0, churn.failed(), "every WebSocket tab was answered");
      if (chatLoad != null) {
        assertEquals(List.of(), chatLoad.failures());
      }
      assertEquals(List.of(), trends.stream().filter(trend -> trend.startsWith("GROWING")).toList());
      assertEquals(List.of(), sampler.samples().stream().filter(sample -> sample.poolWaiting() < 0).map(MetricsSampler.Sample::line)
          .toList(), "callers waiting for the SQL pool are never counted below zero");
      assertTrue(sampler.samples().size() >= 3, "enough samples to judge");
    } finally {
      TestServer.await(clients.close());
      DrillDatabases.drop(database);
    }
  }

  private static String login(Http http, String login, String password) {
    Http.Answer answer = http.json(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
    assertEquals(200, answer.status(), answer.text());
    return answer.json().getString("access_token");
  }
}
