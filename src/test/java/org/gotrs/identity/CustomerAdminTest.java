package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
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
class CustomerAdminTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  CustomerAdminTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("the admin creates, reads, changes and invalidates a customer company keyed by customer_id")
  void companyLifecycle() {
    var created = server.send(HttpMethod.POST, "/api/v1/customer-companies", admin, new JsonObject()
        .put("customer_id", "ACME").put("name", "Acme Corp").put("city", "Springfield").put("metadata",
            new JsonObject().put("tier", "gold")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("gold", created.bodyAsJsonObject().getJsonObject("metadata").getString("tier"));
    assertEquals("Acme Corp", server.send(HttpMethod.GET, "/api/v1/customer-companies/ACME", admin, null)
        .bodyAsJsonObject().getString("name"));
    var patched = server.send(HttpMethod.PATCH, "/api/v1/customer-companies/ACME", admin,
        new JsonObject().put("city", null).put("url", "https://acme.example"));
    assertEquals(200, patched.statusCode());
    assertNull(patched.bodyAsJsonObject().getValue("city"));
    assertEquals("https://acme.example", patched.bodyAsJsonObject().getString("url"));
    var rekey = server.send(HttpMethod.PATCH, "/api/v1/customer-companies/ACME", admin,
        new JsonObject().put("customer_id", "ACME2"));
    assertEquals(422, rekey.statusCode());
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/customer-companies/ACME", admin, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM customer_company WHERE customer_id = 'ACME'"));
  }

  @Test
  @DisplayName("a duplicate customer_id is a 409, a missing name or unknown parent a 422, and nothing is written")
  void badCompanies() {
    fixtures.newCompany(admin, "DUPCO");
    long companies = fixtures.count("customer_company");
    assertEquals(409, server.send(HttpMethod.POST, "/api/v1/customer-companies", admin,
        new JsonObject().put("customer_id", "DUPCO").put("name", "Again")).statusCode());
    var missing = server.send(HttpMethod.POST, "/api/v1/customer-companies", admin, new JsonObject().put("city", "X"));
    assertEquals(422, missing.statusCode());
    assertEquals(Set.of("customer_id", "name"), UserAdminTest.fields(missing.bodyAsJsonObject()));
    var parent = server.send(HttpMethod.POST, "/api/v1/customer-companies", admin,
        new JsonObject().put("customer_id", "CHILD").put("name", "Child").put("parent_id", "NOPE"));
    assertEquals(422, parent.statusCode());
    assertEquals(Set.of("parent_id"), UserAdminTest.fields(parent.bodyAsJsonObject()));
    assertEquals(companies, fixtures.count("customer_company"));
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/customer-companies/NOPE", admin, null).statusCode());
  }

  @Test
  @DisplayName("a customer user created by the admin logs in on the customer side; no password hash is ever shown")
  void customerUserLogsIn() {
    fixtures.newCompany(admin, "LOGINCO");
    JsonObject created = fixtures.newCustomerUser(admin, "cu-lena", "LOGINCO");
    assertEquals("LOGINCO", created.getString("customer_id"));
    for (JsonObject view : List.of(created, server.send(HttpMethod.GET, "/api/v1/customer-users/"
        + created.getString("id"), admin, null).bodyAsJsonObject())) {
      assertFalse(view.containsKey("password_hash"));
      assertFalse(view.containsKey("pw"));
      assertFalse(view.containsKey("password"));
    }
    var login = fixtures.customerLoginAttempt("cu-lena", PASSWORD);
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String token = login.bodyAsJsonObject().getString("access_token");
    JsonObject me = server.send(HttpMethod.GET, "/api/v1/auth/me", token, null).bodyAsJsonObject();
    assertEquals("customer", me.getString("kind"));
    assertEquals("LOGINCO", me.getString("customer_id"));
  }

  @Test
  @DisplayName("a customer user needs the customer_id of an existing company: otherwise a 422 naming it, and nothing is written")
  void customerUserNeedsCompany() {
    long users = fixtures.count("customer_user");
    long audits = fixtures.count("audit_log");
    var unknown = server.send(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", "cu-orphan").put("email", "orphan@customer.example").put("customer_id", "NO-SUCH-CO"));
    assertEquals(422, unknown.statusCode());
    assertEquals(Set.of("customer_id"), UserAdminTest.fields(unknown.bodyAsJsonObject()));
    var missing = server.send(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", "cu-orphan").put("email", "orphan@customer.example"));
    assertEquals(422, missing.statusCode());
    assertEquals(Set.of("customer_id"), UserAdminTest.fields(missing.bodyAsJsonObject()));
    assertEquals(users, fixtures.count("customer_user"));
    assertEquals(audits, fixtures.count("audit_log"));
  }

  @Test
  @DisplayName("a duplicate customer login is a 409; unknown or malformed ids a 404")
  void duplicatesAndUnknowns() {
    fixtures.newCompany(admin, "DUPUSERS");
    fixtures.newCustomerUser(admin, "cu-dup", "DUPUSERS");
    long users = fixtures.count("customer_user");
    assertEquals(409, server.send(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", "cu-dup").put("email", "other@customer.example").put("customer_id", "DUPUSERS")).statusCode());
    assertEquals(users, fixtures.count("customer_user"));
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/customer-users/" + UUID.randomUUID(), admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/customer-users/xyz", admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/customer-users/" + UUID.randomUUID(), admin, null)
        .statusCode());
  }

  @Test
  @DisplayName("DELETE makes a customer user invalid: the row stays, logins fail and open sessions end")
  void deleteInvalidatesCustomerUser() {
    fixtures.newCompany(admin, "GONECO");
    String id = fixtures.newCustomerUser(admin, "cu-gone", "GONECO").getString("id");
    String token = fixtures.customerLoginAttempt("cu-gone", PASSWORD).bodyAsJsonObject().getString("access_token");
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/customer-users/" + id, admin, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM customer_user WHERE id = ?::uuid", id));
    assertEquals(401, fixtures.customerLoginAttempt("cu-gone", PASSWORD).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode());
  }

  @Test
  @DisplayName("PATCH may move a customer user to another existing company and set a new password")
  void patchCustomerUser() {
    fixtures.newCompany(admin, "FROMCO");
    fixtures.newCompany(admin, "TOCO");
    String id = fixtures.newCustomerUser(admin, "cu-move", "FROMCO").getString("id");
    var moved = server.send(HttpMethod.PATCH, "/api/v1/customer-users/" + id, admin,
        new JsonObject().put("customer_id", "TOCO").put("password", "another-password"));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals("TOCO", moved.bodyAsJsonObject().getString("customer_id"));
    assertEquals(200, fixtures.customerLoginAttempt("cu-move", "another-password").statusCode());
    assertEquals(422, server.send(HttpMethod.PATCH, "/api/v1/customer-users/" + id, admin,
        new JsonObject().put("customer_id", "NO-SUCH-CO")).statusCode());
    assertEquals("TOCO", server.scalar("SELECT customer_id FROM customer_user WHERE id = ?::uuid", id));
  }

  @Test
  @DisplayName("a new password set by the admin ends every session of the customer user: old refresh and access tokens "
      + "get 401")
  void passwordChangeEndsCustomerSessions() {
    fixtures.newCompany(admin, "PWCO");
    String id = fixtures.newCustomerUser(admin, "cu-pw", "PWCO").getString("id");
    JsonObject phone = fixtures.customerLoginAttempt("cu-pw", PASSWORD).bodyAsJsonObject();
    JsonObject browser = fixtures.customerLoginAttempt("cu-pw", PASSWORD).bodyAsJsonObject();
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/customer-users/" + id, admin,
        new JsonObject().put("password", "cu-pw-new-secret")).statusCode());
    for (JsonObject session : List.of(phone, browser)) {
      assertEquals(401, server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
          new JsonObject().put("refresh_token", session.getString("refresh_token"))).statusCode());
      assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", session.getString("access_token"), null)
          .statusCode());
    }
    assertEquals(0L, server.scalar("SELECT count(*) FROM sessions WHERE customer_user_id = ?::uuid", id));
    assertEquals(200, fixtures.customerLoginAttempt("cu-pw", "cu-pw-new-secret").statusCode());
  }

  @Test
  @DisplayName("customer users and companies page with limit and cursor, without overlap")
  void listsPage() {
    fixtures.newCompany(admin, "PAGECO");
    for (String login : List.of("pg-1", "pg-2", "pg-3")) {
      fixtures.newCustomerUser(admin, login, "PAGECO");
    }
    Set<String> seen = new HashSet<>();
    String path = "/api/v1/customer-users?customer_id=PAGECO&limit=2";
    JsonObject first = server.send(HttpMethod.GET, path, admin, null).bodyAsJsonObject();
    JsonObject second = server.send(HttpMethod.GET, path + "&cursor=" + first.getString("next_cursor"), admin, null)
        .bodyAsJsonObject();
    for (JsonObject page : List.of(first, second)) {
      page.getJsonArray("items").forEach(item -> assertTrue(seen.add(((JsonObject) item).getString("login"))));
    }
    assertEquals(Set.of("pg-1", "pg-2", "pg-3"), seen);
    assertNull(second.getValue("next_cursor"));

    JsonObject companies = server.send(HttpMethod.GET, "/api/v1/customer-companies?q=PAGE&limit=1", admin, null)
        .bodyAsJsonObject();
    assertEquals("PAGECO", companies.getJsonArray("items").getJsonObject(0).getString("customer_id"));
  }
}
