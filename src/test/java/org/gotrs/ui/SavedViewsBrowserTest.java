package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

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

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SavedViewsBrowserTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int queue;
  private String agent;

  SavedViewsBrowserTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("views-desk");
    queue = fixtures.queue("Views desk", group);
    fixtures.agent("vera", "vera-password", group, "rw");
    agent = server.login("vera", "vera-password");
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @Test
  @DisplayName("an agent saves a filtered list as a view, sees it with its live count in the side bar and opens it")
  void saveAndOpenView() {
    fixtures.ticket(agent, queue, "Open one", "x");
    fixtures.ticket(agent, queue, "Open two", "x");
    long closed = fixtures.ticket(agent, queue, "Closed one", "x").getLong("id");
    server.send(HttpMethod.PATCH, "/api/v1/tickets/" + closed, agent, new JsonObject().put("state", "closed successful"));

    browser.go("/");
    browser.signIn("vera", "vera-password");
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr");
    browser.find("#save-view").click();
    browser.type("#view-name", "Open in the desk");
    browser.find("#save-view-submit").click();

    browser.text("#saved-views a", "Open in the desk");
    Object id = browser.script("return [...document.querySelectorAll('#saved-views a')]"
        + ".find((a) => a.textContent.includes('Open in the desk')).dataset.view;");
    browser.text("#saved-views [data-view-count='" + id + "']", "2");

    browser.find("#saved-views a[data-view='" + id + "']").click();
    browser.text("#view-title", "Open in the desk");
    browser.waiting(Duration.ofSeconds(10)).until(d -> browser.all("#ticket-rows tr").size() == 2);

    browser.visible(".live-status.live-live");
    fixtures.ticket(agent, queue, "Open three", "x");
    browser.text("#saved-views [data-view-count='" + id + "']", "3", Duration.ofSeconds(5));
    browser.waiting(Duration.ofSeconds(5)).until(d -> browser.all("#ticket-rows tr").size() == 3);
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }
}
