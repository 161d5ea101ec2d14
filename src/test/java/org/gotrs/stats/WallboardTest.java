package org.gotrs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallboardTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int queue;
  private String agent;
  private String customer;

  WallboardTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("board");
    queue = fixtures.queue("Board", group);
    fixtures.offerToCustomers(queue);
    fixtures.agent("board-agent", "pw", group, "rw");
    agent = server.login("board-agent", "pw");
    fixtures.company("board-co");
    fixtures.customer("board-customer", "pw", "board-co");
    customer = fixtures.customerLogin("board-customer", "pw");
  }

  private JsonObject queueEntry(JsonObject stats) {
    for (Object item : stats.getJsonArray("open_by_queue")) {
      JsonObject entry = (JsonObject) item;
      if (entry.getInteger("queue_id") == queue) {
        return entry;
      }
    }
    return new JsonObject().put("total", 0).put("new", 0).put("open", 0);
  }

  @Test
  @DisplayName("the wallboard's numbers change live with tickets: opened, answered, closed")
  void numbersFollowTickets() {
    try (LiveClient board = LiveClient.agent(server, agent)) {
      board.subscribe(null, "wallboard");
      JsonObject initial = board.awaitEvent("stats.updated", 5).getJsonObject("data");
      int openBefore = initial.getInteger("open_total");
      int newTodayBefore = initial.getInteger("new_today");

      var created = server.send(HttpMethod.POST, "/api/v1/tickets", customer, new JsonObject().put("title", "Board")
          .put("queue_id", queue).put("article", new JsonObject().put("body", "help"))).bodyAsJsonObject();
      long id = created.getLong("id");
      JsonObject afterCreate = board.await(frame -> "stats.updated".equals(frame.getString("event"))
          && frame.getJsonObject("data").getInteger("open_total") == openBefore + 1, 2).getJsonObject("data");
      assertEquals(newTodayBefore + 1, afterCreate.getInteger("new_today"));
      assertEquals(1, queueEntry(afterCreate).getInteger("new"));

      server.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/articles", agent, new JsonObject().put("body", "answer")
          .put("article_type", "note-external"));
      JsonObject answered = board.await(frame -> "stats.updated".equals(frame.getString("event"))
          && frame.getJsonObject("data").getValue("median_first_response_seconds") != null, 2).getJsonObject("data");
      assertNotNull(answered.getLong("median_first_response_seconds"));

      server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("state", "closed successful"));
      JsonObject closed = board.await(frame -> "stats.updated".equals(frame.getString("event"))
          && frame.getJsonObject("data").getInteger("open_total") == openBefore, 2).getJsonObject("data");
      assertEquals(initial.getInteger("closed_today") + 1, closed.getInteger("closed_today"));

      JsonObject rest = server.send(HttpMethod.GET, "/api/v1/stats/wallboard", agent, null).bodyAsJsonObject();
      assertEquals(openBefore, rest.getInteger("open_total"));
      assertEquals(24, rest.getJsonArray("opened_per_hour").size());
      assertEquals(403, server.send(HttpMethod.GET, "/api/v1/stats/wallboard", customer, null).statusCode());
    }
  }

  @Test
  @DisplayName("numbers loaded at start agree with the database")
  void startupLoadAgrees() {
    fixtures.ticket(agent, queue, "Counted", "x");
    long open = (Long) server.scalar("""
        SELECT count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
         WHERE s.type_id IN (1, 2, 3) AND t.queue_id = ?""", queue);
    Await.until(Duration.ofSeconds(2), () -> server.send(HttpMethod.GET, "/api/v1/stats/wallboard", agent, null)
        .bodyAsJsonObject().getInteger("open_total") == open, () -> "the wallboard does not show " + open + " open");
  }

  @Test
  @DisplayName("an agent's wallboard, over REST and live, shows only the queues it reads; ro on the group stats shows all")
  void scopedToTheCallersQueues() {
    int otherGroup = fixtures.group("board-elsewhere");
    int otherQueue = fixtures.queue("Board elsewhere", otherGroup);
    UUID lead = fixtures.agent("board-lead", "pw", otherGroup, "rw");
    fixtures.ticket(server.login("board-lead", "pw"), otherQueue, "Elsewhere", "x");
    fixtures.ticket(agent, queue, "Here", "x");
    Await.until(Duration.ofSeconds(5), () -> queueIds(server.send(HttpMethod.GET, "/api/v1/stats/wallboard",
        server.loginAdmin(), null).bodyAsJsonObject()).isEmpty() == false
        && queueIds(server.send(HttpMethod.GET, "/api/v1/stats/wallboard", agent, null).bodyAsJsonObject())
            .contains(queue), () -> "the wallboard did not count the new tickets");
    assertEquals(Set.of(queue), queueIds(server.send(HttpMethod.GET, "/api/v1/stats/wallboard", agent, null)
        .bodyAsJsonObject()), "board-agent reads Board only");
    try (LiveClient board = LiveClient.agent(server, agent)) {
      board.subscribe(null, "wallboard");
      JsonObject pushed = board.awaitEvent("stats.updated", 5).getJsonObject("data");
      assertEquals(Set.of(queue), queueIds(pushed));
    }
    fixtures.grant(lead, ((Number) server.scalar("SELECT id FROM groups WHERE name = 'stats'")).intValue(), "ro");
    String leadToken = server.login("board-lead", "pw");
    Set<Integer> all = queueIds(server.send(HttpMethod.GET, "/api/v1/stats/wallboard", leadToken, null).bodyAsJsonObject());
    assertTrue(all.containsAll(Set.of(queue, otherQueue)), "a member of stats sees every queue: " + all);
    try (LiveClient board = LiveClient.agent(server, leadToken)) {
      board.subscribe(null, "wallboard");
      assertTrue(queueIds(board.awaitEvent("stats.updated", 5).getJsonObject("data")).containsAll(Set.of(queue, otherQueue)));
    }
  }

  private static Set<Integer> queueIds(JsonObject stats) {
    Set<Integer> ids = new java.util.TreeSet<>();
    stats.getJsonArray("open_by_queue").forEach(item -> ids.add(((JsonObject) item).getInteger("queue_id")));
    return ids;
  }
}
