package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.PASSWORD;
import static org.gotrs.testing.Fixtures.permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Who may call the admin API: administrators only; the matrix of every endpoint against every kind of caller. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminAccessTest {

  private record Call(HttpMethod method, String path, JsonObject body) {
    @Override
    public String toString() {
      return method + " " + path;
    }
  }

  private static final List<String> TABLES = List.of("users", "groups", "roles", "group_user", "role_user",
      "role_group", "customer_company", "customer_user", "user_preferences", "audit_log");

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;
  private String agentToken;
  private String customerToken;
  private String userId;
  private int groupId;
  private int roleId;
  private String customerUserId;

  AdminAccessTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void callers() {
    userId = fixtures.newAgent(admin, "matrix-target").getString("id");
    fixtures.newAgent(admin, "matrix-agent");
    agentToken = fixtures.loginAttempt("matrix-agent", PASSWORD).bodyAsJsonObject().getString("access_token");
    groupId = fixtures.newGroup(admin, "matrix-group").getInteger("id");
    roleId = fixtures.newRole(admin, "matrix-role").getInteger("id");
    fixtures.newCompany(admin, "MATRIX");
    customerUserId = fixtures.newCustomerUser(admin, "matrix-customer", "MATRIX").getString("id");
    var login = fixtures.customerLoginAttempt("matrix-customer", PASSWORD);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    customerToken = login.bodyAsJsonObject().getString("access_token");
  }

  /** Every admin call, with a body that would succeed for an administrator. */
  private List<Call> calls() {
    JsonObject comments = new JsonObject().put("comments", "changed");
    return List.of(
        new Call(HttpMethod.GET, "/api/v1/users", null),
        new Call(HttpMethod.POST, "/api/v1/users", new JsonObject().put("login", "matrix-new").put("email", "mn@example.com")),
        new Call(HttpMethod.GET, "/api/v1/users/" + userId, null),
        new Call(HttpMethod.PATCH, "/api/v1/users/" + userId, new JsonObject().put("title", "Dr")),
        new Call(HttpMethod.GET, "/api/v1/users/" + userId + "/groups", null),
        new Call(HttpMethod.PUT, "/api/v1/users/" + userId + "/groups/" + groupId, permissions("ro")),
        new Call(HttpMethod.GET, "/api/v1/users/" + userId + "/roles", null),
        new Call(HttpMethod.PUT, "/api/v1/users/" + userId + "/roles/" + roleId, null),
        new Call(HttpMethod.DELETE, "/api/v1/users/" + userId + "/roles/" + roleId, null),
        new Call(HttpMethod.GET, "/api/v1/users/" + userId + "/preferences", null),
        new Call(HttpMethod.PUT, "/api/v1/users/" + userId + "/preferences", new JsonObject().put("theme", "dark")),
        new Call(HttpMethod.GET, "/api/v1/groups", null),
        new Call(HttpMethod.POST, "/api/v1/groups", new JsonObject().put("name", "matrix-new-group")),
        new Call(HttpMethod.GET, "/api/v1/groups/" + groupId, null),
        new Call(HttpMethod.PATCH, "/api/v1/groups/" + groupId, comments),
        new Call(HttpMethod.GET, "/api/v1/roles", null),
        new Call(HttpMethod.POST, "/api/v1/roles", new JsonObject().put("name", "matrix-new-role")),
        new Call(HttpMethod.GET, "/api/v1/roles/" + roleId, null),
        new Call(HttpMethod.PATCH, "/api/v1/roles/" + roleId, comments),
        new Call(HttpMethod.GET, "/api/v1/roles/" + roleId + "/groups", null),
        new Call(HttpMethod.PUT, "/api/v1/roles/" + roleId + "/groups/" + groupId, permissions("ro")),
        new Call(HttpMethod.GET, "/api/v1/customer-companies", null),
        new Call(HttpMethod.POST, "/api/v1/customer-companies", new JsonObject().put("customer_id", "MX2").put("name", "MX2")),
        new Call(HttpMethod.GET, "/api/v1/customer-companies/MATRIX", null),
        new Call(HttpMethod.PATCH, "/api/v1/customer-companies/MATRIX", new JsonObject().put("city", "Berlin")),
        new Call(HttpMethod.GET, "/api/v1/customer-users", null),
        new Call(HttpMethod.POST, "/api/v1/customer-users", new JsonObject().put("login", "matrix-cu2")
            .put("email", "cu2@customer.example").put("customer_id", "MATRIX")),
        new Call(HttpMethod.GET, "/api/v1/customer-users/" + customerUserId, null),
        new Call(HttpMethod.PATCH, "/api/v1/customer-users/" + customerUserId, new JsonObject().put("city", "Bonn")),
        new Call(HttpMethod.GET, "/api/v1/audit-log", null),
        new Call(HttpMethod.DELETE, "/api/v1/groups/" + groupId, null),
        new Call(HttpMethod.DELETE, "/api/v1/roles/" + roleId, null),
        new Call(HttpMethod.DELETE, "/api/v1/customer-users/" + customerUserId, null),
        new Call(HttpMethod.DELETE, "/api/v1/customer-companies/MATRIX", null),
        new Call(HttpMethod.DELETE, "/api/v1/users/" + userId, null));
  }

  @Test
  @DisplayName("anonymous callers get 401 from every admin endpoint")
  void anonymous() {
    assertEveryCall(null, 401);
  }

  @Test
  @DisplayName("a customer gets 403 from every admin endpoint, and nothing is written")
  void customers() {
    assertEveryCall(customerToken, 403);
  }

  @Test
  @DisplayName("an agent without admin rights gets 403 from every admin endpoint, and nothing is written")
  void agentsWithoutAdmin() {
    assertEveryCall(agentToken, 403);
  }

  @Test
  @Order(Integer.MAX_VALUE) // last: its DELETEs invalidate the customer whose token the other tests use
  @DisplayName("an administrator may call every admin endpoint")
  void administrators() {
    List<String> wrong = new ArrayList<>();
    for (Call call : calls()) {
      int status = server.send(call.method(), call.path(), admin, call.body()).statusCode();
      int expected = call.method() == HttpMethod.POST ? 201
          : call.method() == HttpMethod.DELETE || call.path().contains("/roles/") && call.path().startsWith("/api/v1/users")
              ? 204 : 200;
      if (status != expected) {
        wrong.add(call + " -> " + status + " (expected " + expected + ")");
      }
    }
    assertEquals(List.of(), wrong);
  }

  private void assertEveryCall(String token, int expected) {
    List<Long> before = TABLES.stream().map(table -> fixtures.count(table)).toList();
    List<String> wrong = new ArrayList<>();
    for (Call call : calls()) {
      int status = server.send(call.method(), call.path(), token, call.body()).statusCode();
      if (status != expected) {
        wrong.add(call + " -> " + status);
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(before, TABLES.stream().map(table -> fixtures.count(table)).toList(), "nothing was written");
  }
}
