package org.gotrs.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Runtime settings over HTTP: the configuration file here fixes the lockout's length, everything else is free. */
@GotrsServer(config = """
    {"auth": {"login_rate_per_minute": 10000, "lockout_minutes": 20}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SettingsApiTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private String agent;

  SettingsApiTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    fixtures.agent("sam", "sam-password", null);
    agent = server.login("sam", "sam-password");
  }

  private JsonObject setting(String key) {
    var answer = api.get("/settings", admin);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> key.equals(item.getString("key"))).findFirst().orElseThrow();
  }

  @Test
  @DisplayName("the settings list says each value, where it comes from, and locks what the configuration file sets")
  void listShowsSourcesAndLocks() {
    JsonObject seats = setting("chat.seats_per_agent");
    assertEquals(3, seats.getInteger("value"));
    assertEquals("default", seats.getString("source"));
    assertEquals(false, seats.getBoolean("locked"));
    JsonObject lockout = setting("auth.lockout_minutes");
    assertEquals(20, lockout.getInteger("value"));
    assertEquals("config", lockout.getString("source"));
    assertEquals(true, lockout.getBoolean("locked"));

    var refused = api.patch("/settings", admin, new JsonObject().put("auth.lockout_minutes", 5));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("configuration file"), refused.bodyAsString());
    assertEquals(20, setting("auth.lockout_minutes").getInteger("value"));
  }

  @Test
  @DisplayName("a changed setting applies at once: two wrong passwords lock an account once the limit is 2, and null brings back the default")
  void changeAppliesAtOnce() {
    fixtures.agent("lou", "lou-password", null);
    var changed = api.patch("/settings", admin, new JsonObject().put("auth.max_failed_logins", 2));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("database", setting("auth.max_failed_logins").getString("source"));
    assertEquals("root@localhost", setting("auth.max_failed_logins").getString("changed_by"));

    assertEquals(401, fixtures.loginAttempt("lou", "wrong").statusCode());
    assertEquals(401, fixtures.loginAttempt("lou", "wrong").statusCode());
    assertEquals(423, fixtures.loginAttempt("lou", "lou-password").statusCode(), "locked after two");

    assertEquals(200, api.patch("/settings", admin, new JsonObject().putNull("auth.max_failed_logins")).statusCode());
    JsonObject back = setting("auth.max_failed_logins");
    assertEquals(5, back.getInteger("value"));
    assertEquals("default", back.getString("source"));

    var audit = api.get("/audit-log?action=setting.update", admin);
    assertEquals(200, audit.statusCode(), audit.bodyAsString());
    JsonObject first = audit.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(entry -> entry.getJsonObject("new_values", new JsonObject()).getValue("value") != null
            && Integer.valueOf(2).equals(entry.getJsonObject("new_values").getValue("value")))
        .findFirst().orElseThrow(() -> new AssertionError(audit.bodyAsString()));
    assertEquals(5, first.getJsonObject("old_values").getInteger("value"), "the audit row has before and after");
  }

  @Test
  @DisplayName("a value out of range, of the wrong type or for an unknown key is a 422 naming it, and nothing changes")
  void badValuesAreRefused() {
    var bad = api.patch("/settings", admin, new JsonObject().put("chat.seats_per_agent", 0)
        .put("portal.customers_may_close", "yes").put("http.port", 80));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    String body = bad.bodyAsString();
    assertTrue(body.contains("chat.seats_per_agent") && body.contains("portal.customers_may_close")
        && body.contains("http.port"), body);
    assertEquals(3, setting("chat.seats_per_agent").getInteger("value"));
    assertEquals(422, api.patch("/settings", admin, new JsonObject()).statusCode());
  }

  @Test
  @DisplayName("only administrators read or change the settings")
  void onlyAdministrators() {
    assertEquals(403, api.get("/settings", agent).statusCode());
    assertEquals(403, api.patch("/settings", agent, new JsonObject().put("chat.seats_per_agent", 4)).statusCode());
    assertEquals(401, api.get("/settings", null).statusCode());
  }

  @Test
  @DisplayName("a change another node made reaches this node through the event log")
  void anotherNodesChangeArrives() {
    server.scalar("""
        WITH stored AS (INSERT INTO runtime_setting (key, value) VALUES ('workflows.max_depth', '9') RETURNING 1),
             logged AS (INSERT INTO event_log (seq, name, topics, data)
                        SELECT nextval('event_seq'), 'settings.changed', ARRAY['system'],
                               '{"keys": ["workflows.max_depth"]}'::jsonb FROM stored RETURNING seq)
        SELECT pg_notify('gotrs_events', seq::text) FROM logged""");
    Await.until(Duration.ofSeconds(10), () -> setting("workflows.max_depth").getInteger("value") == 9,
        () -> "the node took the stored value: " + setting("workflows.max_depth"));
  }
}
