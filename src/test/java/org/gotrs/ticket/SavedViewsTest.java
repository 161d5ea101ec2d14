package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Saved views: an agent's own filters of the ticket list, counted and listed with the agent's permissions. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedViewsTest {

  private final TestServer server;
  private final Api api;
  private final int readable;
  private final int hidden;
  private final String lead;
  private final String anna;
  private final String ben;

  SavedViewsTest(TestServer server, Fixtures fixtures, Api api) {
    this.server = server;
    this.api = api;
    int annas = fixtures.group("views-annas");
    int others = fixtures.group("views-others");
    readable = fixtures.queue("Views readable", annas);
    hidden = fixtures.queue("Views hidden", others);
    var leadId = fixtures.agent("views-lead", "pw", annas, "rw");
    fixtures.grant(leadId, others, "rw");
    fixtures.agent("views-anna", "pw", annas, "ro");
    fixtures.agent("views-ben", "pw", annas, "ro");
    lead = server.login("views-lead", "pw");
    anna = server.login("views-anna", "pw");
    ben = server.login("views-ben", "pw");
    for (int i = 0; i < 2; i++) {
      fixtures.ticket(lead, readable, "Readable " + i, "x");
    }
    for (int i = 0; i < 3; i++) {
      fixtures.ticket(lead, hidden, "Hidden " + i, "x");
    }
  }

  private JsonObject create(String token, String name, JsonObject filters) {
    var response = api.post("/views", token, new JsonObject().put("name", name).put("filters", filters)
        .put("sort", "-changed"));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private JsonObject listed(String token, long id) {
    JsonArray items = api.get("/views", token).bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(view -> view.getLong("id") == id).findFirst()
        .orElseThrow(() -> new AssertionError("view " + id + " not listed: " + items));
  }

  @Test
  @DisplayName("a view counts and lists only the tickets of queues its agent may read")
  void countsRespectPermissions() {
    JsonObject filters = new JsonObject().put("state_type", "new,open").put("archived", "false");
    long annas = create(anna, "All open", filters).getLong("id");
    long leads = create(lead, "All open", filters).getLong("id");

    assertEquals(2, listed(anna, annas).getLong("count"));
    assertEquals(5, listed(lead, leads).getLong("count"));
    JsonArray counts = api.get("/views/counts", anna).bodyAsJsonObject().getJsonArray("items");
    assertTrue(counts.stream().map(JsonObject.class::cast)
        .anyMatch(count -> count.getLong("view_id") == annas && count.getLong("count") == 2), counts.encode());

    JsonArray tickets = api.get("/views/" + annas + "/tickets", anna).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, tickets.size());
    tickets.forEach(ticket -> assertEquals(readable, ((JsonObject) ticket).getInteger("queue_id")));

    long hiddenQueue = create(anna, "Hidden queue", new JsonObject().put("queue_id", hidden)).getLong("id");
    assertEquals(0, listed(anna, hiddenQueue).getLong("count"));
    assertEquals(0, api.get("/views/" + hiddenQueue + "/tickets", anna).bodyAsJsonObject()
        .getJsonArray("items").size());
  }

  @Test
  @DisplayName("another agent's private view is not found: not read, listed, counted, changed or deleted")
  void othersViewIsNotFound() {
    long id = create(anna, "Anna's own", new JsonObject().put("queue_id", readable)).getLong("id");
    assertEquals(404, api.get("/views/" + id, ben).statusCode());
    assertEquals(404, api.get("/views/" + id + "/tickets", ben).statusCode());
    assertEquals(404, api.patch("/views/" + id, ben, new JsonObject().put("name", "Mine now")).statusCode());
    assertEquals(404, api.delete("/views/" + id, ben).statusCode());
    assertFalse(api.get("/views", ben).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(view -> ((JsonObject) view).getLong("id") == id));
    assertEquals("Anna's own", api.get("/views/" + id, anna).bodyAsJsonObject().getString("name"));
  }

  @Test
  @DisplayName("filters the ticket list would refuse are refused with 422 problem+json, and nothing is saved")
  void badFiltersAreRefused() {
    long before = ((Number) server.scalar("SELECT count(*) FROM saved_view")).longValue();
    for (JsonObject body : List.of(
        new JsonObject().put("name", "x").put("filters", new JsonObject().put("queue_id", "abc")),
        new JsonObject().put("name", "x").put("filters", new JsonObject().put("no_such_filter", "1")),
        new JsonObject().put("name", "x").put("filters", new JsonObject().put("owner_id", new JsonObject())),
        new JsonObject().put("name", "x").put("filters", new JsonObject().put("escalated", "maybe")),
        new JsonObject().put("name", "x").put("filters", new JsonObject()).put("sort", "sideways"),
        new JsonObject().put("filters", new JsonObject()),
        new JsonObject().put("name", "x").put("filters", "queue_id=1"))) {
      var response = api.post("/views", anna, body);
      assertEquals(422, response.statusCode(), body.encode() + " → " + response.bodyAsString());
      assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"));
    }
    assertEquals(before, ((Number) server.scalar("SELECT count(*) FROM saved_view")).longValue());
  }

  @Test
  @DisplayName("every agent has the default views, which they cannot delete; their own view they can")
  void defaultsAndDelete() {
    JsonArray views = api.get("/views", ben).bodyAsJsonObject().getJsonArray("items");
    List<String> defaults = views.stream().map(JsonObject.class::cast).filter(view -> view.getBoolean("default"))
        .map(view -> view.getString("name")).toList();
    assertEquals(List.of("My open tickets", "Unassigned in my queues", "Escalated", "Pending reached"), defaults);
    long first = views.getJsonObject(0).getLong("id");
    assertEquals(403, api.delete("/views/" + first, ben).statusCode());

    long own = create(ben, "Ben's", new JsonObject().put("owner_id", "me")).getLong("id");
    assertEquals(204, api.delete("/views/" + own, ben).statusCode());
    assertEquals(404, api.get("/views/" + own, ben).statusCode());
  }

  @Test
  @DisplayName("a view's filters and name change with PATCH; sharing to roles needs admin rights")
  void changeAndShare() {
    long id = create(anna, "Before", new JsonObject().put("queue_id", readable)).getLong("id");
    var changed = api.patch("/views/" + id, anna, new JsonObject().put("name", "After")
        .put("filters", new JsonObject().put("queue_id", hidden)));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("After", changed.bodyAsJsonObject().getString("name"));
    assertEquals(hidden, changed.bodyAsJsonObject().getJsonObject("filters").getInteger("queue_id"));
    assertEquals(403, api.patch("/views/" + id, anna, new JsonObject().put("role_ids", new JsonArray().add(1)))
        .statusCode());
  }
}
