package org.gotrs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
class GroupAdminTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  GroupAdminTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("the admin creates, reads, lists and changes a group")
  void groupLifecycle() {
    var created = server.send(HttpMethod.POST, "/api/v1/groups", admin,
        new JsonObject().put("name", "g-sales").put("comments", "Sales team"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    assertEquals(1, created.bodyAsJsonObject().getInteger("valid_id"));
    assertNull(created.bodyAsJsonObject().getValue("parent_id"));
    assertEquals("g-sales", server.send(HttpMethod.GET, "/api/v1/groups/" + id, admin, null).bodyAsJsonObject()
        .getString("name"));
    assertTrue(server.send(HttpMethod.GET, "/api/v1/groups", admin, null).bodyAsJsonObject().getJsonArray("items")
        .stream().anyMatch(item -> ((JsonObject) item).getInteger("id") == id));
    var patched = server.send(HttpMethod.PATCH, "/api/v1/groups/" + id, admin,
        new JsonObject().put("name", "g-sales-emea").put("comments", null));
    assertEquals(200, patched.statusCode());
    assertEquals("g-sales-emea", patched.bodyAsJsonObject().getString("name"));
    assertNull(patched.bodyAsJsonObject().getValue("comments"));
  }

  @Test
  @DisplayName("a duplicate group or role name is a 409; a missing or wrongly typed name a 422; nothing is written")
  void badGroupsAndRoles() {
    fixtures.newGroup(admin, "g-dup");
    fixtures.newRole(admin, "r-dup");
    long groups = fixtures.count("groups");
    long roles = fixtures.count("roles");
    long audits = fixtures.count("audit_log");
    assertEquals(409, server.send(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("name", "g-dup")).statusCode());
    assertEquals(409, server.send(HttpMethod.POST, "/api/v1/roles", admin, new JsonObject().put("name", "r-dup")).statusCode());
    var missing = server.send(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("comments", "x"));
    assertEquals(422, missing.statusCode());
    assertEquals(Set.of("name"), UserAdminTest.fields(missing.bodyAsJsonObject()));
    var wrong = server.send(HttpMethod.POST, "/api/v1/roles", admin,
        new JsonObject().put("name", 5).put("valid_id", "valid"));
    assertEquals(422, wrong.statusCode());
    assertEquals(Set.of("name", "valid_id"), UserAdminTest.fields(wrong.bodyAsJsonObject()));
    assertEquals(groups, fixtures.count("groups"));
    assertEquals(roles, fixtures.count("roles"));
    assertEquals(audits, fixtures.count("audit_log"));
  }

  @Test
  @DisplayName("a group's parent must exist, and must not be the group itself or one of its subgroups")
  void parentsFormATree() {
    int top = fixtures.newGroup(admin, "g-top").getInteger("id");
    var child = server.send(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("name", "g-child").put("parent_id", top));
    assertEquals(201, child.statusCode());
    int childId = child.bodyAsJsonObject().getInteger("id");
    int grandchild = server.send(HttpMethod.POST, "/api/v1/groups", admin,
        new JsonObject().put("name", "g-grandchild").put("parent_id", childId)).bodyAsJsonObject().getInteger("id");
    long groups = fixtures.count("groups");

    var unknownParent = server.send(HttpMethod.POST, "/api/v1/groups", admin,
        new JsonObject().put("name", "g-orphan").put("parent_id", 999999));
    assertEquals(422, unknownParent.statusCode());
    assertEquals(Set.of("parent_id"), UserAdminTest.fields(unknownParent.bodyAsJsonObject()));
    assertEquals(groups, fixtures.count("groups"));

    for (int parent : new int[] {top, grandchild}) {
      var cycle = server.send(HttpMethod.PATCH, "/api/v1/groups/" + top, admin, new JsonObject().put("parent_id", parent));
      assertEquals(422, cycle.statusCode(), "parent " + parent);
      assertEquals(Set.of("parent_id"), UserAdminTest.fields(cycle.bodyAsJsonObject()));
    }
    assertEquals(422, server.send(HttpMethod.PATCH, "/api/v1/groups/" + top, admin,
        new JsonObject().put("parent_id", 999999)).statusCode());
    assertNull(server.scalar("SELECT parent_id FROM groups WHERE id = ?", top));

    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/groups/" + grandchild, admin,
        new JsonObject().put("parent_id", top)).statusCode(), "moving within the tree is fine");
  }

  @Test
  @DisplayName("DELETE of a group sets valid_id 2 and keeps it, so the queues that use it keep their group")
  void deleteInvalidatesGroup() {
    int id = fixtures.newGroup(admin, "g-old").getInteger("id");
    int queueId = fixtures.queue("q-old", id);
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/groups/" + id, admin, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM groups WHERE id = ?", id));
    assertEquals(id, server.scalar("SELECT group_id FROM queue WHERE id = ?", queueId));
    assertEquals(1, server.send(HttpMethod.GET, "/api/v1/groups?valid_id=2", admin, null).bodyAsJsonObject()
        .getJsonArray("items").stream().filter(item -> ((JsonObject) item).getInteger("id") == id).count());
  }

  @Test
  @DisplayName("the admin creates, changes and invalidates a role")
  void roleLifecycle() {
    int id = fixtures.newRole(admin, "r-agents").getInteger("id");
    var patched = server.send(HttpMethod.PATCH, "/api/v1/roles/" + id, admin, new JsonObject().put("comments", "All agents"));
    assertEquals(200, patched.statusCode());
    assertEquals("All agents", patched.bodyAsJsonObject().getString("comments"));
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/roles/" + id, admin, null).statusCode());
    assertEquals(2, server.send(HttpMethod.GET, "/api/v1/roles/" + id, admin, null).bodyAsJsonObject().getInteger("valid_id"));
  }

  @Test
  @DisplayName("unknown or malformed group and role ids are a 404")
  void unknownIds() {
    for (String path : new String[] {"/api/v1/groups/999999", "/api/v1/groups/abc", "/api/v1/groups/-1",
        "/api/v1/roles/999999", "/api/v1/roles/99999999999"}) {
      assertEquals(404, server.send(HttpMethod.GET, path, admin, null).statusCode(), path);
      assertEquals(404, server.send(HttpMethod.PATCH, path, admin, new JsonObject().put("comments", "x")).statusCode(), path);
      assertEquals(404, server.send(HttpMethod.DELETE, path, admin, null).statusCode(), path);
    }
  }
}
