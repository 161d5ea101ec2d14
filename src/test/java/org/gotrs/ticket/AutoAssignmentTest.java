package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Automatic assignment: opt-in per queue, among online agents under capacity who are not out of office. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class AutoAssignmentTest {

  @Test
  @DisplayName("round robin spreads 30 new tickets 10/10/10 over three online agents, skipping the one out of office "
      + "and the one offline; least-open stops at the queue's capacity")
  void roundRobinAndCapacity(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    int group = fixtures.group("dispatch");
    int queue = fixtures.queue("Dispatch", group);
    List<String> logins = List.of("rr-ada", "rr-bob", "rr-cem", "rr-away", "rr-offline");
    Map<String, UUID> ids = new HashMap<>();
    Map<String, String> tokens = new HashMap<>();
    for (String login : logins) {
      ids.put(login, fixtures.agent(login, "pw", group, "rw"));
      tokens.put(login, server.login(login, "pw"));
    }
    fixtures.agent("rr-dispatcher", "pw", group, "rw");
    String dispatcher = server.login("rr-dispatcher", "pw");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    var away = api.put("/users/me/preferences", tokens.get("rr-away"), new JsonObject()
        .put("OutOfOfficeStart", today.minusDays(1).toString()).put("OutOfOfficeEnd", today.plusDays(3).toString())
        .put("OutOfOfficeSubstitute", ids.get("rr-ada").toString()));
    assertEquals(200, away.statusCode(), away.bodyAsString());
    var mode = api.patch("/queues/" + queue, admin, new JsonObject().put("auto_assign", "round_robin"));
    assertEquals(200, mode.statusCode(), mode.bodyAsString());
    assertEquals("round_robin", mode.bodyAsJsonObject().getString("auto_assign"));

    List<LiveClient> online = new ArrayList<>();
    try {
      for (String login : List.of("rr-ada", "rr-bob", "rr-cem", "rr-away")) {
        online.add(LiveClient.agent(server, tokens.get(login)));
      }
      Await.until(Duration.ofSeconds(10), () -> (Long) server.scalar(
          "SELECT count(DISTINCT user_id) FROM live_presence WHERE ticket_id IS NULL") >= 4,
          () -> "the agents did not come online");

      for (int i = 0; i < 30; i++) {
        fixtures.ticket(dispatcher, queue, "Incoming " + i, "x");
      }
      Map<String, Long> owned = owned(server, queue, ids);
      assertEquals(Map.of("rr-ada", 10L, "rr-bob", 10L, "rr-cem", 10L, "rr-away", 0L, "rr-offline", 0L), owned);
      assertEquals(1L, server.scalar("""
          SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
           WHERE ht.name = 'OwnerUpdate' AND h.ticket_id = (SELECT min(id) FROM ticket WHERE queue_id = ?)""", queue),
          "the assignment is in the ticket's history");

      JsonArray agents = api.get("/queues/" + queue + "/agents", dispatcher).bodyAsJsonObject().getJsonArray("items");
      JsonObject awayAgent = agents.stream().map(JsonObject.class::cast)
          .filter(agent -> "rr-away".equals(agent.getString("login"))).findFirst().orElseThrow();
      assertEquals(today.plusDays(3).toString(), awayAgent.getJsonObject("out_of_office").getString("end"));
      assertEquals("rr-ada", awayAgent.getJsonObject("out_of_office").getString("substitute"));
      assertNull(agents.stream().map(JsonObject.class::cast).filter(agent -> "rr-bob".equals(agent.getString("login")))
          .findFirst().orElseThrow().getValue("out_of_office"));

      assertEquals(200, api.patch("/queues/" + queue, admin, new JsonObject().put("auto_assign", "least_open")
          .put("max_open_per_agent", 11)).statusCode());
      for (int i = 0; i < 4; i++) {
        fixtures.ticket(dispatcher, queue, "Late " + i, "x");
      }
      owned = owned(server, queue, ids);
      assertEquals(11L, owned.get("rr-ada"));
      assertEquals(11L, owned.get("rr-bob"));
      assertEquals(11L, owned.get("rr-cem"));
      assertEquals(1L, server.scalar("SELECT count(*) FROM ticket WHERE queue_id = ? AND user_id IS NULL", queue),
          "at capacity, the last ticket waits unassigned");
      assertEquals(422, api.patch("/queues/" + queue, admin, new JsonObject().put("auto_assign", "sometimes"))
          .statusCode());
    } finally {
      online.forEach(LiveClient::close);
    }
  }

  private static Map<String, Long> owned(TestServer server, int queue, Map<String, UUID> ids) {
    Map<String, Long> owned = new HashMap<>();
    ids.forEach((login, id) -> owned.put(login, (Long) server.scalar(
        "SELECT count(*) FROM ticket WHERE queue_id = ? AND user_id = ?", queue, id)));
    return owned;
  }
}
