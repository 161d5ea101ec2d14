package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A live connection lasts only as long as the credentials it was opened with. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SocketCredentialsTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int group;
  private final String admin;

  SocketCredentialsTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    group = fixtures.group("credentials");
    fixtures.queue("Credentials", group);
  }

  private static void assertClosedWithin5s(LiveClient live, long since) {
    assertEquals((short) 4401, live.awaitClose(10));
    long took = System.currentTimeMillis() - since;
    assertTrue(took <= 5_000, "closed after " + took + " ms");
  }

  @Test
  @DisplayName("a socket signed in with a session is closed with 4401 within 5 s of its logout")
  void logoutClosesTheSocket() {
    fixtures.agent("cred-logout", "pw", group, "ro");
    String token = server.login("cred-logout", "pw");
    try (LiveClient live = LiveClient.agent(server, token)) {
      long at = System.currentTimeMillis();
      assertEquals(204, server.send(HttpMethod.POST, "/api/v1/auth/logout", token, null).statusCode());
      assertClosedWithin5s(live, at);
    }
  }

  @Test
  @DisplayName("a socket signed in with an API key is closed with 4401 within 5 s of the key's revocation")
  void revokedKeyClosesTheSocket() {
    fixtures.agent("cred-key", "pw", group, "ro");
    String token = server.login("cred-key", "pw");
    JsonObject key = server.send(HttpMethod.POST, "/api/v1/api-keys", token, new JsonObject().put("name", "socket"))
        .bodyAsJsonObject();
    try (LiveClient live = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      live.send(new JsonObject().put("type", "auth").put("api_key", key.getString("key")));
      live.await(frame -> "ready".equals(frame.getString("type")), 10);
      long at = System.currentTimeMillis();
      assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/api-keys/" + key.getString("id"), token, null)
          .statusCode());
      assertClosedWithin5s(live, at);
    }
  }

  @Test
  @DisplayName("the sockets of an account an administrator invalidates are closed with 4401 within 5 s")
  void invalidatedAccountClosesTheSocket() {
    UUID agent = fixtures.agent("cred-gone", "pw", group, "ro");
    try (LiveClient live = LiveClient.agent(server, server.login("cred-gone", "pw"))) {
      long at = System.currentTimeMillis();
      assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/users/" + agent, admin, null).statusCode());
      assertClosedWithin5s(live, at);
    }
  }

  @Test
  @DisplayName("a socket whose session the database ends by other means is closed within 5 s too")
  void sessionEndedInTheDatabase() {
    fixtures.agent("cred-sql", "pw", group, "ro");
    try (LiveClient live = LiveClient.agent(server, server.login("cred-sql", "pw"))) {
      long at = System.currentTimeMillis();
      server.sql("DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE login = 'cred-sql')");
      assertClosedWithin5s(live, at);
    }
  }
}
