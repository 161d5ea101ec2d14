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
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.support.ui.Select;

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketRelationsTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int queue;
  private String agent;

  TicketRelationsTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("billing");
    queue = fixtures.queue("Billing", group);
    fixtures.agent("carol", "carol-password", group, "rw");
    agent = server.login("carol", "carol-password");
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  /** Toasts sit over the bottom of the side bar for a few seconds; a user waits for them to go, and so does this. */
  private void noToasts() {
    browser.waiting(Duration.ofSeconds(10)).until(d -> browser.all(".toast").isEmpty());
  }

  @Test
  @DisplayName("an agent accounts time on a note in a queue that asks for it, links a child ticket by number and watches the ticket")
  void timeLinksAndWatchers() {
    JsonObject ticket = fixtures.ticket(agent, queue, "Invoice disputed", "The March invoice is wrong.");
    long id = ticket.getLong("id");
    server.sql("INSERT INTO time_accounting (ticket_id, time_unit) VALUES (?, 0.5)", id);
    JsonObject child = fixtures.ticket(agent, queue, "Refund for March", "Refund the difference.");
    server.sql("UPDATE queue SET time_units_required = true WHERE id = ?", queue);
    browser.go("/");
    browser.signIn("carol", "carol-password");
    browser.visible("#queue-tree");
    browser.go("/#/ticket/" + id);
    browser.text("#ticket-title", "Invoice disputed");
    browser.text("#ticket-time-units", "0.5");
    browser.visible("#watch-toggle:not([disabled])");

    browser.find("#action-note").click();
    browser.visible("#compose-time-units");
    browser.visible(".composer .required-marker");
    browser.write("Checked the invoice against the contract.");
    browser.find("#compose-send").click();
    browser.text("#composer .form-error", "time units");
    browser.script("document.getElementById('compose-time-units').scrollIntoView({block: 'center'})");
    browser.screenshot("composer-time-units-required");
    browser.type("#compose-time-units", "1,5");
    browser.find("#compose-send").click();
    browser.waiting(Duration.ofSeconds(10)).until(d -> browser.all("#articles .article").size() == 2);
    browser.text("#articles .badge-time", "1.5");
    browser.text("#ticket-time-units", "2");

    browser.type("#link-number", child.getString("tn"));
    new Select(browser.find("#link-type")).selectByValue("parent");
    browser.find("#link-submit").click();
    browser.text("#links-list", "Parent of");
    browser.text("#links-list", child.getString("tn"));
    assertEquals("parent", server.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/links", agent, null)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("type"));

    noToasts();
    browser.visible("#watch-toggle:not([disabled])").click();
    browser.text("#watchers-list", "carol");
    browser.text("#watch-toggle", "Stop watching");
    browser.script("document.getElementById('links').scrollIntoView()");
    browser.screenshot("ticket-time-links-watchers");
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("ticket-time-total");

    noToasts();
    browser.find("#links-list .remove").click();
    browser.text("#links-list", "No linked tickets");
    browser.find("#watch-toggle").click();
    browser.text("#watchers-list", "No one watches");
    assertTrue(server.send(HttpMethod.GET, "/api/v1/tickets/" + child.getLong("id") + "/links", agent, null)
        .bodyAsJsonObject().getJsonArray("items").isEmpty());
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }
}
