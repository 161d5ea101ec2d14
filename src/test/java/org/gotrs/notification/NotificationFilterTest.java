package org.gotrs.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** An agent narrows an event to the tickets of some queues, states, priorities or types. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationFilterTest {

  private final TestServer server;
  private final Api api;
  private int first;
  private int second;
  private UUID annaId;
  private String anna;
  private String bert;

  NotificationFilterTest(TestServer server, Api api) {
    this.server = server;
    this.api = api;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    int group = fixtures.group("filtered");
    first = fixtures.queue("Filtered first", group);
    second = fixtures.queue("Filtered second", group);
    annaId = fixtures.agent("anna-f", "pw", group, "rw");
    fixtures.agent("bert-f", "pw", group, "rw");
    anna = server.login("anna-f", "pw");
    bert = server.login("bert-f", "pw");
  }

  private long ticket(int queue, String priority) {
    var created = api.post("/tickets", bert, new JsonObject().put("title", "Filtered " + priority).put("queue_id", queue)
        .put("priority", priority).put("article", new JsonObject().put("subject", "x").put("body", "y")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  private long stored(long ticketId) {
    return ((Number) server.scalar("SELECT count(*) FROM notification WHERE user_id = ? AND ticket_id = ?", annaId,
        ticketId)).longValue();
  }

  @Test
  @DisplayName("with ticket.new filtered to one queue and very high priority, anna hears only of those tickets")
  void filteredToQueueAndPriority() {
    int veryHigh = ((Number) server.scalar("SELECT id FROM ticket_priority WHERE name = '5 very high'")).intValue();
    JsonObject filter = new JsonObject().put("queue_ids", new JsonArray().add(first))
        .put("priority_ids", new JsonArray().add(veryHigh));
    var saved = api.put("/me/notification-preferences", anna, new JsonObject().put("events",
        new JsonObject().put("ticket.new", new JsonObject().put("filter", filter))));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertEquals(filter, saved.bodyAsJsonObject().getJsonObject("events").getJsonObject("ticket.new")
        .getJsonObject("filter"));
    assertEquals(filter, api.get("/me/notification-preferences", anna).bodyAsJsonObject().getJsonObject("events")
        .getJsonObject("ticket.new").getJsonObject("filter"));

    long normal = ticket(first, "3 normal");
    long elsewhere = ticket(second, "5 very high");
    long wanted = ticket(first, "5 very high");
    Await.until(Duration.ofSeconds(20), () -> stored(wanted) == 1, () -> "anna hears of the very high ticket");
    assertEquals(0, stored(normal), "another priority");
    assertEquals(0, stored(elsewhere), "another queue");

    var cleared = api.put("/me/notification-preferences", anna, new JsonObject().put("events",
        new JsonObject().put("ticket.new", new JsonObject().put("filter", (Object) null))));
    assertEquals(200, cleared.statusCode());
    long again = ticket(second, "3 normal");
    Await.until(Duration.ofSeconds(20), () -> stored(again) == 1, () -> "without the filter, every new ticket");
  }

  @Test
  @DisplayName("a filter that is not lists of ids under known names is a 422 naming the field")
  void badFilter() {
    var response = api.put("/me/notification-preferences", anna, new JsonObject().put("events",
        new JsonObject().put("ticket.new", new JsonObject().put("filter",
            new JsonObject().put("queue_ids", "all").put("colour_ids", new JsonArray())))));
    assertEquals(422, response.statusCode());
    JsonArray errors = response.bodyAsJsonObject().getJsonArray("errors");
    assertEquals(2, errors.size(), errors.encode());
  }
}
