package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class StatesPrioritiesTypesTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;

  StatesPrioritiesTypesTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
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
    var created = api.post("/states", admin, new JsonObject().put("name", "pending auto reopen")
        .put("type_id", 3).put("color", "#AABBCC").put("auto_transition_to", 2).put("auto_transition_time", "PT2H"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject state = created.bodyAsJsonObject();
    assertEquals("pending", state.getString("type_name"));
    assertEquals("PT2H", state.getString("auto_transition_time"));
    assertEquals(7200L, server.scalar("SELECT extract(epoch FROM auto_transition_time)::bigint FROM ticket_state WHERE id = ?",
        state.getInteger("id")));

    var inSeconds = api.patch("/states/" + state.getInteger("id"), admin,
        new JsonObject().put("auto_transition_time", 90).put("type_id", 2));
    assertEquals(200, inSeconds.statusCode(), inSeconds.bodyAsString());
    assertEquals("PT1M30S", inSeconds.bodyAsJsonObject().getString("auto_transition_time"));
    assertEquals("open", inSeconds.bodyAsJsonObject().getString("type_name"));
    assertEquals("merged", api.get("/states/9", admin).bodyAsJsonObject().getString("type_name"));
  }

  @Test
  @DisplayName("a state needs an existing state type and a sensible transition; nothing is written otherwise")
  void badStates() {
    long before = count("ticket_state");
    var unknownType = api.post("/states", admin, new JsonObject().put("name", "limbo").put("type_id", 7));
    assertEquals(422, unknownType.statusCode());
    assertEquals(List.of("type_id"), fields(unknownType));
    var badTime = api.post("/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_to", 2).put("auto_transition_time", "two hours").put("color", "red"));
    assertEquals(422, badTime.statusCode());
    assertEquals(List.of("color", "auto_transition_time"), fields(badTime));
    var noTarget = api.post("/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_time", "PT1H"));
    assertEquals(List.of("auto_transition_time"), fields(noTarget));
    assertEquals(422, api.post("/states", admin, new JsonObject().put("name", "soon").put("type_id", 3)
        .put("auto_transition_to", 999)).statusCode());
    assertEquals(422, api.patch("/states/5", admin, new JsonObject().put("auto_transition_to", 5)).statusCode());
    assertEquals(409, api.post("/states", admin, new JsonObject().put("name", "open").put("type_id", 2))
        .statusCode());
    assertEquals(before, count("ticket_state"));
  }

  @Test
  @DisplayName("priorities: created with a hex colour, unique by name, invalidated rather than deleted")
  void priorities() {
    var created = api.post("/priorities", admin, new JsonObject().put("name", "6 critical").put("color", "#FF0000"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    assertEquals(422, api.patch("/priorities/" + id, admin, new JsonObject().put("color", "#GG0000")).statusCode());
    assertEquals(409, api.patch("/priorities/" + id, admin, new JsonObject().put("name", "3 normal")).statusCode());
    assertEquals("6 critical", server.scalar("SELECT name FROM ticket_priority WHERE id = ?", id));
    assertEquals(204, api.delete("/priorities/" + id, admin).statusCode());
    var invalid = api.get("/priorities?valid_id=2", admin).bodyAsJsonObject().getJsonArray("items");
    assertEquals(List.of("6 critical"), invalid.stream().map(p -> ((JsonObject) p).getString("name")).toList());
    assertEquals(2, api.get("/priorities/" + id, admin).bodyAsJsonObject().getInteger("valid_id"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'priority.delete' AND object_id = ?",
        String.valueOf(id)));
  }

  @Test
  @DisplayName("types: the default priority must exist")
  void types() {
    var created = api.post("/types", admin, new JsonObject().put("name", "Incident").put("icon", "bolt")
        .put("default_priority_id", 4).put("comments", "something broke"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    var unknown = api.patch("/types/" + id, admin, new JsonObject().put("default_priority_id", 77));
    assertEquals(422, unknown.statusCode());
    assertEquals(List.of("default_priority_id"), fields(unknown));
    assertEquals(4, server.scalar("SELECT default_priority_id FROM ticket_type WHERE id = ?", id));
    var renamed = api.patch("/types/" + id, admin, new JsonObject().put("name", "Störung"));
    assertEquals("Störung", renamed.bodyAsJsonObject().getString("name"));
    assertEquals("bolt", renamed.bodyAsJsonObject().getString("icon"));
    assertEquals(404, api.get("/types/999", admin).statusCode());
  }

  @Test
  @DisplayName("customers may read states, priorities and types, but change none of them")
  void customersReadLabels() {
    fixtures.company("acme-s");
    fixtures.customer("label-reader", "cust-pass", "acme-s");
    String customer = fixtures.customerLogin("label-reader", "cust-pass");
    for (String path : List.of("/states", "/priorities", "/types")) {
      var listed = api.get(path, customer);
      assertEquals(200, listed.statusCode(), path);
      assertFalse(listed.bodyAsJsonObject().getJsonArray("items").isEmpty(), path);
      assertEquals(403, api.post(path, customer, new JsonObject().put("name", "x").put("type_id", 1))
          .statusCode(), path);
    }
    assertEquals(200, api.get("/states/1", customer).statusCode());
    assertEquals(403, api.delete("/priorities/1", customer).statusCode());
  }

  @Test
  @DisplayName("an agent who is not an administrator reads lookups but cannot change them")
  void agentsRead() {
    fixtures.agent("lookup-agent", "agent-pass", 1, "ro");
    String agent = server.login("lookup-agent", "agent-pass");
    assertEquals(200, api.get("/types", agent).statusCode());
    assertEquals(403, api.patch("/states/1", agent, new JsonObject().put("name", "fresh")).statusCode());
    assertEquals(403, api.post("/priorities", agent, new JsonObject().put("name", "0 whenever")).statusCode());
    assertEquals("new", server.scalar("SELECT name FROM ticket_state WHERE id = 1"));
    assertTrue(api.get("/states?valid_id=1", agent).bodyAsJsonObject().getJsonArray("items").size() >= 9);
  }
}
