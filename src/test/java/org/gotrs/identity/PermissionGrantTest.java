package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.PASSWORD;
import static org.gotrs.testing.Fixtures.permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Array;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
class PermissionGrantTest {

  private static final String ROOT_ID = "00000000-0000-0000-0000-000000000001";
  private static final int ADMIN_GROUP = 2;

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  PermissionGrantTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("PUT sets an agent's keys on a group, GET lists them, and the agent may then act on the group's queues")
  void setAndListKeys() {
    String user = fixtures.newAgent(admin, "grant-anna").getString("id");
    int groupId = fixtures.newGroup(admin, "grant-sales").getInteger("id");
    int queueId = fixtures.queue("grant-sales-queue", groupId);
    assertFalse(queues(user, "ro").contains(queueId));

    var put = server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin,
        permissions("note", "ro", "ro"));
    assertEquals(200, put.statusCode(), put.bodyAsString());
    assertEquals(new JsonArray().add("ro").add("note"), put.bodyAsJsonObject().getJsonArray("permissions"));

    JsonArray listed = server.send(HttpMethod.GET, "/api/v1/users/" + user + "/groups", admin, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, listed.size());
    assertEquals(groupId, listed.getJsonObject(0).getInteger("group_id"));
    assertEquals("grant-sales", listed.getJsonObject(0).getString("group_name"));
    assertEquals(new JsonArray().add("ro").add("note"), listed.getJsonObject(0).getJsonArray("permissions"));
    assertTrue(queues(user, "ro").contains(queueId));
    assertTrue(queues(user, "note").contains(queueId));
    assertFalse(queues(user, "rw").contains(queueId));
    assertEquals(200, fixtures.loginAttempt("grant-anna", PASSWORD).statusCode());
  }

  @Test
  @DisplayName("PUT replaces the keys, and [] removes them all")
  void emptyListRemoves() {
    String user = fixtures.newAgent(admin, "grant-bert").getString("id");
    int groupId = fixtures.newGroup(admin, "grant-support").getInteger("id");
    int queueId = fixtures.queue("grant-support-queue", groupId);
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin, permissions("rw"));
    assertTrue(queues(user, "owner").contains(queueId), "rw implies every key");
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin, permissions("ro"));
    assertFalse(queues(user, "owner").contains(queueId));
    var removed = server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin, permissions());
    assertEquals(200, removed.statusCode());
    assertEquals(new JsonArray(), removed.bodyAsJsonObject().getJsonArray("permissions"));
    assertFalse(queues(user, "ro").contains(queueId));
    assertEquals(0L, server.scalar("SELECT count(*) FROM group_user WHERE user_id = ?::uuid", user));
    assertEquals(0, server.send(HttpMethod.GET, "/api/v1/users/" + user + "/groups", admin, null)
        .bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  @DisplayName("a role grants its group keys to every agent who holds it, until the role is taken away")
  void roleGrantsThroughRoleGroup() {
    String user = fixtures.newAgent(admin, "grant-carl").getString("id");
    int groupId = fixtures.newGroup(admin, "grant-billing").getInteger("id");
    int queueId = fixtures.queue("grant-billing-queue", groupId);
    int roleId = fixtures.newRole(admin, "grant-billing-team").getInteger("id");
    var roleGroup = server.send(HttpMethod.PUT, "/api/v1/roles/" + roleId + "/groups/" + groupId, admin,
        permissions("ro", "create"));
    assertEquals(200, roleGroup.statusCode(), roleGroup.bodyAsString());
    assertEquals(1, server.send(HttpMethod.GET, "/api/v1/roles/" + roleId + "/groups", admin, null)
        .bodyAsJsonObject().getJsonArray("items").size());
    assertFalse(queues(user, "create").contains(queueId), "not before the agent holds the role");

    assertEquals(204, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/" + roleId, admin, null).statusCode());
    assertEquals(204, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/" + roleId, admin, null).statusCode(),
        "granting twice is harmless");
    assertTrue(queues(user, "create").contains(queueId));
    assertFalse(queues(user, "note").contains(queueId));
    JsonArray roles = server.send(HttpMethod.GET, "/api/v1/users/" + user + "/roles", admin, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals("grant-billing-team", roles.getJsonObject(0).getString("name"));

    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/users/" + user + "/roles/" + roleId, admin, null)
        .statusCode());
    assertFalse(queues(user, "ro").contains(queueId));
  }

  @Test
  @DisplayName("an invalid role, an invalid group or an invalid agent grants nothing")
  void invalidThingsGrantNothing() {
    String user = fixtures.newAgent(admin, "grant-dora").getString("id");
    int direct = fixtures.newGroup(admin, "grant-direct").getInteger("id");
    int viaRole = fixtures.newGroup(admin, "grant-via-role").getInteger("id");
    int directQueue = fixtures.queue("grant-direct-queue", direct);
    int roleQueue = fixtures.queue("grant-role-queue", viaRole);
    int roleId = fixtures.newRole(admin, "grant-dora-role").getInteger("id");
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + direct, admin, permissions("rw"));
    server.send(HttpMethod.PUT, "/api/v1/roles/" + roleId + "/groups/" + viaRole, admin, permissions("rw"));
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/" + roleId, admin, null);
    assertTrue(queues(user, "ro").containsAll(List.of(directQueue, roleQueue)));

    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/roles/" + roleId, admin, null).statusCode());
    assertFalse(queues(user, "ro").contains(roleQueue), "invalid role");
    assertTrue(queues(user, "ro").contains(directQueue));

    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/groups/" + direct, admin, null).statusCode());
    assertFalse(queues(user, "ro").contains(directQueue), "invalid group");

    int other = fixtures.newGroup(admin, "grant-other").getInteger("id");
    int otherQueue = fixtures.queue("grant-other-queue", other);
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + other, admin, permissions("rw"));
    assertTrue(queues(user, "ro").contains(otherQueue));
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/users/" + user, admin, null).statusCode());
    assertEquals(List.of(), queues(user, "ro"), "invalid agent");
  }

  @Test
  @DisplayName("each agent's stored permitted groups (db/V46) follow grants, roles, the group tree and validity")
  void storedPermittedGroupsFollowEveryChange() {
    String user = fixtures.newAgent(admin, "grant-hans").getString("id");
    int parent = fixtures.newGroup(admin, "grant-tree-parent").getInteger("id");
    int child = fixtures.newGroup(admin, "grant-tree-child").getInteger("id");
    int childQueue = fixtures.queue("grant-tree-child-queue", child);
    int roleId = fixtures.newRole(admin, "grant-hans-role").getInteger("id");
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + parent, admin, permissions("ro"));
    assertFalse(queues(user, "ro").contains(childQueue));
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/groups/" + child, admin,
        new JsonObject().put("parent_id", parent)).statusCode());
    assertTrue(queues(user, "ro").contains(childQueue), "a grant on a group reaches the group moved under it");
    assertNoStaleGrants();

    server.send(HttpMethod.PUT, "/api/v1/roles/" + roleId + "/groups/" + child, admin, permissions("note"));
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/" + roleId, admin, null);
    assertTrue(queues(user, "note").contains(childQueue));
    assertNoStaleGrants();

    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/roles/" + roleId, admin,
        new JsonObject().put("valid_id", 2)).statusCode());
    assertFalse(queues(user, "note").contains(childQueue));
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/groups/" + child, admin,
        new JsonObject().putNull("parent_id")).statusCode());
    assertFalse(queues(user, "ro").contains(childQueue));
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + parent, admin, permissions());
    assertNoStaleGrants();
  }

  /** Every agent's stored groups for every key (and an unknown one, read as rw) are those the rules compute afresh. */
  private void assertNoStaleGrants() {
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM users u
         CROSS JOIN unnest(ARRAY['ro', 'move_into', 'create', 'note', 'owner', 'priority', 'rw', 'unknown']) AS k(key)
         CROSS JOIN LATERAL (SELECT permitted_group_ids(u.id, k.key) AS stored,
                                    compute_permitted_group_ids(u.id, k.key) AS computed) c
         WHERE NOT (c.stored @> c.computed AND c.computed @> c.stored)"""));
  }

  @Test
  @DisplayName("rw on the group admin makes an agent an administrator of this API")
  void adminGroupMakesAdmins() {
    String user = fixtures.newAgent(admin, "grant-emil").getString("id");
    String token = fixtures.loginAttempt("grant-emil", PASSWORD).bodyAsJsonObject().getString("access_token");
    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode());
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + ADMIN_GROUP, admin, permissions("rw"));
    assertEquals(true, server.scalar("SELECT is_admin(?::uuid)", user));
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode());
  }

  @Test
  @DisplayName("an unknown permission key or a body without a permissions list is a 422 naming permissions, and changes nothing")
  void unknownKeys() {
    String user = fixtures.newAgent(admin, "grant-fritz").getString("id");
    int groupId = fixtures.newGroup(admin, "grant-keys").getInteger("id");
    server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin, permissions("ro"));
    long grants = fixtures.count("group_user");
    long audits = fixtures.count("audit_log");
    for (JsonObject body : List.of(permissions("ro", "superuser"), new JsonObject(),
        new JsonObject().put("permissions", "rw"), new JsonObject().put("permissions", new JsonArray().add(1)))) {
      var response = server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + groupId, admin, body);
      assertEquals(422, response.statusCode(), body.encode());
      assertEquals(Set.of("permissions"), UserAdminTest.fields(response.bodyAsJsonObject()));
    }
    int roleId = fixtures.newRole(admin, "grant-keys-role").getInteger("id");
    long roleGrants = fixtures.count("role_group");
    long afterRole = fixtures.count("audit_log");
    assertEquals(422, server.send(HttpMethod.PUT, "/api/v1/roles/" + roleId + "/groups/" + groupId, admin,
        permissions("admin")).statusCode());
    assertEquals(grants, fixtures.count("group_user"));
    assertEquals(roleGrants, fixtures.count("role_group"));
    assertEquals(audits + 1, afterRole, "only the role's creation was audited");
    assertEquals(afterRole, fixtures.count("audit_log"));
  }

  @Test
  @DisplayName("granting on an unknown or malformed user, group or role is a 404 and writes nothing")
  void unknownTargets() {
    String user = fixtures.newAgent(admin, "grant-gina").getString("id");
    int groupId = fixtures.newGroup(admin, "grant-targets").getInteger("id");
    long grants = fixtures.count("group_user");
    long roles = fixtures.count("role_user");
    long audits = fixtures.count("audit_log");
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/" + UUID.randomUUID() + "/groups/" + groupId, admin,
        permissions("ro")).statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/nope/groups/" + groupId, admin,
        permissions("ro")).statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/999999", admin,
        permissions("ro")).statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/abc", admin,
        permissions("ro")).statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/roles/999999/groups/" + groupId, admin,
        permissions("ro")).statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/999999", admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/users/" + user + "/roles/999999", admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/users/" + UUID.randomUUID() + "/groups", admin, null)
        .statusCode());
    assertEquals(grants, fixtures.count("group_user"));
    assertEquals(roles, fixtures.count("role_user"));
    assertEquals(audits, fixtures.count("audit_log"));
  }

  @Test
  @DisplayName("an administrator cannot take away their own administrator rights")
  void adminCannotDemoteThemselves() {
    long audits = fixtures.count("audit_log");
    var response = server.send(HttpMethod.PUT, "/api/v1/users/" + ROOT_ID + "/groups/" + ADMIN_GROUP, admin,
        permissions("ro"));
    assertEquals(409, response.statusCode());
    assertEquals(409, server.send(HttpMethod.DELETE, "/api/v1/groups/" + ADMIN_GROUP, admin, null).statusCode());
    assertEquals(409, server.send(HttpMethod.PATCH, "/api/v1/groups/" + ADMIN_GROUP, admin,
        new JsonObject().put("name", "former-admins")).statusCode());
    assertEquals(true, server.scalar("SELECT is_admin(?::uuid)", ROOT_ID));
    assertEquals("admin", server.scalar("SELECT name FROM groups WHERE id = 2"));
    assertEquals(audits, fixtures.count("audit_log"));
  }

  private List<Integer> queues(String user, String key) {
    Object array = server.scalar("SELECT permitted_queue_ids(?::uuid, ?)", user, key);
    try {
      return Arrays.stream((Integer[]) ((Array) array).getArray()).toList();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
