package org.gotrs.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Alerts fired by the server's timers. The servers run on clocks set ahead of real time, so a one-minute
 * response time (the shortest an SLA has) comes due within seconds.
 */
class EscalationAlertsTest {

  private static TestServer serverAhead(DatabaseTarget database, Map<String, String> env, long seconds) {
    return TestServer.start(database, env, new JsonObject(),
        Clock.offset(Clock.systemUTC(), Duration.ofSeconds(seconds))).awaitReady();
  }

  private static long ticketWithOneMinuteResponse(TestServer server, String token, int queue, UUID owner) {
    var sla = server.send(HttpMethod.POST, "/api/v1/slas", server.loginAdmin(), new JsonObject()
        .put("name", "One minute " + UUID.randomUUID()).put("first_response_time", 1).put("first_response_notify", 50));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    var created = server.send(HttpMethod.POST, "/api/v1/tickets", token, new JsonObject()
        .put("title", "Hurry").put("queue_id", queue).put("sla_id", sla.bodyAsJsonObject().getInteger("id"))
        .put("user_id", owner.toString())
        .put("article", new JsonObject().put("body", "help").put("article_type", "phone").put("article_sender_type_id", 3)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  private static long count(TestServer server, String sql, Object... parameters) {
    return ((Number) server.scalar(sql, parameters)).longValue();
  }

  private static long history(TestServer server, long ticketId, String type) {
    return count(server, """
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = ?""", ticketId, type);
  }

  private static long events(TestServer server, long ticketId, String name) {
    return count(server, "SELECT count(*) FROM event_log WHERE name = ? AND (data->>'ticket_id')::bigint = ?",
        name, ticketId);
  }

  @Test
  @DisplayName("the warning and the breach each fire once, reach the queue's and the owner's subscribers, and survive a restart")
  void warningThenBreachAcrossARestart() {
    DatabaseTarget database = TestDatabase.migrated();
    // 35 s ahead: the warning (at 30 s) is due at once, the breach (at 60 s) 25 s after the ticket is created.
    TestServer first = serverAhead(database, Map.of(), 35);
    long ticketId;
    long warningSeq;
    int queue;
    String token;
    try {
      Fixtures fixtures = new Fixtures(first);
      int group = fixtures.group("alerts");
      queue = fixtures.queue("Alerts", group);
      UUID owner = fixtures.agent("alert-owner", "pw", group, "rw");
      token = first.login("alert-owner", "pw");
      try (LiveClient onQueue = LiveClient.agent(first, token); LiveClient asOwner = LiveClient.agent(first, token)) {
        onQueue.subscribe(null, "queue:" + queue);
        asOwner.subscribe(null, "agent");
        onQueue.await(frame -> "subscribed".equals(frame.getString("type")), 5);
        asOwner.await(frame -> "subscribed".equals(frame.getString("type")), 5);
        ticketId = ticketWithOneMinuteResponse(first, token, queue, owner);

        JsonObject warning = onQueue.awaitEvent("escalation.warning", 10);
        assertEquals(ticketId, warning.getJsonObject("data").getLong("ticket_id"));
        assertEquals("response", warning.getJsonObject("data").getString("kind"));
        JsonObject mine = asOwner.awaitEvent("escalation.warning", 10);
        assertEquals("agent:" + owner, mine.getString("topic"));
        warningSeq = warning.getLong("seq");
      }
      assertEquals(1, history(first, ticketId, "EscalationResponseTimeNotifyBefore"));
      assertEquals(0, history(first, ticketId, "EscalationResponseTimeStart"), "not breached yet");
    } finally {
      first.close();
    }

    // The same database on a new server whose clock has passed the deadline.
    TestServer second = serverAhead(database, Map.of(), 62);
    try {
      try (LiveClient live = LiveClient.agent(second, second.login("alert-owner", "pw"))) {
        live.subscribe(warningSeq, "queue:" + queue);
        JsonObject breach = live.awaitEvent("escalation.breached", 10);
        assertEquals(ticketId, breach.getJsonObject("data").getLong("ticket_id"));
      }
      // Alerts are claimed in the transaction that writes their history and event: what is there now is final.
      assertEquals(1, history(second, ticketId, "EscalationResponseTimeNotifyBefore"), "the warning was not repeated");
      assertEquals(1, history(second, ticketId, "EscalationResponseTimeStart"));
      assertEquals(1, events(second, ticketId, "escalation.warning"));
      assertEquals(1, events(second, ticketId, "escalation.breached"));
    } finally {
      second.close();
    }
  }

  @Test
  @DisplayName("two nodes on one database send each alert once")
  void twoNodesFireOnce() {
    DatabaseTarget database = TestDatabase.migrated();
    Map<String, String> env = Map.of("GOTRS_JWT_SECRET", "escalation-two-nodes-" + UUID.randomUUID());
    TestServer nodeA = serverAhead(database, env, 61);
    TestServer nodeB = serverAhead(database, env, 61);
    try {
      Fixtures fixtures = new Fixtures(nodeA);
      int group = fixtures.group("two-nodes");
      int queue = fixtures.queue("Two nodes", group);
      UUID owner = fixtures.agent("two-nodes", "pw", group, "rw");
      String token = nodeA.login("two-nodes", "pw");
      long[] tickets = new long[5];
      for (int i = 0; i < tickets.length; i++) {
        tickets[i] = ticketWithOneMinuteResponse(i % 2 == 0 ? nodeA : nodeB, token, queue, owner);
      }
      // Alerts are claimed in the transaction that writes their history and event: once every ticket has both
      // and nothing is left unclaimed, what is there is final.
      Await.until(Duration.ofSeconds(10), () -> Arrays.stream(tickets).allMatch(ticketId ->
              events(nodeA, ticketId, "escalation.warning") >= 1 && events(nodeA, ticketId, "escalation.breached") >= 1)
              && count(nodeA, "SELECT count(*) FROM escalation_alert WHERE fired_at IS NULL") == 0,
          () -> "not every alert fired");
      for (long ticketId : tickets) {
        assertEquals(1, events(nodeA, ticketId, "escalation.warning"), "ticket " + ticketId);
        assertEquals(1, events(nodeA, ticketId, "escalation.breached"), "ticket " + ticketId);
        assertEquals(1, history(nodeA, ticketId, "EscalationResponseTimeStart"), "ticket " + ticketId);
      }
    } finally {
      nodeA.close();
      nodeB.close();
    }
  }
}
