package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /tickets/{id}/history} names what its ids refer to, so that people can read it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketHistoryNamesTest {

  private TestServer server;
  private String agent;
  private int first;
  private int second;
  private UUID colleague;

  @BeforeAll
  void start() {
    server = TestServer.start();
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("history");
    first = fixtures.queue("First line", group);
    second = fixtures.queue("Second line", group);
    fixtures.agent("hanna", "hanna-password", group, "rw");
    colleague = fixtures.agent("oskar", "oskar-password", group, "rw");
    agent = server.login("hanna", "hanna-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonObject entry(List<JsonObject> entries, String type) {
    return entries.stream().filter(entry -> type.equals(entry.getString("history_type"))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + type + " in " + entries));
  }

  @Test
  @DisplayName("a move, a new priority, owner and state read as queue, priority, agent and state names, with who did it")
  void namesInsteadOfIds() {
    long id = new Fixtures(server).ticket(agent, first, "Readable", "History please.").getLong("id");
    var changed = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject()
        .put("queue_id", second).put("priority", "4 high").put("user_id", colleague.toString()).put("state", "open"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());

    List<JsonObject> entries = server.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/history", agent, null)
        .bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast).toList();
    JsonObject move = entry(entries, "Move");
    assertEquals("First line", move.getString("old_name"));
    assertEquals("Second line", move.getString("new_name"));
    assertEquals("3 normal", entry(entries, "PriorityUpdate").getString("old_name"));
    assertEquals("4 high", entry(entries, "PriorityUpdate").getString("new_name"));
    assertEquals("Test oskar", entry(entries, "OwnerUpdate").getString("new_name"));
    assertEquals("open", entry(entries, "StateUpdate").getString("new_name"));

    JsonObject last = entries.get(entries.size() - 1);
    assertEquals("Test hanna", last.getString("create_by_name"));
    assertEquals("Second line", last.getString("queue"));
    assertEquals("open", last.getString("state"));
    assertEquals("4 high", last.getString("priority"));
    assertEquals("Test oskar", last.getString("owner"));
    assertTrue(entries.stream().allMatch(entry -> entry.containsKey("old_name")));
  }
}
