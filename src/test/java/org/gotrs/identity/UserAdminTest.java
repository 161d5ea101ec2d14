package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.PASSWORD;
import static org.gotrs.testing.Fixtures.permissions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Instant;
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
class UserAdminTest {

  private static final String ROOT_ID = "00000000-0000-0000-0000-000000000001";

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  UserAdminTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("the admin creates an agent, who then logs in with the password given")
  void createdAgentLogsIn() {
    JsonObject created = fixtures.newAgent(admin, "ada");
    assertEquals("ada", created.getString("login"));
    assertEquals("ada@example.com", created.getString("email"));
    assertEquals(1, created.getInteger("valid_id"));
    assertEquals(200, fixtures.loginAttempt("ada", PASSWORD).statusCode());
    assertEquals(401, fixtures.loginAttempt("ada", "not-the-password").statusCode());
    assertTrue(String.valueOf(server.scalar("SELECT password_hash FROM users WHERE login = 'ada'")).startsWith("$argon2id$"));
  }

  @Test
  @DisplayName("an agent as shown never carries password_hash, pw or mfa_secret, and times are ISO-8601 UTC")
  void noSecretsInViews() {
    JsonObject created = fixtures.newAgent(admin, "bela");
    String id = created.getString("id");
    for (JsonObject view : List.of(created,
        server.send(HttpMethod.GET, "/api/v1/users/" + id, admin, null).bodyAsJsonObject(),
        server.send(HttpMethod.GET, "/api/v1/users?q=bela", admin, null).bodyAsJsonObject()
            .getJsonArray("items").getJsonObject(0))) {
      assertFalse(view.containsKey("password_hash"));
      assertFalse(view.containsKey("pw"));
      assertFalse(view.containsKey("mfa_secret"));
      assertFalse(view.containsKey("password"));
      assertTrue(view.getString("create_time").endsWith("Z"), view.encode());
      assertTrue(Instant.parse(view.getString("create_time")).isAfter(Instant.now().minusSeconds(300)));
    }
  }

  @Test
  @DisplayName("a duplicate login or email is a 409 and writes nothing")
  void duplicatesConflict() {
    fixtures.newAgent(admin, "carla");
    long users = fixtures.count("users");
    long audits = fixtures.count("audit_log");
    var sameLogin = server.send(HttpMethod.POST, "/api/v1/users", admin,
        new JsonObject().put("login", "carla").put("email", "other@example.com"));
    assertEquals(409, sameLogin.statusCode());
    assertTrue(sameLogin.bodyAsJsonObject().getString("detail").contains("login"));
    var sameEmail = server.send(HttpMethod.POST, "/api/v1/users", admin,
        new JsonObject().put("login", "carla2").put("email", "carla@example.com"));
    assertEquals(409, sameEmail.statusCode());
    assertTrue(sameEmail.bodyAsJsonObject().getString("detail").contains("email"));
    assertEquals(users, fixtures.count("users"));
    assertEquals(audits, fixtures.count("audit_log"));
  }

  @Test
  @DisplayName("missing fields, wrong types, a bad valid_id or a short password are a 422 naming each field, and nothing is written")
  void invalidInputIsRejected() {
    long users = fixtures.count("users");
    var missing = server.send(HttpMethod.POST, "/api/v1/users", admin, new JsonObject().put("first_name", "No"));
    assertEquals(422, missing.statusCode());
    assertEquals(Set.of("login", "email"), fields(missing.bodyAsJsonObject()));
    var wrong = server.send(HttpMethod.POST, "/api/v1/users", admin, new JsonObject()
        .put("login", 42).put("email", "not-an-address").put("valid_id", 7).put("password", "short")
        .put("metadata", "text").put("timezone", "Mars/Olympus"));
    assertEquals(422, wrong.statusCode());
    assertEquals(Set.of("login", "email", "valid_id", "password", "metadata", "timezone"), fields(wrong.bodyAsJsonObject()));
    assertEquals(400, server.send(HttpMethod.POST, "/api/v1/users", admin, Buffer.buffer("{oops")).statusCode());
    assertEquals(users, fixtures.count("users"));
  }

  @Test
  @DisplayName("an unknown or malformed user id is a 404")
  void unknownUsers() {
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/users/" + UUID.randomUUID(), admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/users/not-a-uuid", admin, null).statusCode());
    assertEquals(404, server.send(HttpMethod.PATCH, "/api/v1/users/" + UUID.randomUUID(), admin,
        new JsonObject().put("title", "Dr")).statusCode());
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/users/12345", admin, null).statusCode());
  }

  @Test
  @DisplayName("PATCH changes only the fields given; null clears a nullable one")
  void patchChangesGivenFields() {
    String id = fixtures.newAgent(admin, "dario").getString("id");
    var patched = server.send(HttpMethod.PATCH, "/api/v1/users/" + id, admin,
        new JsonObject().put("title", "Dr").put("first_name", null).put("timezone", "Europe/Berlin"));
    assertEquals(200, patched.statusCode(), patched.bodyAsString());
    JsonObject user = patched.bodyAsJsonObject();
    assertEquals("Dr", user.getString("title"));
    assertNull(user.getString("first_name"));
    assertEquals("Agent", user.getString("last_name"));
    assertEquals("Europe/Berlin", user.getString("timezone"));
    assertEquals("dario", user.getString("login"));
    assertEquals(422, server.send(HttpMethod.PATCH, "/api/v1/users/" + id, admin, new JsonObject().put("login", null))
        .statusCode());
  }

  @Test
  @DisplayName("PATCH with a new password: the new one works, the old one does not, and the agent's sessions end")
  void patchPassword() {
    String id = fixtures.newAgent(admin, "elif").getString("id");
    String token = fixtures.loginAttempt("elif", PASSWORD).bodyAsJsonObject().getString("access_token");
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/users/" + id, admin,
        new JsonObject().put("password", "brand-new-secret")).statusCode());
    assertEquals(401, fixtures.loginAttempt("elif", PASSWORD).statusCode());
    assertEquals(200, fixtures.loginAttempt("elif", "brand-new-secret").statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode());
  }

  @Test
  @DisplayName("a new password set by the admin ends every session of the agent: old refresh and access tokens get 401")
  void adminPasswordChangeEndsAllSessions() {
    String id = fixtures.newAgent(admin, "gerrit").getString("id");
    JsonObject desk = fixtures.loginAttempt("gerrit", PASSWORD).bodyAsJsonObject();
    JsonObject laptop = fixtures.loginAttempt("gerrit", PASSWORD).bodyAsJsonObject();
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/auth/me", desk.getString("access_token"), null).statusCode());
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/users/" + id, admin,
        new JsonObject().put("password", "gerrit-new-secret")).statusCode());
    for (JsonObject session : List.of(desk, laptop)) {
      assertEquals(401, refresh(session).statusCode());
      assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", session.getString("access_token"), null)
          .statusCode());
    }
    assertEquals(0L, server.scalar("SELECT count(*) FROM sessions WHERE user_id = ?::uuid", id));
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/auth/me", admin, null).statusCode(),
        "the admin's own session is not the agent's");
  }

  @Test
  @DisplayName("an agent who changes their own password keeps the session they did it from; their other sessions end")
  void ownPasswordChangeKeepsTheCallersSession() {
    String id = fixtures.newAgent(admin, "hanne").getString("id");
    Object adminGroup = server.scalar("SELECT id FROM groups WHERE name = 'admin'");
    assertEquals(200, server.send(HttpMethod.PUT, "/api/v1/users/" + id + "/groups/" + adminGroup, admin,
        permissions("rw")).statusCode());
    JsonObject here = fixtures.loginAttempt("hanne", PASSWORD).bodyAsJsonObject();
    JsonObject elsewhere = fixtures.loginAttempt("hanne", PASSWORD).bodyAsJsonObject();
    var changed = server.send(HttpMethod.PATCH, "/api/v1/users/" + id, here.getString("access_token"),
        new JsonObject().put("password", "hanne-new-secret"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(401, refresh(elsewhere).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", elsewhere.getString("access_token"), null)
        .statusCode());
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/auth/me", here.getString("access_token"), null).statusCode());
    assertEquals(200, refresh(here).statusCode());
    assertEquals(1L, server.scalar("SELECT count(*) FROM sessions WHERE user_id = ?::uuid", id));
  }

  private HttpResponse<Buffer> refresh(JsonObject session) {
    return server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", session.getString("refresh_token")));
  }

  @Test
  @DisplayName("DELETE makes the agent invalid (valid_id 2) but keeps the row; they can no longer log in")
  void deleteInvalidates() {
    String id = fixtures.newAgent(admin, "fenna").getString("id");
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/users/" + id, admin, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM users WHERE id = ?::uuid", id));
    assertEquals(401, fixtures.loginAttempt("fenna", PASSWORD).statusCode());
    assertEquals(2, server.send(HttpMethod.GET, "/api/v1/users/" + id, admin, null).bodyAsJsonObject()
        .getInteger("valid_id"));
  }

  @Test
  @DisplayName("an admin cannot invalidate their own account")
  void cannotInvalidateSelf() {
    assertEquals(409, server.send(HttpMethod.DELETE, "/api/v1/users/" + ROOT_ID, admin, null).statusCode());
    var patch = server.send(HttpMethod.PATCH, "/api/v1/users/" + ROOT_ID, admin, new JsonObject().put("valid_id", 2));
    assertEquals(422, patch.statusCode());
    assertEquals(Set.of("valid_id"), fields(patch.bodyAsJsonObject()));
    assertEquals(1, server.scalar("SELECT valid_id FROM users WHERE id = ?::uuid", ROOT_ID));
  }

  @Test
  @DisplayName("the list pages by login with limit and cursor, without overlap, and filters by q and valid_id")
  void listPagesAndFilters() {
    for (String login : List.of("page-a", "page-b", "page-c", "page-d", "page-e")) {
      fixtures.newAgent(admin, login);
    }
    server.sql("UPDATE users SET valid_id = 3 WHERE login = 'page-e'");
    JsonObject first = server.send(HttpMethod.GET, "/api/v1/users?q=page-&limit=2", admin, null).bodyAsJsonObject();
    assertEquals(List.of("page-a", "page-b"), logins(first));
    String cursor = first.getString("next_cursor");
    assertNotNull(cursor);
    JsonObject second = server.send(HttpMethod.GET, "/api/v1/users?q=page-&limit=2&cursor=" + cursor, admin, null)
        .bodyAsJsonObject();
    assertEquals(List.of("page-c", "page-d"), logins(second));
    JsonObject third = server.send(HttpMethod.GET, "/api/v1/users?q=page-&limit=2&cursor="
        + second.getString("next_cursor"), admin, null).bodyAsJsonObject();
    assertEquals(List.of("page-e"), logins(third));
    assertNull(third.getValue("next_cursor"));
    Set<String> seen = new HashSet<>();
    for (JsonObject page : List.of(first, second, third)) {
      logins(page).forEach(login -> assertTrue(seen.add(login), "seen twice: " + login));
    }
    JsonObject temporarilyInvalid = server.send(HttpMethod.GET, "/api/v1/users?q=page-&valid_id=3", admin, null)
        .bodyAsJsonObject();
    assertEquals(List.of("page-e"), logins(temporarilyInvalid));
    assertEquals(List.of(), logins(server.send(HttpMethod.GET, "/api/v1/users?q=%25zz_%25", admin, null)
        .bodyAsJsonObject()), "LIKE wildcards in q match literally");
  }

  @Test
  @DisplayName("a bad limit, cursor or valid_id in the list query is a 422 naming it")
  void badListQuery() {
    for (String query : List.of("limit=0", "limit=501", "limit=ten", "cursor=@@@", "valid_id=9")) {
      var response = server.send(HttpMethod.GET, "/api/v1/users?" + query, admin, null);
      assertEquals(422, response.statusCode(), query + " " + response.bodyAsString());
      assertEquals(Set.of(query.substring(0, query.indexOf('='))), fields(response.bodyAsJsonObject()));
    }
  }

  private static List<String> logins(JsonObject page) {
    return page.getJsonArray("items").stream().map(item -> ((JsonObject) item).getString("login")).toList();
  }

  static Set<String> fields(JsonObject problem) {
    Set<String> fields = new HashSet<>();
    JsonArray errors = problem.getJsonArray("errors");
    errors.forEach(error -> fields.add(((JsonObject) error).getString("field")));
    return fields;
  }
}
