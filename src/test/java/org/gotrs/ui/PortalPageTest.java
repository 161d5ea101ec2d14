package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.List;
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

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalPageTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private String agent;
  private String customer;
  private long ticketId;

  PortalPageTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    fixtures.company("acme");
    fixtures.customer("carol", "carol-password", "acme");
    customer = fixtures.customerLogin("carol", "carol-password");
    agent = server.loginAdmin();
    ticketId = server.send(HttpMethod.POST, "/api/v1/tickets", customer, new JsonObject().put("title", "Invoice missing")
        .put("article", new JsonObject().put("body", "I did not get my invoice for May."))).bodyAsJsonObject().getLong("id");
    server.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles", agent,
        new JsonObject().put("body", "Accounting says it went out late.").put("internal_note", true));
    server.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles", agent,
        new JsonObject().put("body", "We are sending it again today.").put("article_type", "note-external"));
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
  @Order(1)
  @DisplayName("a customer signs in and sees their tickets")
  void signInAndList() {
    browser.go("/portal/");
    browser.signIn("carol", "carol-password");
    browser.text("#portal-tickets", "Invoice missing");
    browser.screenshot("portal-list");
  }

  @Test
  @Order(2)
  @DisplayName("the ticket view shows customer-visible articles only, and the customer replies")
  void readAndReply() {
    browser.go("/portal/#/ticket/" + ticketId);
    browser.text("#portal-articles", "We are sending it again today.");
    assertFalse(browser.find("#portal-articles").getText().contains("Accounting says"), "internal notes stay hidden");
    browser.type("#reply-body", "Thanks, got it now.");
    browser.find("#reply-send").click();
    browser.text("#portal-articles", "Thanks, got it now.");
    var articles = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId + "/articles", agent, null).bodyAsJsonObject();
    assertEquals(4, articles.getJsonArray("items").size());
    browser.screenshot("portal-ticket");
  }

  @Test
  @Order(3)
  @DisplayName("the customer opens a new ticket, and a hostile title stays text")
  void openTicket() {
    browser.go("/portal/#/new");
    browser.type("#new-title", AgentConsoleTest.XSS);
    browser.type("#new-body", "The login page shows an error. " + AgentConsoleTest.XSS);
    browser.screenshot("portal-new");
    browser.find("#new-submit").click();
    browser.text("#ticket-title", AgentConsoleTest.XSS);
    browser.text("#portal-articles", "The login page shows an error.");
    assertNull(browser.script("return window.__xss;"));
    assertEquals(0L, browser.script("return document.querySelectorAll('img[src=\"x\"], [onerror]').length;"));
  }

  @Test
  @Order(4)
  @DisplayName("the new-ticket form offers the queues offered to customers, and the ticket goes to the one chosen")
  void chooseAnOfferedQueue() {
    int misc = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Misc'")).intValue();
    fixtures.offerToCustomers(misc);
    browser.go("/portal/#/new");
    browser.visible("#new-queue");
    assertEquals(List.of("", String.valueOf(misc)), browser.all("#new-queue option").stream()
        .map(option -> option.getAttribute("value")).toList());
    browser.script("document.querySelector('#new-queue').value = arguments[0];", String.valueOf(misc));
    browser.type("#new-title", "Wrong invoice address");
    browser.type("#new-body", "The street is misspelt.");
    browser.find("#new-submit").click();
    browser.text("#ticket-title", "Wrong invoice address");
    assertEquals(misc, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE title = 'Wrong invoice address'"))
        .intValue());
  }

  @Test
  @Order(5)
  @DisplayName("the chat page opens the chat widget, or says that chat is not available")
  void chatPage() {
    browser.go("/portal/chat.html");
    boolean widget = server.get("/chat-widget.js").statusCode() == 200;
    if (widget) {
      browser.waiting(java.time.Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(browser.script(
          "return !!document.querySelector('#gotrs-chat')?.shadowRoot?.querySelector('.panel:not([hidden])');")));
    } else {
      browser.visible("#widget-missing");
    }
    browser.screenshot("portal-chat");
  }

  @Test
  @Order(6)
  @DisplayName("a ticket opened with no topic chosen goes to the queue the administrator chose for the portal")
  void noTopicGoesToTheIntakeQueue() {
    int portalQueue = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Postmaster'")).intValue();
    var chosen = server.send(HttpMethod.PATCH, "/api/v1/settings/intake", agent,
        new JsonObject().put("portal_queue_id", portalQueue));
    assertEquals(200, chosen.statusCode(), chosen.bodyAsString());
    browser.go("/portal/#/new");
    browser.visible("#new-queue");
    assertEquals("", browser.find("#new-queue").getAttribute("value"), "no topic is preselected");
    browser.type("#new-title", "Cannot download the invoice PDF");
    browser.type("#new-body", "The link says the file is gone.");
    browser.find("#new-submit").click();
    browser.text("#ticket-title", "Cannot download the invoice PDF");
    assertEquals(portalQueue, ((Number) server.scalar(
        "SELECT queue_id FROM ticket WHERE title = 'Cannot download the invoice PDF'")).intValue());
  }

  @Test
  @Order(7)
  @DisplayName("a customer who signs in on the agents' start page lands in the portal, signed in; the start page links it")
  void customerFindsThePortalFromTheStartPage() {
    browser.forgetSessions();
    browser.go("/");
    assertEquals("/portal/", java.net.URI.create(browser.visible("#login-portal").getAttribute("href")).getPath());
    browser.expectFailedRequest("/api/v1/auth/login", 401);
    browser.signIn("carol", "carol-password");
    browser.waiting(java.time.Duration.ofSeconds(10)).until(d -> d.getCurrentUrl().contains("/portal/"));
    browser.text("#portal-tickets", "Invoice missing");
    browser.screenshot("portal-from-start-page");
  }

  @Test
  @Order(8)
  @DisplayName("the customer opens a ticket with a file in Support, sees the agent's answer arrive, sees who opened "
      + "each ticket, closes and rates it")
  void fileOpenedByAndClose() throws Exception {
    // in the group users, which the answering administrator works
    int support = fixtures.queue("Support", ((Number) server.scalar("SELECT id FROM groups WHERE name = 'users'"))
        .intValue());
    fixtures.offerToCustomers(support);
    java.nio.file.Path file = org.gotrs.testing.Scratch.directory("portal-upload").resolve("screenshot.txt");
    java.nio.file.Files.writeString(file, "error 42 on the login page");
    browser.go("/portal/#/new");
    browser.visible("#new-queue");
    browser.script("document.querySelector('#new-queue').value = arguments[0];", String.valueOf(support));
    browser.type("#new-title", "Login page error 42");
    browser.type("#new-body", "See the file.");
    browser.find("#new-files").sendKeys(file.toString());
    browser.find("#new-submit").click();
    browser.text("#ticket-title", "Login page error 42");
    browser.text("#portal-articles .attachments", "screenshot.txt");
    long id = ((Number) server.scalar("SELECT id FROM ticket WHERE title = 'Login page error 42'")).longValue();
    assertEquals(1L, ((Number) server.scalar("""
        SELECT count(*) FROM article_attachment aa JOIN article a ON a.id = aa.article_id
         WHERE a.ticket_id = ? AND aa.filename = 'screenshot.txt'""", id)).longValue());
    assertEquals(support, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", id)).intValue());

    var answered = server.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/articles", agent,
        new JsonObject().put("body", "Cleared the cache; please try again.").put("article_type", "note-external"));
    assertEquals(201, answered.statusCode(), answered.bodyAsString());
    browser.text("#portal-articles", "Cleared the cache; please try again.");

    browser.find("#portal-close").click();
    browser.driver().switchTo().alert().accept();
    browser.waiting(java.time.Duration.ofSeconds(10)).until(d -> browser.all("#portal-close").isEmpty());
    assertEquals("closed successful", server.scalar(
        "SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id WHERE t.id = ?", id));
    browser.visible("#rating-5").click();
    browser.type("#rating-comment", "Fixed within the hour.");
    browser.find("#rating-send").click();
    browser.text("#rating-given", "5 of 5");
    browser.screenshot("portal-rated");
    assertEquals(5, ((Number) server.scalar("SELECT score FROM ticket_rating WHERE ticket_id = ?", id)).intValue());

    browser.go("/portal/#/");
    browser.text("#portal-tickets", "Login page error 42");
    browser.text("#portal-tickets td.opened-by", "You");
    browser.screenshot("portal-list-opened-by");
  }
}
