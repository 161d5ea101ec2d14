package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** The bell in the agent console: its count goes up live, its list opens and is marked read; the settings page. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NotificationBellTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int queue;
  private UUID anna;
  private String bert;

  NotificationBellTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("bell");
    queue = fixtures.queue("Bell desk", group);
    anna = fixtures.agent("anna", "anna-password", group, "ro", "owner");
    fixtures.agent("bert", "bert-password", group, "rw");
    bert = server.login("bert", "bert-password");
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

  private void assignToAnna(String title) {
    long id = fixtures.ticket(bert, queue, title, "Please look").getLong("id");
    var changed = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, bert,
        new JsonObject().put("user_id", anna.toString()));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
  }

  @Test
  @Order(1)
  @DisplayName("the bell's count goes up live as tickets are assigned to the agent, and its list shows them")
  void countGoesUpLive() {
    browser.go("/");
    browser.signIn("anna", "anna-password");
    browser.visible("#bell");
    browser.visible(".live-status.live-live");
    assertFalse(browser.find("#bell-count").isDisplayed(), "nothing unread yet");
    browser.script("window.__sameDocument = true;");

    assignToAnna("Printer on fire");
    browser.text("#bell-count", "1", Duration.ofSeconds(5));
    assignToAnna("Coffee machine empty");
    browser.text("#bell-count", "2", Duration.ofSeconds(5));
    assertEquals(Boolean.TRUE, browser.script("return window.__sameDocument === true;"), "the page was not reloaded");

    browser.find("#bell").click();
    browser.visible("#bell-list li.bell-item.unread");
    assertEquals(2, browser.all("#bell-list li.bell-item.unread").size());
    assertTrue(browser.find("#bell-list li.bell-item").getText().contains("Coffee machine empty"), "newest first");
    browser.screenshot("notifications-bell");

    browser.find("#bell-read-all").click();
    browser.waiting(Duration.ofSeconds(5)).until(d -> !browser.find("#bell-count").isDisplayed());
    assertEquals(0, browser.all("#bell-list li.bell-item.unread").size());
    assertEquals(0L, ((Number) server.scalar(
        "SELECT count(*) FROM notification WHERE user_id = ? AND read_time IS NULL", anna)).longValue());
  }

  @Test
  @Order(2)
  @DisplayName("the settings page switches e-mail off for an event, narrows new tickets to one queue, and keeps both")
  void settings() {
    browser.go("/#/notifications");
    browser.visible("#notification-settings");
    browser.find("#pref-ticket-owner-email").click();
    browser.find("#pref-ticket-new-filter summary").click();
    new org.openqa.selenium.support.ui.Select(browser.find("#pref-ticket-new-queue_ids"))
        .selectByVisibleText("Bell desk");
    browser.find("#pref-save").click();
    browser.text("#pref-status", "Saved.", Duration.ofSeconds(5));
    browser.screenshot("notification-settings");
    String token = server.login("anna", "anna-password");
    JsonObject settings = server.send(HttpMethod.GET, "/api/v1/me/notification-preferences", token, null)
        .bodyAsJsonObject();
    JsonObject owner = settings.getJsonObject("events").getJsonObject("ticket.owner");
    assertFalse(owner.getBoolean("email"));
    assertTrue(owner.getBoolean("in_app"));
    assertEquals(new io.vertx.core.json.JsonArray().add(queue), settings.getJsonObject("events")
        .getJsonObject("ticket.new").getJsonObject("filter").getJsonArray("queue_ids"));
  }

  @Test
  @Order(3)
  @DisplayName("an administrator makes an event mandatory; the agent's settings page shows it locked")
  void administratorsDefaults() {
    browser.forgetSessions();
    browser.go("/admin/#/notifications");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#notification-defaults");
    browser.find("#default-mention-mandatory").click();
    browser.find("#defaults-save").click();
    browser.text("#defaults-status", "Saved.", Duration.ofSeconds(5));
    browser.screenshot("notification-defaults");
    JsonObject defaults = server.send(HttpMethod.GET, "/api/v1/settings/notifications", server.loginAdmin(), null)
        .bodyAsJsonObject();
    assertTrue(defaults.getJsonObject("events").getJsonObject("mention").getBoolean("mandatory"));

    browser.forgetSessions();
    browser.go("/#/notifications");
    browser.signIn("anna", "anna-password");
    browser.visible("#notification-settings");
    assertFalse(browser.find("#pref-mention-email").isEnabled(), "a mandatory event cannot be switched off");
    assertTrue(browser.find("#pref-watched-email").isEnabled());
  }
}
