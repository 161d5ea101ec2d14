package org.gotrs.identity;

import static org.gotrs.testing.Fixtures.PASSWORD;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.Set;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
class PreferenceTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;

  PreferenceTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @Test
  @DisplayName("an agent writes and reads their own preferences, through me or their own id; null removes a key")
  void ownPreferences() {
    String id = fixtures.newAgent(admin, "pref-anna").getString("id");
    String token = fixtures.loginAttempt("pref-anna", PASSWORD).bodyAsJsonObject().getString("access_token");
    var put = server.send(HttpMethod.PUT, "/api/v1/users/me/preferences", token,
        new JsonObject().put("UserLanguage", "de").put("theme", "dark"));
    assertEquals(200, put.statusCode(), put.bodyAsString());
    assertEquals(new JsonObject().put("UserLanguage", "de").put("theme", "dark"), put.bodyAsJsonObject());
    var removed = server.send(HttpMethod.PUT, "/api/v1/users/" + id + "/preferences", token,
        new JsonObject().put("theme", null).put("UserLanguage", "fr"));
    assertEquals(new JsonObject().put("UserLanguage", "fr"), removed.bodyAsJsonObject());
    assertEquals(new JsonObject().put("UserLanguage", "fr"),
        server.send(HttpMethod.GET, "/api/v1/users/me/preferences", token, null).bodyAsJsonObject());
    assertEquals(1L, server.scalar("SELECT count(*) FROM user_preferences WHERE user_id = ?::uuid", id));
  }

  @Test
  @DisplayName("an agent may not read or write someone else's preferences; an administrator may")
  void othersPreferences() {
    String other = fixtures.newAgent(admin, "pref-bert").getString("id");
    fixtures.newAgent(admin, "pref-carl");
    String token = fixtures.loginAttempt("pref-carl", PASSWORD).bodyAsJsonObject().getString("access_token");
    long before = fixtures.count("user_preferences");
    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/users/" + other + "/preferences", token, null).statusCode());
    assertEquals(403, server.send(HttpMethod.PUT, "/api/v1/users/" + other + "/preferences", token,
        new JsonObject().put("theme", "pink")).statusCode());
    assertEquals(before, fixtures.count("user_preferences"));
    assertEquals(200, server.send(HttpMethod.PUT, "/api/v1/users/" + other + "/preferences", admin,
        new JsonObject().put("theme", "light")).statusCode());
    assertEquals(new JsonObject().put("theme", "light"),
        server.send(HttpMethod.GET, "/api/v1/users/" + other + "/preferences", admin, null).bodyAsJsonObject());
  }

  @Test
  @DisplayName("a value that is not a string or a key over 150 characters is a 422, and nothing is written")
  void invalidPreferences() {
    String token = tokenFor("pref-dora");
    long before = fixtures.count("user_preferences");
    var number = server.send(HttpMethod.PUT, "/api/v1/users/me/preferences", token,
        new JsonObject().put("fine", "yes").put("count", 3));
    assertEquals(422, number.statusCode());
    assertEquals(Set.of("count"), UserAdminTest.fields(number.bodyAsJsonObject()));
    assertEquals(422, server.send(HttpMethod.PUT, "/api/v1/users/me/preferences", token,
        new JsonObject().put("k".repeat(151), "v")).statusCode());
    assertEquals(400, server.send(HttpMethod.PUT, "/api/v1/users/me/preferences", token,
        io.vertx.core.buffer.Buffer.buffer("[1,2]")).statusCode());
    assertEquals(before, fixtures.count("user_preferences"));
  }

  @Test
  @DisplayName("customers have no agent preferences (403); anonymous callers get 401; unknown users are a 404")
  void othersAreRefused() {
    fixtures.newCompany(admin, "PREFCO");
    fixtures.newCustomerUser(admin, "pref-customer", "PREFCO");
    String customer = fixtures.customerLoginAttempt("pref-customer", PASSWORD).bodyAsJsonObject()
        .getString("access_token");
    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/users/me/preferences", customer, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/users/me/preferences", null, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/users/" + UUID.randomUUID() + "/preferences", admin, null)
        .statusCode());
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/users/" + UUID.randomUUID() + "/preferences", admin,
        new JsonObject().put("theme", "dark")).statusCode());
  }

  private String tokenFor(String login) {
    fixtures.newAgent(admin, login);
    return fixtures.loginAttempt(login, PASSWORD).bodyAsJsonObject().getString("access_token");
  }
}
