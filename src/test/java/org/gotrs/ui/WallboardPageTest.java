package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
  @DisplayName("a team's wallboard on a 1920×1080 screen: its day in the local zone, SLA, CSAT, agents, charts filling their tiles")
  void teamBoardAtFullHd() {
    long jammed = fixtures.ticket(agent, queue, "Printer jammed", "Paper everywhere.").getLong("id");
    server.sql("UPDATE ticket SET user_id = (SELECT id FROM users WHERE login = 'wendy') WHERE id = ?", jammed);
    browser.size(1920, 1080);
    try {
      // the page itself gets 1920×1080: the window is made larger by whatever the browser's frame takes
      long frame = ((Number) browser.script("return window.outerHeight - window.innerHeight;")).longValue();
      browser.size(1920, 1080 + (int) frame);
      browser.forgetSessions();
      browser.go("/wallboard?team=field&tz=Europe/Berlin");
      browser.signIn("wendy", "wendy-password");
      browser.visible(".live-status.live-live");
      browser.waiting(Duration.ofSeconds(5))
          .until(d -> browser.find("#open-total").getText().matches("\\d+"));
      browser.text("#scope", "Team field");
      browser.waiting(Duration.ofSeconds(5)).until(d -> String.valueOf(
          browser.script("return document.querySelector('#per-hour-title').textContent;")).contains("(Europe/Berlin)"));
      browser.text("#chart-queues", "Field service");
      browser.visible("#sla-today");
      browser.visible("#csat-today");
      browser.text("#agents-today", "wendy");
      for (String chart : List.of("#chart-hours", "#chart-queues")) {
        @SuppressWarnings("unchecked")
        List<Number> heights = (List<Number>) browser.script("""
            const box = document.querySelector(arguments[0]);
            return [box.getBoundingClientRect().height, box.querySelector('svg').getBoundingClientRect().height,
                    box.getBoundingClientRect().width, box.querySelector('svg').getBoundingClientRect().width];""",
            chart);
        assertTrue(heights.get(0).doubleValue() > 200, chart + " has room on a full-HD screen: " + heights);
        assertTrue(heights.get(1).doubleValue() >= heights.get(0).doubleValue() - 2, chart + " fills its tile: " + heights);
        assertTrue(heights.get(3).doubleValue() >= heights.get(2).doubleValue() - 2, chart + " fills its tile: " + heights);
      }
      assertEquals(Boolean.TRUE, browser.script(
          "return document.documentElement.scrollHeight <= window.innerHeight;"), "the board fits the screen");
      browser.screenshot("wallboard-team-1920x1080");
    } finally {
      browser.size(1366, 768);
    }
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
