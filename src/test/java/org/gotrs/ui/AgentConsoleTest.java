package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AgentConsoleTest {

  static final String XSS = "<img src=x onerror=window.__xss=1>";

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int queue;
  private String agent;

  AgentConsoleTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("support");
    queue = fixtures.queue("Support", group);
    fixtures.agent("alice", "alice-password", group, "rw");
    fixtures.agent("bob", "bob-password", group, "rw");
    agent = server.login("alice", "alice-password");
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

  private static java.nio.file.Path attachment() {
    try {
      java.nio.file.Path dir = org.gotrs.testing.Scratch.directory("upload");
      return java.nio.file.Files.writeString(dir.resolve("steps.txt"), "1. open the link\n2. choose a password\n");
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private JsonObject ticket(String title, String body) {
    return fixtures.ticket(agent, queue, title, body);
  }

  @Test
  @Order(1)
  @DisplayName("an agent signs in and sees the queue tree with live counts")
  void signIn() {
    ticket("Printer on fire", "It is really burning.");
    browser.go("/");
    browser.signIn("alice", "alice-password");
    browser.visible("#queue-tree a[data-queue='" + queue + "']");
    browser.visible(".live-status.live-live");
    browser.text("#queue-tree [data-count='" + queue + "']", "1");
    browser.screenshot("console-login-done");
  }

  @Test
  @Order(2)
  @DisplayName("a ticket created through the API appears in the open queue view within 2 s, without a reload")
  void newTicketAppearsLive() {
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr");
    browser.visible(".live-status.live-live");
    browser.script("window.__sameDocument = true;");
    String before = browser.find("#queue-tree [data-count='" + queue + "']").getText();

    long id = ticket("Coffee machine empty", "Please refill it.").getLong("id");
    browser.visible("#ticket-rows tr[data-id='" + id + "']", Duration.ofSeconds(2));

    assertEquals(Boolean.TRUE, browser.script("return window.__sameDocument === true;"), "the page was not reloaded");
    browser.text("#ticket-rows tr[data-id='" + id + "'] td.title", "Coffee machine empty");
    browser.text("#queue-tree [data-count='" + queue + "']", String.valueOf(Integer.parseInt(before) + 1), Duration.ofSeconds(2));
    browser.screenshot("console-queue");
  }

  @Test
  @Order(3)
  @DisplayName("a changed ticket updates in the list, and a closed one leaves the open view")
  void changedTicketUpdatesLive() {
    long id = ticket("Flaky VPN", "Drops every hour.").getLong("id");
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr[data-id='" + id + "']");
    browser.visible(".live-status.live-live");
    server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("title", "Flaky VPN in Berlin"));
    browser.text("#ticket-rows tr[data-id='" + id + "'] td.title", "Flaky VPN in Berlin", Duration.ofSeconds(2));
    server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("state", "closed successful"));
    browser.waiting(Duration.ofSeconds(2))
        .until(d -> browser.all("#ticket-rows tr[data-id='" + id + "']").isEmpty());
  }

  @Test
  @Order(4)
  @DisplayName("the agent replies on a ticket and the history shows the reply")
  void replyShowsInHistory() {
    long id = ticket("Password reset", "I forgot my password.").getLong("id");
    browser.go("/#/ticket/" + id);
    browser.text("#ticket-title", "Password reset");
    browser.find("#action-reply").click();
    browser.write("A reset link is on its way.");
    browser.find("#compose-files").sendKeys(attachment().toString());
    browser.find("#compose-send").click();
    browser.waiting(Duration.ofSeconds(10)).until(d -> browser.all("#articles .article").size() == 2);
    assertTrue(server.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/articles", agent, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(1).getString("body").contains("A reset link is on its way."));
    browser.text("#articles .attachments", "steps.txt");
    browser.find("#history summary").click();
    browser.text("#history-rows", "Answer sent");
    browser.screenshot("console-ticket");
  }

  @Test
  @Order(5)
  @DisplayName("the agent changes state, priority and tags from the ticket view")
  void changeFields() {
    long id = ticket("Monitor flickers", "Since Monday.").getLong("id");
    browser.go("/#/ticket/" + id);
    browser.visible("#prop-state");
    new org.openqa.selenium.support.ui.Select(browser.find("#prop-state")).selectByVisibleText("open");
    new org.openqa.selenium.support.ui.Select(browser.find("#prop-priority")).selectByVisibleText("4 high");
    browser.type("#prop-tags", "hardware, urgent");
    browser.find("#save-properties").click();
    browser.text(".badges", "4 high");
    JsonObject saved = server.send(HttpMethod.GET, "/api/v1/tickets/" + id, agent, null).bodyAsJsonObject();
    assertEquals("open", saved.getString("state"));
    assertEquals("4 high", saved.getString("priority"));
    assertEquals(List.of("hardware", "urgent"), saved.getJsonArray("tags").getList());
  }

  @Test
  @Order(6)
  @DisplayName("user content never becomes markup: an <img onerror> title and articles stay text")
  void noUnescapedUserContent() {
    JsonObject created = ticket(XSS, "plain " + XSS);
    long id = created.getLong("id");
    var html = server.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/articles", agent, new JsonObject()
        .put("subject", XSS).put("content_type", "text/html")
        .put("body", "<p>html <b>body</b></p>" + XSS + "<script>window.__xss=2</script><a href=\"javascript:window.__xss=3\">x</a>"));
    assertEquals(201, html.statusCode());

    browser.go("/#/queue/" + queue);
    browser.text("#ticket-rows td.title", XSS);
    assertNoInjectedMarkup();

    browser.go("/#/ticket/" + id);
    browser.text("#ticket-title", XSS);
    browser.text("#articles .article-text", "plain " + XSS);
    browser.visible("iframe.article-html");
    assertNoInjectedMarkup();
    WebElement frame = browser.find("iframe.article-html");
    assertEquals("allow-same-origin allow-popups allow-popups-to-escape-sandbox", frame.getDomAttribute("sandbox"),
        "HTML bodies are shown in a frame that may not run script");
    browser.driver().switchTo().frame(frame);
    try {
      browser.text("body", "html body");
      assertEquals(0L, browser.script("return document.querySelectorAll('img, script, [onerror]').length;"));
      assertNull(browser.script("return window.__xss;"));
    } finally {
      browser.driver().switchTo().defaultContent();
    }
    browser.screenshot("console-ticket-hostile-content");
  }

  private void assertNoInjectedMarkup() {
    assertNull(browser.script("return window.__xss;"), "no injected handler ran");
    assertEquals(0L, browser.script("return document.querySelectorAll('img[src=\"x\"], [onerror]').length;"),
        "no injected element exists");
  }

  @Test
  @Order(7)
  @DisplayName("full-text search shows results with highlighted snippets")
  void search() {
    ticket("Strange noise", "The fan makes a flibbertigibbet sound at night.");
    browser.go("/#/view/mine");
    WebElement search = browser.visible("#search-input");
    search.sendKeys("flibbertigibbet", Keys.ENTER);
    browser.text("#search-results mark", "flibbertigibbet");
    browser.text("#search-results", "Strange noise");
    browser.screenshot("console-search");

    browser.find("#save-view").click();
    browser.type("#view-name", "Night noises");
    browser.find("#save-view-submit").click();
    browser.text("#saved-views a", "Night noises");
    browser.script("[...document.querySelectorAll('#saved-views a')].find((a) => a.textContent.includes('Night noises'))"
        + ".click();");
    browser.text("#view-title", "Night noises");
    browser.text("#ticket-rows", "Strange noise");
  }

  @Test
  @Order(8)
  @DisplayName("the ticket view shows who else is viewing and who is writing")
  void presence() {
    long id = ticket("Shared ticket", "Two agents look at this.").getLong("id");
    browser.go("/#/ticket/" + id);
    browser.text("#ticket-title", "Shared ticket");
    try (LiveClient bob = LiveClient.agent(server, server.login("bob", "bob-password"))) {
      bob.send(new JsonObject().put("type", "presence").put("ticket_id", id).put("state", "viewing"));
      browser.text("#presence", "bob");
      bob.send(new JsonObject().put("type", "presence").put("ticket_id", id).put("state", "composing"));
      browser.visible("#presence .viewer-composing");
      browser.screenshot("console-presence");
    }
  }

  @Test
  @Order(9)
  @DisplayName("keyboard: j selects the next ticket, o opens it, ? shows the shortcuts")
  void keyboard() {
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr");
    browser.find("body").sendKeys("j");
    assertTrue(browser.find("#ticket-rows tr").getDomAttribute("class").contains("selected"));
    browser.driver().switchTo().activeElement().sendKeys("o");
    browser.visible("#ticket-title");
    browser.find("body").sendKeys("?");
    browser.visible("#help-dialog");
    browser.screenshot("console-shortcuts");
    browser.find("#help-dialog button").click();
  }

  @Test
  @Order(10)
  @DisplayName("the console works at phone width")
  void phoneWidth() {
    browser.size(390, 844);
    try {
      browser.go("/#/queue/" + queue);
      browser.visible("#ticket-rows tr");
      browser.screenshot("console-phone-list");
      browser.find("#menu-toggle").click();
      browser.visible("#sidebar");
      browser.screenshot("console-phone-menu");
    } finally {
      browser.size(1366, 768);
    }
  }

  @Test
  @Order(11)
  @DisplayName("an escalation on a queue the agent follows shows up as a warning at once")
  void escalationToast() {
    long id = ticket("Server room too hot", "32 degrees.").getLong("id");
    browser.go("/#/queue/" + queue);
    browser.visible(".live-status.live-live");
    server.sql("""
        WITH serialised AS (SELECT pg_advisory_xact_lock(7400501) AS locked),
             written AS (INSERT INTO event_log (seq, name, topics, data)
                         SELECT nextval('event_seq'), 'escalation.breached', ARRAY[?]::text[], ?::jsonb FROM serialised
                         RETURNING seq)
        SELECT pg_notify(?, seq::text) FROM written""", "queue:" + queue,
        new JsonObject().put("ticket_id", id).put("title", "Server room too hot").put("kind", "solution").encode(),
        org.gotrs.events.DomainEvents.CHANNEL);
    browser.text(".toast-error", "Server room too hot", Duration.ofSeconds(2));
    browser.screenshot("console-escalation");
  }

  @Test
  @Order(12)
  @DisplayName("the language switch turns the console German and back")
  void languageSwitch() {
    browser.go("/#/queue/" + queue);
    browser.visible("#lang");
    new org.openqa.selenium.support.ui.Select(browser.find("#lang")).selectByValue("de");
    browser.text("#nav-mine", "Meine Tickets");
    browser.text("#view-title", "Support");
    browser.text("#logout", "Abmelden");
    browser.screenshot("console-german");
    new org.openqa.selenium.support.ui.Select(browser.find("#lang")).selectByValue("en");
    browser.text("#nav-mine", "My tickets");
  }

  @Test
  @Order(13)
  @DisplayName("an agent opens a ticket for a caller from the new-ticket form")
  void newTicketForm() {
    browser.go("/#/new");
    browser.type("#new-title", "Caller cannot print");
    browser.type("#new-body", "Called at 10:15, printer shows E42.");
    browser.find("#new-submit").click();
    browser.text("#ticket-title", "Caller cannot print");
    browser.text("#articles", "printer shows E42");
    browser.screenshot("console-new-ticket");
  }

  @Test
  @Order(14)
  @DisplayName("the history names who changed what: agents, queues, states and priorities by name, no ids")
  void historyByName() {
    int group = ((Number) server.scalar("SELECT group_id FROM queue WHERE id = ?", queue)).intValue();
    int second = fixtures.queue("Second level", group);
    java.util.UUID bob = (java.util.UUID) server.scalar("SELECT id FROM users WHERE login = 'bob'");
    long id = ticket("Laptop will not boot", "Black screen after the logo.").getLong("id");
    var changed = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject()
        .put("queue_id", second).put("state", "open").put("priority", "4 high").put("user_id", bob.toString()));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());

    browser.go("/#/ticket/" + id);
    browser.text("#ticket-title", "Laptop will not boot");
    browser.find("#history summary").click();
    browser.text("#history-rows", "Support → Second level");
    String history = browser.find("#history-rows").getText();
    for (String expected : List.of("Moved", "new → open", "3 normal → 4 high", "Owner changed", "Test bob",
        "Test alice")) {
      assertTrue(history.contains(expected), expected + " in " + history);
    }
    assertFalse(history.contains(bob.toString()), "no agent's id: " + history);
    browser.script("document.querySelector('#history').scrollIntoView();");
    browser.screenshot("console-ticket-history");
  }

  @Test
  @Order(20)
  @DisplayName("an agent with a one-time code is asked for it and then signed in")
  void oneTimeCode() {
    fixtures.agent("mallory", "mallory-password", null);
    String token = server.login("mallory", "mallory-password");
    String secret = server.send(HttpMethod.POST, "/api/v1/auth/mfa/setup", token, null).bodyAsJsonObject().getString("secret");
    var totp = new org.gotrs.auth.Totp(java.time.Clock.systemUTC());
    assertEquals(204, server.send(HttpMethod.POST, "/api/v1/auth/mfa/enable", token,
        new JsonObject().put("otp", totp.now(secret))).statusCode());

    browser.forgetSessions();
    browser.go("/");
    browser.expectFailedRequest("/api/v1/auth/login", 401);
    browser.signIn("mallory", "mallory-password");
    browser.visible("#login-otp");
    browser.text("#login-error", "one-time code");
    browser.screenshot("console-login-otp");
    browser.type("#login-otp", totp.now(secret));
    browser.find("#login-submit").click();
    browser.text("#me", "mallory");
  }
}
