package org.gotrs.watcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Agents watch tickets they may read; the list's watched filter shows their watched tickets. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WatchersTest {

  private TestServer server;
  private Fixtures fixtures;
  private int desk;
  private String agent;
  private String outsider;
  private String customer;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 1000)));
    fixtures = new Fixtures(server);
    int group = fixtures.group("watch");
    desk = fixtures.queue("Watch desk", group);
    fixtures.agent("watcher", "pw", group, "ro");
    fixtures.agent("watch-outsider", "pw", null);
    fixtures.company("watch-co");
    fixtures.customer("watch-customer", "pw", "watch-co");
    agent = server.login("watcher", "pw");
    outsider = server.login("watch-outsider", "pw");
    customer = fixtures.customerLogin("watch-customer", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("an agent watches a ticket, finds it with watched=true, and stops watching it; history records both")
  void watchAndUnwatch() {
    String rw = server.loginAdmin();
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
        + "SELECT id, (SELECT group_id FROM queue WHERE id = ?), 'rw', 1 FROM users WHERE login = ?", desk,
        TestServer.ADMIN_LOGIN);
    long watched = fixtures.ticket(rw, desk, "Watched", "x").getLong("id");
    long other = fixtures.ticket(rw, desk, "Not watched", "x").getLong("id");
    assertEquals(204, server.send(HttpMethod.PUT, "/api/v1/tickets/" + watched + "/watchers/me", agent, null).statusCode());
    assertEquals(204, server.send(HttpMethod.PUT, "/api/v1/tickets/" + watched + "/watchers/me", agent, null).statusCode(),
        "watching twice changes nothing");
    JsonArray watchers = server.send(HttpMethod.GET, "/api/v1/tickets/" + watched + "/watchers", agent, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, watchers.size());
    assertEquals("watcher", watchers.getJsonObject(0).getString("login"));
    JsonArray mine = server.send(HttpMethod.GET, "/api/v1/tickets?watched=true", agent, null).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(1, mine.size());
    assertEquals(watched, mine.getJsonObject(0).getLong("id"));
    assertTrue(other != watched);
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/tickets/" + watched + "/watchers/me", agent, null)
        .statusCode());
    assertEquals(0, server.send(HttpMethod.GET, "/api/v1/tickets?watched=true", agent, null).bodyAsJsonObject()
        .getJsonArray("items").size());
    assertEquals(2L, ((Number) server.scalar("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name IN ('Subscribe', 'Unsubscribe')""", watched)).longValue());
  }

  @Test
  @DisplayName("an agent who may not read the ticket and a customer cannot watch it; nothing is written")
  void refused() {
    String rw = server.loginAdmin();
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
        + "SELECT id, (SELECT group_id FROM queue WHERE id = ?), 'rw', 1 FROM users WHERE login = ? "
        + "ON CONFLICT DO NOTHING", desk, TestServer.ADMIN_LOGIN);
    long ticket = fixtures.ticket(rw, desk, "Private", "x").getLong("id");
    assertEquals(404, server.send(HttpMethod.PUT, "/api/v1/tickets/" + ticket + "/watchers/me", outsider, null)
        .statusCode());
    assertEquals(403, server.send(HttpMethod.PUT, "/api/v1/tickets/" + ticket + "/watchers/me", customer, null)
        .statusCode());
    assertEquals(422, server.send(HttpMethod.GET, "/api/v1/tickets?watched=maybe", agent, null).statusCode());
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM ticket_watcher WHERE ticket_id = ?", ticket))
        .longValue());
  }
}
