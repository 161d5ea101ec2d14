package org.gotrs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Await;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
class LoginTest {

  private final TestServer server;

  LoginTest(TestServer server) {
    this.server = server;
  }

  private void agent(String login, String password) {
    server.sql("INSERT INTO users (login, email, password_hash, first_name, last_name) VALUES (?, ?, ?, 'Test', 'Agent')",
        login, login + "@example.com", new PasswordHasher().hash(password));
  }

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> login(String login, String password, String otp) {
    JsonObject body = new JsonObject().put("login", login).put("password", password);
    if (otp != null) {
      body.put("otp", otp);
    }
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null, body);
  }

  @Test
  @DisplayName("an agent logs in and receives a bearer access token and a refresh token")
  void loginGivesTokens() {
    agent("anna", "correct horse");
    var response = login("anna", "correct horse", null);
    assertEquals(200, response.statusCode());
    JsonObject tokens = response.bodyAsJsonObject();
    assertEquals("Bearer", tokens.getString("token_type"));
    assertTrue(tokens.getInteger("expires_in") > 0);
    var me = server.send(HttpMethod.GET, "/api/v1/auth/me", tokens.getString("access_token"), null);
    assertEquals(200, me.statusCode());
    assertEquals("anna", me.bodyAsJsonObject().getString("login"));
    assertEquals("agent", me.bodyAsJsonObject().getString("kind"));
  }

  @Test
  @DisplayName("a wrong password and an unknown login get the same 401 answer")
  void wrongPasswordAndUnknownLoginLookAlike() {
    agent("bert", "right password");
    var wrong = login("bert", "wrong password", null);
    var unknown = login("nobody-here", "whatever", null);
    assertEquals(401, wrong.statusCode());
    assertEquals(401, unknown.statusCode());
    assertEquals("application/problem+json", wrong.getHeader("Content-Type"));
    assertEquals(wrong.bodyAsJsonObject().getString("detail"), unknown.bodyAsJsonObject().getString("detail"));
  }

  @Test
  @DisplayName("five wrong passwords lock the account (423) even for the right password afterwards")
  void fiveFailuresLock() {
    agent("carl", "carl-password");
    for (int i = 0; i < 5; i++) {
      assertEquals(401, login("carl", "nope", null).statusCode());
    }
    assertEquals(423, login("carl", "carl-password", null).statusCode());
    assertNotNull(server.scalar("SELECT locked_until FROM users WHERE login = 'carl'"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.lockout'"));
  }

  @Test
  @DisplayName("missing or malformed credentials are a 400/422 naming the problem, not a 500")
  void badInputIsRejected() {
    assertEquals(400, server.send(HttpMethod.POST, "/api/v1/auth/login", null, io.vertx.core.buffer.Buffer.buffer("{not json")).statusCode());
    var missing = server.send(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("login", 5));
    assertEquals(422, missing.statusCode());
    assertEquals(2, missing.bodyAsJsonObject().getJsonArray("errors").size());
  }

  @Test
  @DisplayName("refresh rotates the refresh token; the old one is refused and ends the session")
  void refreshRotates() {
    agent("dora", "dora-pass");
    JsonObject first = login("dora", "dora-pass", null).bodyAsJsonObject();
    var refreshed = server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", first.getString("refresh_token")));
    assertEquals(200, refreshed.statusCode());
    String second = refreshed.bodyAsJsonObject().getString("refresh_token");
    assertNotEquals(first.getString("refresh_token"), second);
    var reused = server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", first.getString("refresh_token")));
    assertEquals(401, reused.statusCode());
    var afterTheft = server.send(HttpMethod.POST, "/api/v1/auth/refresh", null, new JsonObject().put("refresh_token", second));
    assertEquals(401, afterTheft.statusCode(), "reuse of an old token revokes the whole session");
  }

  @Test
  @DisplayName("after logout the refresh token and the access token are refused")
  void logoutRevokes() {
    agent("emil", "emil-pass");
    JsonObject tokens = login("emil", "emil-pass", null).bodyAsJsonObject();
    String access = tokens.getString("access_token");
    assertEquals(204, server.send(HttpMethod.POST, "/api/v1/auth/logout", access, null).statusCode());
    assertEquals(401, server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", tokens.getString("refresh_token"))).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
  }

  @Test
  @DisplayName("a login that checked the old password while it was being changed is refused and opens no session")
  void loginRacingAPasswordChangeOpensNoSession() throws SQLException {
    agent("ines", "ines-old-pass");
    try (Connection change = TestDatabase.connect(server.database())) {
      change.setAutoCommit(false);
      try (var hold = change.createStatement()) {
        hold.executeQuery("SELECT id FROM users WHERE login = 'ines' FOR UPDATE").close();
      }
      var login = server.client().post("/api/v1/auth/login")
          .sendJsonObject(new JsonObject().put("login", "ines").put("password", "ines-old-pass"));
      Await.until(Duration.ofSeconds(20), () -> (Long) server.scalar("""
          SELECT count(*) FROM pg_stat_activity
           WHERE wait_event_type = 'Lock' AND query LIKE 'UPDATE users SET last_login%'""") > 0,
          () -> "the login never reached the account row after checking the password");
      try (var update = change.prepareStatement("UPDATE users SET password_hash = ? WHERE login = 'ines'")) {
        update.setString(1, new PasswordHasher().hash("ines-new-pass"));
        update.executeUpdate();
      }
      change.commit();
      assertEquals(401, TestServer.await(login).statusCode());
    }
    assertEquals(0L, server.scalar("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
        + "WHERE u.login = 'ines'"));
    assertEquals(401, login("ines", "ines-old-pass", null).statusCode());
    assertEquals(200, login("ines", "ines-new-pass", null).statusCode());
  }

  @Test
  @DisplayName("a forged or unsigned token is refused")
  void forgedTokensAreRefused() {
    String unsigned = "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiIwMDAwMDAwMC0wMDAwLTAwMDAtMDAwMC0wMDAwMDAwMDAwMDEiLCJraW5kIjoiYWdlbnQiLCJzaWQiOiJ4In0.";
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", unsigned, null).statusCode());
    String admin = server.loginAdmin();
    String tampered = admin.substring(0, admin.length() - 3) + (admin.endsWith("AAA") ? "BBB" : "AAA");
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", tampered, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", null, null).statusCode());
  }

  @Test
  @DisplayName("with MFA on, login needs the current one-time code")
  void mfaFlow() {
    agent("fritz", "fritz-pass");
    String access = login("fritz", "fritz-pass", null).bodyAsJsonObject().getString("access_token");
    var setup = server.send(HttpMethod.POST, "/api/v1/auth/mfa/setup", access, null);
    assertEquals(200, setup.statusCode());
    String secret = setup.bodyAsJsonObject().getString("secret");
    assertTrue(setup.bodyAsJsonObject().getString("otpauth_url").startsWith("otpauth://totp/"));
    Totp totp = new Totp(Clock.systemUTC());
    assertEquals(422, server.send(HttpMethod.POST, "/api/v1/auth/mfa/enable", access,
        new JsonObject().put("otp", "000000".equals(totp.now(secret)) ? "111111" : "000000")).statusCode());
    assertEquals(204, server.send(HttpMethod.POST, "/api/v1/auth/mfa/enable", access,
        new JsonObject().put("otp", totp.now(secret))).statusCode());
    assertFalse(String.valueOf(server.scalar("SELECT mfa_secret FROM users WHERE login = 'fritz'")).contains(secret),
        "the seed is stored sealed");

    var required = login("fritz", "fritz-pass", null);
    assertEquals(401, required.statusCode());
    assertEquals("otp", required.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(401, login("fritz", "fritz-pass", "123456".equals(totp.now(secret)) ? "654321" : "123456").statusCode());
    assertEquals(200, login("fritz", "fritz-pass", totp.now(secret)).statusCode());
  }

  @Test
  @DisplayName("an agent imported from OTRS logs in with the legacy password and is re-hashed")
  void legacyOtrsPasswords() {
    // OTRS's seed admin: crypt('root', 'root@localhost') = roK20XGbWEsSM; sha256 of 'otrs6'; OTRS bcrypt
    server.sql("INSERT INTO users (login, email, pw) VALUES ('otrs-crypt', 'c@example.com', 'roK20XGbWEsSM')");
    server.sql("INSERT INTO users (login, email, pw) VALUES ('otrs-sha2', 's@example.com', ?)",
        org.apache.commons.codec.digest.DigestUtils.sha256Hex("otrs6"));
    assertEquals(200, login("otrs-crypt", "root", null).statusCode());
    assertEquals(401, login("otrs-sha2", "wrong", null).statusCode());
    assertEquals(200, login("otrs-sha2", "otrs6", null).statusCode());
    List<Map<String, Object>> rows = server.sql("SELECT pw, password_hash FROM users WHERE login IN ('otrs-crypt', 'otrs-sha2')");
    for (Map<String, Object> row : rows) {
      assertNull(row.get("pw"), "the legacy hash is dropped");
      assertTrue(String.valueOf(row.get("password_hash")).startsWith("$argon2id$"));
    }
    assertEquals(200, login("otrs-sha2", "otrs6", null).statusCode(), "and the new hash works");
  }

  @Test
  @DisplayName("an API key authenticates until it is revoked, and is stored only as a hash")
  void apiKeys() {
    String admin = server.loginAdmin();
    var created = server.send(HttpMethod.POST, "/api/v1/api-keys", admin, new JsonObject().put("name", "ci"));
    assertEquals(201, created.statusCode());
    String key = created.bodyAsJsonObject().getString("key");
    String id = created.bodyAsJsonObject().getString("id");
    assertEquals(0L, server.scalar("SELECT count(*) FROM api_keys WHERE key_hash = ?", key));
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/auth/me", "key:" + key, null).statusCode());
    Await.until(Duration.ofSeconds(5),
        () -> server.scalar("SELECT last_used FROM api_keys WHERE id = ?::uuid", id) != null,
        () -> "last_used is not recorded");
    var listed = server.send(HttpMethod.GET, "/api/v1/api-keys", admin, null).bodyAsJsonObject();
    assertFalse(listed.encode().contains(key), "the key is shown once only");
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/api-keys/" + id, admin, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", "key:" + key, null).statusCode());
  }

  @Test
  @DisplayName("an API key can be renamed and made read-only")
  void renameApiKey() {
    String admin = server.loginAdmin();
    String id = server.send(HttpMethod.POST, "/api/v1/api-keys", admin, new JsonObject().put("name", "old name"))
        .bodyAsJsonObject().getString("id");
    var renamed = server.send(HttpMethod.PATCH, "/api/v1/api-keys/" + id, admin, new JsonObject().put("name", "new name")
        .put("permissions", new io.vertx.core.json.JsonArray().add("read")));
    assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
    assertEquals("new name", renamed.bodyAsJsonObject().getString("name"));
    assertEquals("new name", server.scalar("SELECT name FROM api_keys WHERE id = ?::uuid", id));
  }

  @Test
  @DisplayName("a read-only API key can read but not write")
  void readOnlyKey() {
    String admin = server.loginAdmin();
    String key = server.send(HttpMethod.POST, "/api/v1/api-keys", admin,
        new JsonObject().put("name", "reader").put("permissions", new io.vertx.core.json.JsonArray().add("read")))
        .bodyAsJsonObject().getString("key");
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/api-keys", "key:" + key, null).statusCode());
    assertEquals(403, server.send(HttpMethod.POST, "/api/v1/api-keys", "key:" + key,
        new JsonObject().put("name", "escalate")).statusCode());
  }

  @Test
  @DisplayName("logins are audited and no password, token or key reaches the audit log")
  void auditHasNoSecrets() {
    agent("gina", "gina-secret-pw");
    JsonObject tokens = login("gina", "gina-secret-pw", null).bodyAsJsonObject();
    login("gina", "gina-wrong-pw", null);
    assertTrue((Long) server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND result = 'success'") >= 1);
    assertTrue((Long) server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND result = 'failure'") >= 1);
    String everything = String.valueOf(server.scalar(
        "SELECT string_agg(coalesce(old_values::text,'') || coalesce(new_values::text,'') || coalesce(error_message,'') || coalesce(metadata::text,''), ' ') FROM audit_log"));
    assertFalse(everything.contains("gina-secret-pw"));
    assertFalse(everything.contains("gina-wrong-pw"));
    assertFalse(everything.contains(tokens.getString("refresh_token")));
  }
}
