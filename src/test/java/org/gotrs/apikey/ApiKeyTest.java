package org.gotrs.apikey;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.gotrs.auth.Authenticator;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Admin;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class ApiKeyTest {

  private static final String ROOT_ID = "00000000-0000-0000-0000-000000000001";

  private final TestServer server;
  private final String admin;

  ApiKeyTest(TestServer server, @Admin String admin) {
    this.server = server;
    this.admin = admin;
  }

  private JsonObject createKey(String name, JsonArray permissions) {
    JsonObject body = new JsonObject().put("name", name);
    if (permissions != null) {
      body.put("permissions", permissions);
    }
    var created = server.send(HttpMethod.POST, "/api/v1/api-keys", admin, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private long keysAndTheirAudit() {
    return (Long) server.scalar("SELECT count(*) FROM api_keys") + (Long) server.scalar(
        "SELECT count(*) FROM audit_log WHERE action IN ('api_key.create', 'api_key.update')");
  }

  @Test
  @DisplayName("an API key cannot create an API key: 403 problem+json, and no key is written")
  void keyCannotCreateKey() {
    String key = createKey("ci", null).getString("key");
    long before = keysAndTheirAudit();
    var refused = server.send(HttpMethod.POST, "/api/v1/api-keys", "key:" + key, new JsonObject().put("name", "child"));
    assertEquals(403, refused.statusCode(), refused.bodyAsString());
    assertEquals("application/problem+json", refused.getHeader("Content-Type"));
    var unreadable = server.send(HttpMethod.POST, "/api/v1/api-keys", "key:" + key, new JsonObject().put("name", 42));
    assertEquals(403, unreadable.statusCode(), "refused whatever the body says");
    assertEquals(before, keysAndTheirAudit());
    assertEquals(0L, server.scalar("SELECT count(*) FROM api_keys WHERE name = 'child'"));
  }

  @Test
  @DisplayName("an API key cannot widen, rename or prolong a key: 403, and the key stays as it was")
  void keyCannotChangeKeys() {
    String key = createKey("full", null).getString("key");
    JsonObject reader = createKey("reader", new JsonArray().add("read"));
    String readerId = reader.getString("id");
    long before = keysAndTheirAudit();
    var refused = server.send(HttpMethod.PATCH, "/api/v1/api-keys/" + readerId, "key:" + key, new JsonObject()
        .put("name", "writer").put("permissions", new JsonArray().add("read").add("write")).putNull("expires_at"));
    assertEquals(403, refused.statusCode(), refused.bodyAsString());
    assertEquals("application/problem+json", refused.getHeader("Content-Type"));
    assertEquals(before, keysAndTheirAudit());
    assertEquals("reader", server.scalar("SELECT name FROM api_keys WHERE id = ?::uuid", readerId));
    assertEquals("[\"read\"]", String.valueOf(server.scalar("SELECT permissions::text FROM api_keys WHERE id = ?::uuid",
        readerId)));
  }

  @Test
  @DisplayName("a key made with a session may still list and revoke its owner's keys")
  void keyMayListAndRevoke() {
    String key = createKey("janitor", null).getString("key");
    String stale = createKey("stale", null).getString("id");
    var listed = server.send(HttpMethod.GET, "/api/v1/api-keys", "key:" + key, null);
    assertEquals(200, listed.statusCode());
    assertTrue(listed.bodyAsString().contains(stale));
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/api-keys/" + stale, "key:" + key, null).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM api_keys WHERE id = ?::uuid", stale));
  }

  @Test
  @DisplayName("keys made with a key before keys needed a session are revoked with the key that made them")
  void keysMadeByKeysGoWithTheirParent() throws SQLException {
    DatabaseTarget database = TestDatabase.fresh();
    Flyway.configure().dataSource(database.jdbcUrl(), database.user(), database.password())
        .locations("classpath:db").target("49").load().migrate();
    Map<String, UUID> ids = Map.of("parent", UUID.randomUUID(), "child", UUID.randomUUID(),
        "grandchild", UUID.randomUUID(), "orphan", UUID.randomUUID(), "orphan's child", UUID.randomUUID());
    try (Connection connection = TestDatabase.connect(database)) {
      insertKey(connection, ids.get("parent"), "parent", null);
      insertKey(connection, ids.get("child"), "child", ids.get("parent"));
      insertKey(connection, ids.get("grandchild"), "grandchild", ids.get("child"));
      insertKey(connection, ids.get("orphan"), "orphan", UUID.randomUUID());
      insertKey(connection, ids.get("orphan's child"), "orphan's child", ids.get("orphan"));
    }
    try (TestServer migrated = TestServer.start(database, Map.of()).awaitReady()) {
      assertEquals(0L, migrated.scalar("SELECT count(*) FROM api_keys WHERE name IN ('orphan', 'orphan''s child')"),
          "a key whose parent was already revoked is revoked, with the keys it made");
      assertEquals(ids.get("child"), migrated.scalar("SELECT created_by_key_id FROM api_keys WHERE name = 'grandchild'"));
      assertEquals(200, migrated.send(HttpMethod.GET, "/api/v1/auth/me", "key:raw-grandchild", null).statusCode());

      String session = migrated.loginAdmin();
      assertEquals(204, migrated.send(HttpMethod.DELETE, "/api/v1/api-keys/" + ids.get("parent"), session, null)
          .statusCode());
      assertEquals(401, migrated.send(HttpMethod.GET, "/api/v1/auth/me", "key:raw-child", null).statusCode());
      assertEquals(401, migrated.send(HttpMethod.GET, "/api/v1/auth/me", "key:raw-grandchild", null).statusCode());
      assertEquals(0L, migrated.scalar("SELECT count(*) FROM api_keys"));
    }
  }

  /** A key of the admin as V49 stored it, with the audit row its creation wrote (naming the key used, if any). */
  private static void insertKey(Connection connection, UUID id, String name, UUID madeWith) throws SQLException {
    try (PreparedStatement key = connection.prepareStatement(
        "INSERT INTO api_keys (id, user_id, name, key_hash) VALUES (?, ?::uuid, ?, ?)")) {
      key.setObject(1, id);
      key.setString(2, ROOT_ID);
      key.setString(3, name);
      key.setString(4, Authenticator.hashApiKey("raw-" + name));
      key.executeUpdate();
    }
    try (PreparedStatement audit = connection.prepareStatement("""
        INSERT INTO audit_log (user_id, action, object_type, object_id, result, metadata)
        VALUES (?::uuid, 'api_key.create', 'api_key', ?, 'success', ?::jsonb)""")) {
      audit.setString(1, ROOT_ID);
      audit.setString(2, id.toString());
      audit.setString(3, madeWith == null ? "{}" : new JsonObject().put("api_key_id", madeWith.toString()).encode());
      audit.executeUpdate();
    }
  }

  @Test
  @DisplayName("an administrator lists every agent's keys with their owners and revokes another agent's key; an agent may do neither")
  void administratorsSeeAndRevokeEveryKey(org.gotrs.testing.Fixtures fixtures) {
    fixtures.agent("kim", "kim-password", null);
    String kim = server.login("kim", "kim-password");
    var created = server.send(HttpMethod.POST, "/api/v1/api-keys", kim, new JsonObject().put("name", "kims-backup"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    String key = created.bodyAsJsonObject().getString("key");

    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/api-keys?all=true", kim, null).statusCode());
    assertEquals(422, server.send(HttpMethod.GET, "/api/v1/api-keys?all=maybe", admin, null).statusCode());
    var all = server.send(HttpMethod.GET, "/api/v1/api-keys?all=true", admin, null);
    assertEquals(200, all.statusCode(), all.bodyAsString());
    JsonObject listed = all.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> id.equals(item.getString("id"))).findFirst().orElseThrow();
    assertEquals("kim", listed.getString("owner"));
    assertTrue(!all.bodyAsString().contains(key), "the key itself is never listed");

    String others = createKey("root-only", null).getString("id");
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/api-keys/" + others, kim, null).statusCode(),
        "an agent cannot revoke someone else's key");
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/api-keys/" + id, admin, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/tickets", "key:" + key, null).statusCode(),
        "the revoked key stops working");
    assertEquals(1L, server.scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'api_key.revoke' AND object_id = ? AND old_values->>'user_id' IS NOT NULL", id));
  }
}
