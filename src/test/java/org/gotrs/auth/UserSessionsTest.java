package org.gotrs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
class UserSessionsTest {

  @Test
  @DisplayName("an administrator lists an agent's sessions and ends one, then all: the ended tokens stop working at once")
  void endSessions(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    UUID pat = fixtures.agent("pat", "pat-password", null);
    String first = server.login("pat", "pat-password");
    String second = server.login("pat", "pat-password");
    String third = server.login("pat", "pat-password");

    var listed = api.get("/users/" + pat + "/sessions", admin);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    JsonArray items = listed.bodyAsJsonObject().getJsonArray("items");
    assertEquals(3, items.size(), items.encode());
    assertTrue(items.stream().map(JsonObject.class::cast).noneMatch(s -> s.getBoolean("current")));
    assertTrue(!listed.bodyAsString().contains("refresh"), "no refresh token material is listed");

    String newest = items.getJsonObject(0).getString("id");
    assertEquals(204, api.delete("/users/" + pat + "/sessions/" + newest, admin).statusCode());
    assertEquals(401, api.get("/auth/me", third).statusCode(), "the newest session ended");
    assertEquals(200, api.get("/auth/me", first).statusCode(), "the others go on");
    assertEquals(404, api.delete("/users/" + pat + "/sessions/" + newest, admin).statusCode());

    assertEquals(204, api.delete("/users/" + pat + "/sessions", admin).statusCode());
    assertEquals(401, api.get("/auth/me", first).statusCode());
    assertEquals(401, api.get("/auth/me", second).statusCode());
    assertEquals(0, api.get("/users/" + pat + "/sessions", admin).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(2L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.sessions_end' AND object_id = ?",
        pat.toString()));

    String again = server.login("pat", "pat-password");
    assertEquals(403, api.get("/users/" + pat + "/sessions", again).statusCode(), "agents do not see sessions");
    assertEquals(403, api.delete("/users/" + pat + "/sessions", again).statusCode());
  }
}
