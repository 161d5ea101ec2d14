package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WallboardPageTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int queue;
  private String agent;

  WallboardPageTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("field");
    queue = fixtures.queue("Field service", group);
    fixtures.agent("wendy", "wendy-password", group, "rw");
    agent = server.login("wendy", "wendy-password");
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }

  private int openTotal() {
    return Integer.parseInt(browser.find("#open-total").getText());
  }

  @Test
  @DisplayName("the wallboard's open count changes within 2 s of a new ticket")
  void openCountFollowsNewTickets() {
    fixtures.ticket(agent, queue, "Boiler broken", "No hot water.");
    browser.forgetSessions();
    browser.go("/wallboard");
    browser.signIn("wendy", "wendy-password");
    browser.visible(".live-status.live-live");
    browser.waiting(Duration.ofSeconds(5))
        .until(d -> browser.find("#open-total").getText().matches("\\d+"));
    int before = openTotal();

    fixtures.ticket(agent, queue, "Heating broken", "Cold office.");
    browser.text("#open-total", String.valueOf(before + 1), Duration.ofSeconds(2));
    browser.text("#chart-queues", "Field service");
    browser.screenshot("wallboard");
  }

  @Test
  @DisplayName("a kiosk opens the wallboard with ?api_key=, which leaves the address bar at once")
  void kioskKey() {
    String key = server.send(HttpMethod.POST, "/api/v1/api-keys", agent,
        new JsonObject().put("name", "lobby screen").put("permissions", new io.vertx.core.json.JsonArray().add("read")))
        .bodyAsJsonObject().getString("key");
    browser.forgetSessions();
    browser.go("/wallboard?api_key=" + key);
    browser.visible("#board");
    browser.visible(".live-status.live-live");
    browser.waiting(Duration.ofSeconds(5))
        .until(d -> browser.find("#open-total").getText().matches("\\d+"));
    assertFalse(browser.driver().getCurrentUrl().contains("api_key"), "the key is not left in the URL");
    assertEquals(key, browser.script("return JSON.parse(sessionStorage.getItem('gotrs.wallboard')).api_key;"));
    int before = openTotal();
    fixtures.ticket(agent, queue, "Lift stuck", "Between floors.");
    browser.text("#open-total", String.valueOf(before + 1), Duration.ofSeconds(2));
    browser.screenshot("wallboard-kiosk");
  }
}
