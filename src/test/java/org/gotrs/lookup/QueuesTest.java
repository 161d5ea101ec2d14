package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueuesTest {

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

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> send(HttpMethod method, String path,
                                                                                 String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private JsonObject create(JsonObject queue) {
    var response = send(HttpMethod.POST, "/queues", admin, queue);
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

    assertEquals("Support", send(HttpMethod.GET, "/queues/" + id, admin, null).bodyAsJsonObject().getString("name"));
    assertTrue(send(HttpMethod.GET, "/queues", admin, null).bodyAsJsonObject().getJsonArray("items").stream()
        .anyMatch(q -> ((JsonObject) q).getInteger("id") == id));

    var changed = send(HttpMethod.PATCH, "/queues/" + id, admin,
        new JsonObject().put("name", "Support 1st level").putNull("parent_id").putNull("comments"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("Support 1st level", changed.bodyAsJsonObject().getString("name"));
    assertNull(changed.bodyAsJsonObject().getInteger("parent_id"));
    assertNull(changed.bodyAsJsonObject().getString("comments"));
    assertEquals(30, changed.bodyAsJsonObject().getInteger("unlock_timeout"), "fields not in the patch stay");

    assertEquals(204, send(HttpMethod.DELETE, "/queues/" + id, admin, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM queue WHERE id = ?", id));
    JsonArray all = send(HttpMethod.GET, "/queues", admin, null).bodyAsJsonObject().getJsonArray("items");
    assertTrue(all.stream().anyMatch(q -> ((JsonObject) q).getInteger("id") == id), "invalid queues still list");
    JsonArray valid = send(HttpMethod.GET, "/queues?valid_id=1", admin, null).bodyAsJsonObject().getJsonArray("items");
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
    assertEquals(403, send(HttpMethod.POST, "/queues", agent, new JsonObject().put("name", "Mine").put("group_id", group))
        .statusCode());
    assertEquals(403, send(HttpMethod.PATCH, "/queues/1", agent, new JsonObject().put("name", "Hijacked")).statusCode());
    assertEquals(403, send(HttpMethod.DELETE, "/queues/1", agent, null).statusCode());
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
    var listed = send(HttpMethod.GET, "/queues", agent, null);
    assertEquals(200, listed.statusCode());
    List<String> names = listed.bodyAsJsonObject().getJsonArray("items").stream()
        .map(q -> ((JsonObject) q).getString("name")).toList();
    assertEquals(List.of("Sales"), names);
    assertEquals(200, send(HttpMethod.GET, "/queues/" + salesQueue, agent, null).statusCode());
    assertEquals(404, send(HttpMethod.GET, "/queues/2", agent, null).statusCode(), "another group's queue looks absent");
  }

  @Test
  @DisplayName("an administrator offers a queue to customers and takes it back; the portal list follows")
  void customerSelectable() {
    JsonObject created = create(new JsonObject().put("name", "Help desk").put("group_id", 1)
        .put("comments", "ask us anything"));
    int id = created.getInteger("id");
    assertFalse(created.getBoolean("customer_selectable"), "a new queue is not offered unless asked");
    assertFalse(portalQueueIds().contains(id));

    var offered = send(HttpMethod.PATCH, "/queues/" + id, admin, new JsonObject().put("customer_selectable", true));
    assertEquals(200, offered.statusCode(), offered.bodyAsString());
    assertTrue(offered.bodyAsJsonObject().getBoolean("customer_selectable"));
    assertEquals(true, server.scalar("SELECT customer_selectable FROM queue WHERE id = ?", id));
    assertTrue(portalQueueIds().contains(id));
    assertTrue(send(HttpMethod.GET, "/queues/" + id, admin, null).bodyAsJsonObject().getBoolean("customer_selectable"));

    var renamed = send(HttpMethod.PATCH, "/queues/" + id, admin, new JsonObject().put("name", "Helpdesk"));
    assertTrue(renamed.bodyAsJsonObject().getBoolean("customer_selectable"), "a patch without it keeps it");
    assertEquals(422, send(HttpMethod.PATCH, "/queues/" + id, admin, new JsonObject().put("customer_selectable", "yes"))
        .statusCode());
    assertEquals(200, send(HttpMethod.PATCH, "/queues/" + id, admin, new JsonObject().put("customer_selectable", false))
        .statusCode());
    assertFalse(portalQueueIds().contains(id));

    int invalid = create(new JsonObject().put("name", "Closed desk").put("group_id", 1).put("customer_selectable", true))
        .getInteger("id");
    assertTrue(portalQueueIds().contains(invalid));
    assertEquals(204, send(HttpMethod.DELETE, "/queues/" + invalid, admin, null).statusCode());
    assertFalse(portalQueueIds().contains(invalid), "an invalid queue is offered to no one");
  }

  private List<Integer> portalQueueIds() {
    var listed = send(HttpMethod.GET, "/portal/queues", admin, null);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject().getJsonArray("items").stream().map(q -> ((JsonObject) q).getInteger("id")).toList();
  }

  @Test
  @DisplayName("customers cannot read queues")
  void customersGet403() {
    fixtures.company("acme-q");
    fixtures.customer("queue-customer", "cust-pass", "acme-q");
    String customer = fixtures.customerLogin("queue-customer", "cust-pass");
    assertEquals(403, send(HttpMethod.GET, "/queues", customer, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "/queues/1", customer, null).statusCode());
  }

  @Test
  @DisplayName("bad input is a 422 naming every wrong field, and nothing is written")
  void badInput() {
    long before = queues();
    var missing = send(HttpMethod.POST, "/queues", admin, new JsonObject().put("group_id", "one").put("follow_up_lock", 5)
        .put("valid_id", 9).put("auto_response_config", "yes"));
    assertEquals(422, missing.statusCode());
    assertEquals(List.of("name", "group_id", "follow_up_lock", "valid_id", "auto_response_config"),
        fields(missing.bodyAsJsonObject()));
    var references = send(HttpMethod.POST, "/queues", admin, new JsonObject().put("name", "Dangling").put("group_id", 999)
        .put("parent_id", 999).put("sla_id", 999).put("default_priority_id", 999));
    assertEquals(422, references.statusCode());
    assertEquals(List.of("group_id", "parent_id", "default_priority_id", "sla_id"), fields(references.bodyAsJsonObject()));
    assertEquals(400, send(HttpMethod.POST, "/queues", admin, io.vertx.core.buffer.Buffer.buffer("{nope")).statusCode());
    assertEquals(422, send(HttpMethod.PATCH, "/queues/1", admin, new JsonObject().putNull("name")).statusCode());
    assertEquals(422, send(HttpMethod.GET, "/queues?valid_id=x", admin, null).statusCode());
    assertEquals(before, queues());
    assertEquals("Postmaster", server.scalar("SELECT name FROM queue WHERE id = 1"));
  }

  @Test
  @DisplayName("a queue name is unique (409) and unknown or malformed ids are 404")
  void conflictsAndMissing() {
    var duplicate = send(HttpMethod.POST, "/queues", admin, new JsonObject().put("name", "Raw").put("group_id", 1));
    assertEquals(409, duplicate.statusCode());
    assertEquals(409, send(HttpMethod.PATCH, "/queues/1", admin, new JsonObject().put("name", "Junk")).statusCode());
    assertEquals("Postmaster", server.scalar("SELECT name FROM queue WHERE id = 1"));
    assertEquals(404, send(HttpMethod.GET, "/queues/424242", admin, null).statusCode());
    assertEquals(404, send(HttpMethod.GET, "/queues/abc", admin, null).statusCode());
    assertEquals(404, send(HttpMethod.PATCH, "/queues/424242", admin, new JsonObject().put("name", "x")).statusCode());
    assertEquals(404, send(HttpMethod.DELETE, "/queues/-1", admin, null).statusCode());
  }

  @Test
  @DisplayName("a queue cannot become its own parent or the parent of its ancestors")
  void noCycles() {
    int top = create(new JsonObject().put("name", "Top").put("group_id", 1)).getInteger("id");
    int middle = create(new JsonObject().put("name", "Middle").put("group_id", 1).put("parent_id", top)).getInteger("id");
    int bottom = create(new JsonObject().put("name", "Bottom").put("group_id", 1).put("parent_id", middle)).getInteger("id");
    var loop = send(HttpMethod.PATCH, "/queues/" + top, admin, new JsonObject().put("parent_id", bottom));
    assertEquals(422, loop.statusCode());
    assertEquals(List.of("parent_id"), fields(loop.bodyAsJsonObject()));
    assertEquals(422, send(HttpMethod.PATCH, "/queues/" + top, admin, new JsonObject().put("parent_id", top)).statusCode());
    assertNull(server.scalar("SELECT parent_id FROM queue WHERE id = ?", top));
    assertEquals(200, send(HttpMethod.PATCH, "/queues/" + bottom, admin, new JsonObject().put("parent_id", top)).statusCode(),
        "moving within the tree without a loop is fine");
  }
}
