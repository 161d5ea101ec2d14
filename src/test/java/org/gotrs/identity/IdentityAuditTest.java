package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Every change through the admin API leaves its audit row, with old and new values and never a password. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class IdentityAuditTest {

  private static final String ROOT_ID = "00000000-0000-0000-0000-000000000001";
  private static final String AGENT_PASSWORD = "audit-agent-Secret-1";
  private static final String NEW_AGENT_PASSWORD = "audit-agent-Secret-2";
  private static final String CUSTOMER_PASSWORD = "audit-customer-Secret-3";

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  IdentityAuditTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("each mutation writes one audit row naming the action, the object and the administrator; no password appears")
  void everyMutationIsAudited() {
    String user = created(HttpMethod.POST, "/api/v1/users", new JsonObject().put("login", "audited")
        .put("email", "audited@example.com").put("password", AGENT_PASSWORD)).getString("id");
    ok(HttpMethod.PATCH, "/api/v1/users/" + user, new JsonObject().put("title", "Dr").put("password", NEW_AGENT_PASSWORD));
    String group = String.valueOf(created(HttpMethod.POST, "/api/v1/groups", new JsonObject().put("name", "audited-g"))
        .getInteger("id"));
    ok(HttpMethod.PATCH, "/api/v1/groups/" + group, new JsonObject().put("comments", "c"));
    String role = String.valueOf(created(HttpMethod.POST, "/api/v1/roles", new JsonObject().put("name", "audited-r"))
        .getInteger("id"));
    ok(HttpMethod.PATCH, "/api/v1/roles/" + role, new JsonObject().put("comments", "c"));
    ok(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + group, permissions("ro", "note"));
    ok(HttpMethod.PUT, "/api/v1/roles/" + role + "/groups/" + group, permissions("rw"));
    ok(HttpMethod.PUT, "/api/v1/users/" + user + "/roles/" + role, null);
    ok(HttpMethod.DELETE, "/api/v1/users/" + user + "/roles/" + role, null);
    ok(HttpMethod.PUT, "/api/v1/users/" + user + "/preferences", new JsonObject().put("theme", "dark"));
    created(HttpMethod.POST, "/api/v1/customer-companies", new JsonObject().put("customer_id", "AUDITCO").put("name", "A"));
    ok(HttpMethod.PATCH, "/api/v1/customer-companies/AUDITCO", new JsonObject().put("city", "Hamburg"));
    String customer = created(HttpMethod.POST, "/api/v1/customer-users", new JsonObject().put("login", "audited-cu")
        .put("email", "cu@audit.example").put("customer_id", "AUDITCO").put("password", CUSTOMER_PASSWORD))
        .getString("id");
    ok(HttpMethod.PATCH, "/api/v1/customer-users/" + customer, new JsonObject().put("city", "Kiel"));
    ok(HttpMethod.DELETE, "/api/v1/customer-users/" + customer, null);
    ok(HttpMethod.DELETE, "/api/v1/customer-companies/AUDITCO", null);
    ok(HttpMethod.DELETE, "/api/v1/roles/" + role, null);
    ok(HttpMethod.DELETE, "/api/v1/groups/" + group, null);
    ok(HttpMethod.DELETE, "/api/v1/users/" + user, null);

    List<List<String>> expected = List.of(
        List.of("user.create", "user", user), List.of("user.update", "user", user),
        List.of("group.create", "group", group), List.of("group.update", "group", group),
        List.of("role.create", "role", role), List.of("role.update", "role", role),
        List.of("membership.set", "user", user), List.of("membership.set", "role", role),
        List.of("role.grant", "user", user), List.of("role.revoke", "user", user),
        List.of("preference.update", "user", user),
        List.of("customer_company.create", "customer_company", "AUDITCO"),
        List.of("customer_company.update", "customer_company", "AUDITCO"),
        List.of("customer_user.create", "customer_user", customer),
        List.of("customer_user.update", "customer_user", customer),
        List.of("customer_user.invalidate", "customer_user", customer),
        List.of("customer_company.invalidate", "customer_company", "AUDITCO"),
        List.of("role.invalidate", "role", role), List.of("group.invalidate", "group", group),
        List.of("user.invalidate", "user", user));
    for (List<String> row : expected) {
      assertEquals(1L, server.scalar("""
          SELECT count(*) FROM audit_log
           WHERE action = ? AND object_type = ? AND object_id = ? AND user_id = ?::uuid AND result = 'success'""",
          row.get(0), row.get(1), row.get(2), ROOT_ID), row.toString());
    }

    String everything = allAuditText();
    for (String secret : List.of(AGENT_PASSWORD, NEW_AGENT_PASSWORD, CUSTOMER_PASSWORD, "$argon2")) {
      assertFalse(everything.contains(secret), "the audit log contains " + secret);
    }
  }

  @Test
  @DisplayName("an update's audit row holds the old and the new value of each changed field")
  void updatesRecordOldAndNew() {
    String user = created(HttpMethod.POST, "/api/v1/users", new JsonObject().put("login", "audited-2")
        .put("email", "audited-2@example.com").put("title", "Mr")).getString("id");
    ok(HttpMethod.PATCH, "/api/v1/users/" + user, new JsonObject().put("title", "Dr").put("password", NEW_AGENT_PASSWORD));
    Map<String, Object> row = server.sql("""
        SELECT old_values::text AS old, new_values::text AS new FROM audit_log
         WHERE action = 'user.update' AND object_id = ?""", user).get(0);
    JsonObject old = new JsonObject((String) row.get("old"));
    JsonObject now = new JsonObject((String) row.get("new"));
    assertEquals(new JsonObject().put("title", "Mr"), old);
    assertEquals("Dr", now.getString("title"));
    assertTrue(now.getBoolean("password_changed"));
    assertFalse(now.containsKey("password"));

    String group = String.valueOf(created(HttpMethod.POST, "/api/v1/groups", new JsonObject().put("name", "audited-g2"))
        .getInteger("id"));
    ok(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + group, permissions("ro"));
    ok(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + group, permissions("rw", "note"));
    Map<String, Object> grant = server.sql("""
        SELECT old_values::text AS old, new_values::text AS new FROM audit_log
         WHERE action = 'membership.set' AND object_id = ? ORDER BY "timestamp" DESC LIMIT 1""", user).get(0);
    assertEquals(List.of("ro"), new JsonObject((String) grant.get("old")).getJsonArray("permissions").getList());
    assertEquals(List.of("note", "rw"), new JsonObject((String) grant.get("new")).getJsonArray("permissions").getList());
  }

  private JsonObject created(HttpMethod method, String path, JsonObject body) {
    var response = server.send(method, path, admin, body);
    assertEquals(201, response.statusCode(), path + " " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private void ok(HttpMethod method, String path, JsonObject body) {
    var response = server.send(method, path, admin, body);
    assertTrue(response.statusCode() == 200 || response.statusCode() == 204, method + " " + path + " "
        + response.statusCode() + " " + response.bodyAsString());
  }

  /** Every field of every audit row as one text, to search for secrets. */
  private String allAuditText() {
    return String.valueOf(server.scalar("""
        SELECT string_agg(coalesce(action, '') || coalesce(object_id, '') || coalesce(old_values::text, '')
               || coalesce(new_values::text, '') || coalesce(error_message, '') || coalesce(metadata::text, ''), ' ')
          FROM audit_log"""));
  }
}
