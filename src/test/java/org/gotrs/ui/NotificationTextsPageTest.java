package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The notification mail texts on the admin page Notifications: edited per event and language, and sent as a test. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationTextsPageTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private JsonObject ticket;

  NotificationTextsPageTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("texts-page");
    int queue = fixtures.queue("Texts page desk", group);
    fixtures.agent("tessa", "tessa-password", group, "rw");
    ticket = fixtures.ticket(server.login("tessa", "tessa-password"), queue, "Kaffeemaschine kaputt", "Bitte helfen");
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

  @Test
  @DisplayName("an administrator edits the German owner text, saves it and sees it filled for a ticket in a test")
  void editAndTest() {
    browser.go("/admin/#/notifications");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#notification-texts");
    new Select(browser.find("#text-event")).selectByValue("ticket.owner");
    new Select(browser.find("#text-language")).selectByValue("de");
    WebElement subject = browser.find("#text-subject");
    assertTrue(subject.getAttribute("value").startsWith("Änderung des Ticket-Besitzers"), subject.getAttribute("value"));
    browser.type("#text-subject", "Ihr Ticket: <OTRS_TICKET_Title>");
    browser.find("#text-save").click();
    browser.text("#texts-status", "Saved.", Duration.ofSeconds(5));

    JsonObject saved = server.send(HttpMethod.GET, "/api/v1/settings/notification-texts", server.loginAdmin(), null)
        .bodyAsJsonObject().getJsonArray("texts").stream().map(JsonObject.class::cast)
        .filter(t -> "ticket.owner".equals(t.getString("event")) && "de".equals(t.getString("language")))
        .findFirst().orElseThrow();
    assertEquals("Ihr Ticket: <OTRS_TICKET_Title>", saved.getString("subject"));

    browser.type("#text-ticket", String.valueOf(ticket.getLong("id")));
    browser.find("#text-test").click();
    browser.text("#text-preview", "Ihr Ticket: Kaffeemaschine kaputt", Duration.ofSeconds(5));
    browser.text("#text-preview", "[Ticket#" + ticket.getString("tn") + "]");
    browser.screenshot("notification-texts");
  }
}
