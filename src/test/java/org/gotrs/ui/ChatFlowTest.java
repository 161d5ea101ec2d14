package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.Keys;

/**
 * A customer in one browser chats with an agent in another. Runs where the server has live chat (the widget
 * at /chat-widget.js and /api/v1/chats); skipped elsewhere. The customer's side speaks the /ws/chat protocol
 * from the chat page, as the widget does.
 */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatFlowTest {

  private final TestServer server;
  private Browser agentBrowser;
  private Browser customerBrowser;
  private String admin;

  ChatFlowTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures, @Admin String admin) {
    Browser.assumeInstalled();
    Assumptions.assumeTrue(getClass().getResource("/webroot/chat-widget.js") != null,
        "this build has no chat widget (webroot/chat-widget.js)");
    boolean widget = server.get("/chat-widget.js").statusCode() == 200;
    boolean chats = server.send(HttpMethod.GET, "/api/v1/chats?state=waiting", admin, null).statusCode() == 200;
    Assumptions.assumeTrue(widget && chats, "this server has no live chat (/chat-widget.js and /api/v1/chats)");
    this.admin = admin;
    int group = fixtures.group("chat");
    int queue = fixtures.queue("Chat", group);
    var template = server.send(HttpMethod.POST, "/api/v1/templates", admin, new JsonObject().put("name", "Greeting")
        .put("template_type", "Chat").put("text", "<p>Welcome to <b>our</b> chat!</p>").put("content_type", "text/html")
        .put("queue_ids", new JsonArray().add(queue)));
    assertEquals(201, template.statusCode(), template.bodyAsString());
    fixtures.agent("cleo", "cleo-password", group, "rw");
    fixtures.agent("dora", "dora-password", group, "rw");
    agentBrowser = Browser.open(server.port());
    customerBrowser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    for (Browser browser : new Browser[] {agentBrowser, customerBrowser}) {
      if (browser != null) {
        browser.close();
      }
    }
  }

  @Test
  @DisplayName("a customer starts a chat, the agent accepts it and they exchange messages; markup stays text")
  void chat() {
    agentBrowser.go("/#/chats");
    agentBrowser.signIn("cleo", "cleo-password");
    agentBrowser.visible("#chats-waiting");
    agentBrowser.visible(".live-status.live-live");

    customerBrowser.go("/portal/chat.html");
    customerBrowser.script("""
        window.__chat = [];
        const ws = new WebSocket((location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/ws/chat');
        window.__chatSocket = ws;
        ws.onmessage = (m) => window.__chat.push(JSON.parse(m.data));
        ws.onopen = () => ws.send(JSON.stringify({type: 'chat.start', name: 'Erin Example',
            email: 'erin@example.com', queue: 'Chat', message: 'Hello, is anyone there?'}));""");

    agentBrowser.visible("[data-accept]", Duration.ofSeconds(5));
    agentBrowser.text("#chats-waiting", "Erin Example");
    agentBrowser.screenshot("chat-inbox-waiting");
    agentBrowser.find("[data-accept]").click();
    agentBrowser.text("#chat-transcript", "Hello, is anyone there?");
    agentBrowser.type("#chat-input", "Hi Erin, how can I help?");
    customerBrowser.waiting(Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(customerBrowser.script(
        "return window.__chat.some(f => f.type === 'chat.typing');")));
    agentBrowser.find("#chat-send").click();
    customerSees("Hi Erin, how can I help?");
    agentBrowser.type("#chat-input", "::gree");
    agentBrowser.text("#chat-templates", "Greeting");
    agentBrowser.find("#chat-input").sendKeys(Keys.ENTER);
    agentBrowser.waiting(Duration.ofSeconds(5)).until(d -> "Welcome to our chat!".equals(
        agentBrowser.find("#chat-input").getAttribute("value")));
    agentBrowser.find("#chat-send").click();
    customerSees("Welcome to our chat!");

    customerBrowser.script("window.__chatSocket.send(JSON.stringify({type: 'chat.message', text: arguments[0]}));",
        "My printer " + AgentConsoleTest.XSS);
    agentBrowser.text("#chat-transcript", "My printer " + AgentConsoleTest.XSS);
    assertNull(agentBrowser.script("return window.__xss;"));
    assertEquals(0L, agentBrowser.script("return document.querySelectorAll('img[src=\"x\"], [onerror]').length;"));
    agentBrowser.screenshot("chat-conversation");
    customerBrowser.screenshot("chat-customer");
    assertEquals(List.of(), agentBrowser.consoleErrors());
    assertEquals(List.of(), customerBrowser.consoleErrors());
  }

  @Test
  @DisplayName("the portal's chat page says someone is online when an agent of the chat intake queue is")
  void onlineForTheIntakeQueue() {
    int chatQueue = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Chat'")).intValue();
    var chosen = server.send(HttpMethod.PATCH, "/api/v1/settings/intake", admin,
        new JsonObject().put("chat_queue_id", chatQueue));
    assertEquals(200, chosen.statusCode(), chosen.bodyAsString());
    try (LiveClient dora = LiveClient.agent(server, server.login("dora", "dora-password"))) {
      Await.until(Duration.ofSeconds(10), () -> server.get("/api/v1/chats/availability").bodyAsJsonObject()
          .getBoolean("available"), () -> "the chat intake queue has an agent online");
      customerBrowser.go("/portal/chat.html");
      customerBrowser.waiting(Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(customerBrowser.script(
          "return !!document.querySelector('#gotrs-chat')?.shadowRoot;")));
      Await.until(Duration.ofSeconds(10), () -> widgetStatus().contains("We are online"),
          () -> "the widget says: " + widgetStatus());
      customerBrowser.screenshot("portal-chat-online");
    }
  }

  private String widgetStatus() {
    return String.valueOf(customerBrowser.script(
        "return document.querySelector('#gotrs-chat').shadowRoot.querySelector('.status').textContent;"));
  }

  private void customerSees(String text) {
    customerBrowser.waiting(Duration.ofSeconds(5)).until(d -> Boolean.TRUE.equals(customerBrowser.script(
        "return window.__chat.some(f => f.type === 'chat.message' && String(f.text).includes(arguments[0]));", text)));
  }

  @Test
  @DisplayName("the chat widget speaks the portal's language: German when the customer chose it")
  void widgetInGerman() {
    customerBrowser.go("/portal/chat.html");
    customerBrowser.script("localStorage.setItem('gotrs.lang', 'de');");
    customerBrowser.driver().navigate().refresh();
    customerBrowser.waiting(Duration.ofSeconds(10)).until(d -> String.valueOf(customerBrowser.script(
        "const host = document.getElementById('gotrs-chat');"
            + " return host && host.shadowRoot ? host.shadowRoot.querySelector('.launcher').textContent : '';"))
        .equals("Chatten Sie mit uns"));
    customerBrowser.script("localStorage.removeItem('gotrs.lang');");
  }
}
