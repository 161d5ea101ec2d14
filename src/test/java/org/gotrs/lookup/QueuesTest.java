package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class QueuesTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;

  QueuesTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  private JsonObject create(JsonObject queue) {
    var response = api.post("/queues", admin, queue);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private long queues() {
    return (Long) server.scalar("SELECT count(*) FROM queue");
  }

  private List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream().map(e -> ((JsonObject) e).getString("field")).toList();
  }

  @Test
  @DisplayName("an administrator creates, reads, lists, changes and invalidates a queue, each change audited")
  void crud() {
    JsonObject created = create(new JsonObject().put("name", "Support").put("group_id", 1).put("parent_id", 2)
        .put("default_priority_id", 3).put("follow_up_id", 1).put("unlock_timeout", 30).put("comments", "first line")
        .put("auto_response_config", new JsonObject().put("reply", true)));
    int id = created.getInteger("id");
    assertEquals(1, created.getInteger("group_id"));
    assertEquals(2, created.getInteger("parent_id"));
    assertEquals(1, created.getInteger("valid_id"));
    assertTrue(created.getJsonObject("auto_response_config").getBoolean("reply"));
    assertFalse(created.containsKey("open_count"));

    assertEquals("Support", api.get("/queues/" + id, admin).bodyAsJsonObject().getString("name"));
    assertTrue(api.get("/queues", admin).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(q -> ((JsonObject) q).getInteger("id") == id));

    var changed = api.patch("/queues/" + id, admin,
        new JsonObject().put("name", "Support 1st level").putNull("parent_id").putNull("comments"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("Support 1st level", changed.bodyAsJsonObject().getString("name"));
    assertNull(changed.bodyAsJsonObject().getInteger("parent_id"));
    assertNull(changed.bodyAsJsonObject().getString("comments"));
    assertEquals(30, changed.bodyAsJsonObject().getInteger("unlock_timeout"), "fields not in the patch stay");

    assertEquals(204, api.delete("/queues/" + id, admin).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM queue WHERE id = ?", id));
    JsonArray all = api.get("/queues", admin).bodyAsJsonObject().getJsonArray("items");
    assertTrue(all.stream().anyMatch(q -> ((JsonObject) q).getInteger("id") == id), "invalid queues still list");
    JsonArray valid = api.get("/queues?valid_id=1", admin).bodyAsJsonObject().getJsonArray("items");
    assertFalse(valid.stream().anyMatch(q -> ((JsonObject) q).getInteger("id") == id));

    assertEquals(List.of("queue.create", "queue.update", "queue.delete"), server.sql(
            "SELECT action FROM audit_log WHERE object_type = 'queue' AND object_id = ? ORDER BY \"timestamp\"", String.valueOf(id))
        .stream().map(row -> row.get("action")).toList());
  }

  @Test
  @DisplayName("an agent who is not an administrator cannot create, change or invalidate queues")
  void writesAreAdminOnly() {
    int group = fixtures.group("agents-only");
    fixtures.agent("plain-agent", "plain-pass", group, "rw");
    String agent = server.login("plain-agent", "plain-pass");
    long before = queues();
    assertEquals(403, api.post("/queues", agent, new JsonObject().put("name", "Mine").put("group_id", group))
        .statusCode());
    assertEquals(403, api.patch("/queues/1", agent, new JsonObject().put("name", "Hijacked")).statusCode());
    assertEquals(403, api.delete("/queues/1", agent).statusCode());
    assertEquals(before, queues());
    assertEquals("Postmaster", server.scalar("SELECT name FROM queue WHERE id = 1"));
    assertEquals(1, server.scalar("SELECT valid_id FROM queue WHERE id = 1"));
  }

  @Test
  @DisplayName("an agent lists and reads only the queues of groups it holds ro on")
  void agentsSeeTheirQueues() {
    int sales = fixtures.group("sales");
    int salesQueue = fixtures.queue("Sales", sales);
    fixtures.agent("seller", "seller-pass", sales, "ro");
    String agent = server.login("seller", "seller-pass");
    var listed = api.get("/queues", agent);
    assertEquals(200, listed.statusCode());
    List<String> names = listed.bodyAsJsonObject().getJsonArray("items").stream()
        .map(q -> ((JsonObject) q).getString("name")).toList();
    assertEquals(List.of("Sales"), names);
    assertEquals(200, api.get("/queues/" + salesQueue, agent).statusCode());
    assertEquals(404, api.get("/queues/2", agent).statusCode(), "another group's queue looks absent");
  }

  @Test
  @DisplayName("an administrator offers a queue to customers and takes it back; the portal list follows")
  void customerSelectable() {
    JsonObject created = create(new JsonObject().put("name", "Help desk").put("group_id", 1)
        .put("comments", "ask us anything"));
    int id = created.getInteger("id");
    assertFalse(created.getBoolean("customer_selectable"), "a new queue is not offered unless asked");
    assertFalse(portalQueueIds().contains(id));

    var offered = api.patch("/queues/" + id, admin, new JsonObject().put("customer_selectable", true));
    assertEquals(200, offered.statusCode(), offered.bodyAsString());
    assertTrue(offered.bodyAsJsonObject().getBoolean("customer_selectable"));
    assertEquals(true, server.scalar("SELECT customer_selectable FROM queue WHERE id = ?", id));
    assertTrue(portalQueueIds().contains(id));
    assertTrue(api.get("/queues/" + id, admin).bodyAsJsonObject().getBoolean("customer_selectable"));

    var renamed = api.patch("/queues/" + id, admin, new JsonObject().put("name", "Helpdesk"));
    assertTrue(renamed.bodyAsJsonObject().getBoolean("customer_selectable"), "a patch without it keeps it");
    assertEquals(422, api.patch("/queues/" + id, admin, new JsonObject().put("customer_selectable", "yes"))
        .statusCode());
    assertEquals(200, api.patch("/queues/" + id, admin, new JsonObject().put("customer_selectable", false))
        .statusCode());
    assertFalse(portalQueueIds().contains(id));

    int invalid = create(new JsonObject().put("name", "Closed desk").put("group_id", 1).put("customer_selectable", true))
        .getInteger("id");
    assertTrue(portalQueueIds().contains(invalid));
    assertEquals(204, api.delete("/queues/" + invalid, admin).statusCode());
    assertFalse(portalQueueIds().contains(invalid), "an invalid queue is offered to no one");
  }

  private List<Integer> portalQueueIds() {
    var listed = api.get("/portal/queues", admin);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject().getJsonArray("items").stream().map(q -> ((JsonObject) q).getInteger("id")).toList();
  }

  @Test
  @DisplayName("customers cannot read queues")
  void customersGet403() {
    fixtures.company("acme-q");
    fixtures.customer("queue-customer", "cust-pass", "acme-q");
    String customer = fixtures.customerLogin("queue-customer", "cust-pass");
    assertEquals(403, api.get("/queues", customer).statusCode());
    assertEquals(403, api.get("/queues/1", customer).statusCode());
  }

  @Test
  @DisplayName("bad input is a 422 naming every wrong field, and nothing is written")
  void badInput() {
    long before = queues();
    var missing = api.post("/queues", admin, new JsonObject().put("group_id", "one").put("follow_up_lock", 5)
        .put("valid_id", 9).put("auto_response_config", "yes"));
    assertEquals(422, missing.statusCode());
    assertEquals(List.of("name", "group_id", "follow_up_lock", "valid_id", "auto_response_config"),
        fields(missing.bodyAsJsonObject()));
    var references = api.post("/queues", admin, new JsonObject().put("name", "Dangling").put("group_id", 999)
        .put("parent_id", 999).put("sla_id", 999).put("default_priority_id", 999));
    assertEquals(422, references.statusCode());
    assertEquals(List.of("group_id", "parent_id", "default_priority_id", "sla_id"), fields(references.bodyAsJsonObject()));
    assertEquals(400, api.post("/queues", admin, io.vertx.core.buffer.Buffer.buffer("{nope")).statusCode());
    assertEquals(422, api.patch("/queues/1", admin, new JsonObject().putNull("name")).statusCode());
    assertEquals(422, api.get("/queues?valid_id=x", admin).statusCode());
    assertEquals(before, queues());
    assertEquals("Postmaster", server.scalar("SELECT name FROM queue WHERE id = 1"));
  }

  @Test
  @DisplayName("a queue name is unique (409) and unknown or malformed ids are 404")
  void conflictsAndMissing() {
    var duplicate = api.post("/queues", admin, new JsonObject().put("name", "Raw").put("group_id", 1));
    assertEquals(409, duplicate.statusCode());
    assertEquals(409, api.patch("/queues/1", admin, new JsonObject().put("name", "Junk")).statusCode());
    assertEquals("Postmaster", server.scalar("SELECT name FROM queue WHERE id = 1"));
    assertEquals(404, api.get("/queues/424242", admin).statusCode());
    assertEquals(404, api.get("/queues/abc", admin).statusCode());
    assertEquals(404, api.patch("/queues/424242", admin, new JsonObject().put("name", "x")).statusCode());
    assertEquals(404, api.delete("/queues/-1", admin).statusCode());
  }

  @Test
  @DisplayName("a queue cannot become its own parent or the parent of its ancestors")
  void noCycles() {
    int top = create(new JsonObject().put("name", "Top").put("group_id", 1)).getInteger("id");
    int middle = create(new JsonObject().put("name", "Middle").put("group_id", 1).put("parent_id", top)).getInteger("id");
    int bottom = create(new JsonObject().put("name", "Bottom").put("group_id", 1).put("parent_id", middle)).getInteger("id");
    var loop = api.patch("/queues/" + top, admin, new JsonObject().put("parent_id", bottom));
    assertEquals(422, loop.statusCode());
    assertEquals(List.of("parent_id"), fields(loop.bodyAsJsonObject()));
    assertEquals(422, api.patch("/queues/" + top, admin, new JsonObject().put("parent_id", top)).statusCode());
    assertNull(server.scalar("SELECT parent_id FROM queue WHERE id = ?", top));
    assertEquals(200, api.patch("/queues/" + bottom, admin, new JsonObject().put("parent_id", top)).statusCode(),
        "moving within the tree without a loop is fine");
  }
}
