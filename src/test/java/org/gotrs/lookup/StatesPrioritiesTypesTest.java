package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatesPrioritiesTypesTest {

  private TestServer server;
  private Fixtures fixtures;
  private String admin;

  @BeforeAll
  void start() {
    server = TestServer.start();
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
  }

  private long count(String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  @Test
  @DisplayName("a state has a type (shown by name) and may move on by itself after an ISO-8601 duration")
  void stateWithAutoTransition() {
    var created = send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "pending auto reopen")
        .put("type_id", 3).put("color", "#AABBCC").put("auto_transition_to", 2).put("auto_transition_time", "PT2H"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject state = created.bodyAsJsonObject();
    assertEquals("pending", state.getString("type_name"));
    assertEquals("PT2H", state.getString("auto_transition_time"));
    assertEquals(7200L, server.scalar("SELECT extract(epoch FROM auto_transition_time)::bigint FROM ticket_state WHERE id = ?",
        state.getInteger("id")));

    var inSeconds = send(HttpMethod.PATCH, "/states/" + state.getInteger("id"), admin,
        new JsonObject().put("auto_transition_time", 90).put("type_id", 2));
    assertEquals(200, inSeconds.statusCode(), inSeconds.bodyAsString());
    assertEquals("PT1M30S", inSeconds.bodyAsJsonObject().getString("auto_transition_time"));
    assertEquals("open", inSeconds.bodyAsJsonObject().getString("type_name"));
    assertEquals("merged", send(HttpMethod.GET, "/states/9", admin, null).bodyAsJsonObject().getString("type_name"));
  }

  @Test
  @DisplayName("a state needs an existing state type and a sensible transition; nothing is written otherwise")
  void badStates() {
    long before = count("ticket_state");
    var unknownType = send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "limbo").put("type_id", 7));
    assertEquals(422, unknownType.statusCode());
    assertEquals(List.of("type_id"), fields(unknownType));
    var badTime = send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_to", 2).put("auto_transition_time", "two hours").put("color", "red"));
    assertEquals(422, badTime.statusCode());
    assertEquals(List.of("color", "auto_transition_time"), fields(badTime));
    var noTarget = send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_time", "PT1H"));
    assertEquals(List.of("auto_transition_time"), fields(noTarget));
    assertEquals(422, send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_to", 999)).statusCode());
    assertEquals(422, send(HttpMethod.PATCH, "/states/5", admin, new JsonObject().put("auto_transition_to", 5)).statusCode());
    assertEquals(409, send(HttpMethod.POST, "/states", admin, new JsonObject().put("name", "open").put("type_id", 2))
        .statusCode());
    assertEquals(before, count("ticket_state"));
  }

  @Test
  @DisplayName("priorities: created with a hex colour, unique by name, invalidated rather than deleted")
  void priorities() {
    var created = send(HttpMethod.POST, "/priorities", admin, new JsonObject().put("name", "6 critical").put("color", "#FF0000"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    assertEquals(422, send(HttpMethod.PATCH, "/priorities/" + id, admin, new JsonObject().put("color", "#GG0000")).statusCode());
    assertEquals(409, send(HttpMethod.PATCH, "/priorities/" + id, admin, new JsonObject().put("name", "3 normal")).statusCode());
    assertEquals("6 critical", server.scalar("SELECT name FROM ticket_priority WHERE id = ?", id));
    assertEquals(204, send(HttpMethod.DELETE, "/priorities/" + id, admin, null).statusCode());
    var invalid = send(HttpMethod.GET, "/priorities?valid_id=2", admin, null).bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("6 critical"), invalid.stream().map(p -> ((JsonObject) p).getString("name")).toList());
    assertEquals(2, send(HttpMethod.GET, "/priorities/" + id, admin, null).bodyAsJsonObject().getInteger("valid_id"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'priority.delete' AND object_id = ?",
        String.valueOf(id)));
  }

  @Test
  @DisplayName("types: the default priority must exist")
  void types() {
    var created = send(HttpMethod.POST, "/types", admin, new JsonObject().put("name", "Incident").put("icon", "bolt")
        .put("default_priority_id", 4).put("comments", "something broke"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    var unknown = send(HttpMethod.PATCH, "/types/" + id, admin, new JsonObject().put("default_priority_id", 77));
    assertEquals(422, unknown.statusCode());
    assertEquals(List.of("default_priority_id"), fields(unknown));
    assertEquals(4, server.scalar("SELECT default_priority_id FROM ticket_type WHERE id = ?", id));
    var renamed = send(HttpMethod.PATCH, "/types/" + id, admin, new JsonObject().put("name", "Störung"));
    assertEquals("Störung", renamed.bodyAsJsonObject().getString("name"));
    assertEquals("bolt", renamed.bodyAsJsonObject().getString("icon"));
    assertEquals(404, send(HttpMethod.GET, "/types/999", admin, null).statusCode());
  }

  @Test
  @DisplayName("customers may read states, priorities and types, but change none of them")
  void customersReadLabels() {
    fixtures.company("acme-s");
    fixtures.customer("label-reader", "cust-pass", "acme-s");
    String customer = fixtures.customerLogin("label-reader", "cust-pass");
    for (String path : List.of("/states", "/priorities", "/types")) {
      var listed = send(HttpMethod.GET, path, customer, null);
      assertEquals(200, listed.statusCode(), path);
      assertFalse(listed.bodyAsJsonObject().getJsonArray("items").isEmpty(), path);
      assertEquals(403, send(HttpMethod.POST, path, customer, new JsonObject().put("name", "x").put("type_id", 1))
          .statusCode(), path);
    }
    assertEquals(200, send(HttpMethod.GET, "/states/1", customer, null).statusCode());
    assertEquals(403, send(HttpMethod.DELETE, "/priorities/1", customer, null).statusCode());
  }

  @Test
  @DisplayName("an agent who is not an administrator reads lookups but cannot change them")
  void agentsRead() {
    fixtures.agent("lookup-agent", "agent-pass", 1, "ro");
    String agent = server.login("lookup-agent", "agent-pass");
    assertEquals(200, send(HttpMethod.GET, "/types", agent, null).statusCode());
    assertEquals(403, send(HttpMethod.PATCH, "/states/1", agent, new JsonObject().put("name", "fresh")).statusCode());
    assertEquals(403, send(HttpMethod.POST, "/priorities", agent, new JsonObject().put("name", "0 whenever")).statusCode());
    assertEquals("new", server.scalar("SELECT name FROM ticket_state WHERE id = 1"));
    assertTrue(send(HttpMethod.GET, "/states?valid_id=1", agent, null).bodyAsJsonObject().getJsonArray("items").size() >= 9);
  }
}
