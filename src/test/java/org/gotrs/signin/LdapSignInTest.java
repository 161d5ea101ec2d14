package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.testing.DirectoryServer;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Agents sign in through a directory over StartTLS, customer users through another over LDAPS. */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LdapSignInTest {

  private final DirectoryServer directory = new DirectoryServer();
  private TestServer server;
  private Fixtures fixtures;
  private String admin;

  @BeforeAll
  void start() {
    JsonObject agents = directory.config("corp", "agents", "starttls")
        .put("user_filter", "(&(objectClass=inetOrgPerson)(uid={login})(!(employeeType=customer)))")
        .put("group_member_attribute", "member")
        .put("group_roles", new JsonObject().put("support", "1st Level Support").put("night", "Night Shift"));
    JsonObject customers = directory.config("clients", "customers", "ldaps")
        .put("user_filter", "(&(objectClass=inetOrgPerson)(uid={login})(employeeType=customer))");
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray(List.of(agents, customers)))));
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    fixtures.newRole(admin, "1st Level Support");
    fixtures.newRole(admin, "Night Shift");
    fixtures.newRole(admin, "Hand Picked");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    directory.close();
  }

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> login(String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  private List<String> roles(String login) {
    return server.sql("""
        SELECT r.name FROM role_user ru JOIN roles r ON r.id = ru.role_id JOIN users u ON u.id = ru.user_id
         WHERE u.login = ? ORDER BY r.name""", login).stream().map(row -> (String) row.get("name")).toList();
  }

  @Test
  @DisplayName("an agent the directory knows signs in with the directory's password and is created from its entry")
  void directoryAgentSignsIn() {
    directory.person("anna", "anna-ldap-pass", "Anna", "Berg", "anna@example.com", "telephoneNumber: +49 30 1234");
    var response = login("anna", "anna-ldap-pass");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    String token = response.bodyAsJsonObject().getString("access_token");
    JsonObject me = server.send(HttpMethod.GET, "/api/v1/auth/me", token, null).bodyAsJsonObject();
    assertEquals("anna", me.getString("login"));
    Map<String, Object> row = server.sql(
        "SELECT email, first_name, last_name, phone, password_hash FROM users WHERE login = 'anna'").get(0);
    assertEquals("anna@example.com", row.get("email"));
    assertEquals("Anna", row.get("first_name"));
    assertEquals("Berg", row.get("last_name"));
    assertEquals("+49 30 1234", row.get("phone"));
    assertEquals(null, row.get("password_hash"), "the directory keeps the password, not GOTRS");
    assertEquals("ldap:corp", server.scalar("""
        SELECT new_values->>'source' FROM audit_log
         WHERE action = 'auth.login' AND result = 'success' AND new_values->>'login' = 'anna'
         ORDER BY id DESC LIMIT 1"""));
    assertEquals(401, login("anna", "wrong").statusCode());
    assertEquals("ldap:corp", server.scalar("""
        SELECT new_values->>'source' FROM audit_log
         WHERE action = 'auth.login' AND result = 'failure' AND new_values->>'login' = 'anna'"""),
        "a refused sign-in names its source too");
  }

  @Test
  @DisplayName("the directory's groups give and take the mapped roles at each sign-in; a role given by hand stays")
  void groupsBecomeRoles() {
    directory.person("bert", "bert-ldap-pass", "Bert", "Kern", "bert@example.com");
    directory.group("support", "bert");
    directory.group("night", "bert");
    directory.group("unmapped", "bert");
    assertEquals(200, login("bert", "bert-ldap-pass").statusCode());
    assertEquals(List.of("1st Level Support", "Night Shift"), roles("bert"));

    server.sql("INSERT INTO role_user (user_id, role_id) SELECT u.id, r.id FROM users u, roles r "
        + "WHERE u.login = 'bert' AND r.name = 'Hand Picked'");
    directory.remove("cn=night,ou=groups," + DirectoryServer.BASE);
    directory.modify("bert", "replace: givenName", "givenName: Berthold");
    assertEquals(200, login("bert", "bert-ldap-pass").statusCode());
    assertEquals(List.of("1st Level Support", "Hand Picked"), roles("bert"));
    assertEquals("Berthold", server.scalar("SELECT first_name FROM users WHERE login = 'bert'"));
  }

  @Test
  @DisplayName("an agent the directory disables is refused and loses every session, refresh token and API key")
  void disabledAccountIsRevoked() {
    directory.person("carl", "carl-ldap-pass", "Carl", "Voss", "carl@example.com");
    JsonObject tokens = login("carl", "carl-ldap-pass").bodyAsJsonObject();
    String access = tokens.getString("access_token");
    var key = server.send(HttpMethod.POST, "/api/v1/api-keys", access, new JsonObject().put("name", "carl's script"));
    assertEquals(201, key.statusCode(), key.bodyAsString());
    String apiKey = key.bodyAsJsonObject().getString("key");

    directory.modify("carl", "add: employeeType", "employeeType: disabled");
    assertEquals(401, login("carl", "carl-ldap-pass").statusCode());

    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
    assertEquals(401, server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", tokens.getString("refresh_token"))).statusCode());
    assertEquals(401, server.client().get("/api/v1/auth/me").putHeader("X-API-Key", apiKey).send()
        .toCompletionStage().toCompletableFuture().join().statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM api_keys k JOIN users u ON u.id = k.user_id "
        + "WHERE u.login = 'carl'"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.revoked' "
        + "AND new_values->>'reason' = 'disabled in the directory'"));
  }

  @Test
  @DisplayName("an agent removed from the directory is refused at the next attempt and loses every session")
  void removedAccountIsRevoked() {
    directory.person("dora", "dora-ldap-pass", "Dora", "Lind", "dora@example.com");
    String access = login("dora", "dora-ldap-pass").bodyAsJsonObject().getString("access_token");
    directory.remove("uid=dora,ou=people," + DirectoryServer.BASE);
    assertEquals(401, login("dora", "dora-ldap-pass").statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM users WHERE login = 'dora'"));
  }

  @Test
  @DisplayName("a login no directory knows signs in against the database, and root@localhost always does")
  void localFallback() {
    fixtures.agent("local-lena", "lena-local-pass", null);
    assertEquals(200, login("local-lena", "lena-local-pass").statusCode());
    assertEquals(401, login("local-lena", "wrong").statusCode());
    directory.person("root@localhost", "directory-root-pass", "Fake", "Root", "fake-root@example.com");
    assertEquals(200, login(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD).statusCode());
    assertEquals(401, login(TestServer.ADMIN_LOGIN, "directory-root-pass").statusCode());
  }

  @Test
  @DisplayName("wrong directory passwords count toward the lockout like wrong local ones")
  void directoryFailuresLock() {
    directory.person("emil", "emil-ldap-pass", "Emil", "Hahn", "emil@example.com");
    assertEquals(200, login("emil", "emil-ldap-pass").statusCode());
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login("emil", "nope").statusCode());
    }
    assertEquals(423, login("emil", "emil-ldap-pass").statusCode());
  }

  @Test
  @DisplayName("a customer user signs in through the customers' directory over LDAPS, with the company it names")
  void customerSignsInOverLdaps() {
    directory.person("maria", "maria-ldap-pass", "Maria", "Jones", "maria@client.example",
        "employeeType: customer", "o: client-co");
    var response = server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", "maria").put("password", "maria-ldap-pass"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonObject me = server.send(HttpMethod.GET, "/api/v1/auth/me",
        response.bodyAsJsonObject().getString("access_token"), null).bodyAsJsonObject();
    assertEquals("customer", me.getString("kind"));
    assertEquals("client-co", me.getString("customer_id"));
    assertNotNull(server.scalar("SELECT name FROM customer_company WHERE customer_id = 'client-co'"));
    assertEquals(401, login("maria", "maria-ldap-pass").statusCode(), "a customer is no agent");
  }

  @Test
  @DisplayName("an administrator's test login shows what a sign-in would sync, and writes nothing")
  void previewShowsWhatWouldSync() {
    directory.person("finn", "finn-ldap-pass", "Finn", "Ohm", "finn@example.com");
    directory.group("support-finn", "finn");
    var preview = server.send(HttpMethod.POST, "/api/v1/admin/sign-in/ldap/corp/test", admin,
        new JsonObject().put("login", "finn").put("password", "finn-ldap-pass"));
    assertEquals(200, preview.statusCode(), preview.bodyAsString());
    JsonObject body = preview.bodyAsJsonObject();
    assertTrue(body.getBoolean("found"));
    assertTrue(body.getBoolean("password_accepted"));
    assertEquals("finn@example.com", body.getJsonObject("fields").getString("email"));
    assertEquals(new JsonArray().add("support-finn"), body.getJsonArray("groups"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM users WHERE login = 'finn'"));
    UUID agent = fixtures.agent("not-admin", "not-admin-pass", null);
    assertNotNull(agent);
    assertEquals(403, server.send(HttpMethod.POST, "/api/v1/admin/sign-in/ldap/corp/test",
        server.login("not-admin", "not-admin-pass"), new JsonObject().put("login", "finn")).statusCode());
  }
}
