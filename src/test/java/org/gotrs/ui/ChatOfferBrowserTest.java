package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A chat offered to the agent first shows up on whatever console page she is on, with a countdown. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class ChatOfferBrowserTest {

  @Test
  @DisplayName("the agent a chat is offered to sees the offer with a countdown on the ticket list and accepts it")
  void offeredAgentAccepts(TestServer server, Fixtures fixtures, @Admin String admin) {
    Browser.assumeInstalled();
    int group = fixtures.group("offers");
    int queue = fixtures.queue("Offers", group);
    UUID agent = fixtures.agent("ophelia", "ophelia-password", group, "rw");
    var rule = server.send(HttpMethod.PATCH, "/api/v1/queues/" + queue, admin,
        new JsonObject().put("auto_assign", "round_robin"));
    assertEquals(200, rule.statusCode(), rule.bodyAsString());

    try (Browser browser = Browser.open(server.port())) {
      browser.go("/#/tickets");
      browser.signIn("ophelia", "ophelia-password");
      browser.visible(".live-status.live-live");
      Await.until(Duration.ofSeconds(10), () -> (Long) server.scalar(
          "SELECT count(*) FROM live_presence WHERE ticket_id IS NULL AND user_id = ?", agent) > 0,
          () -> "the console did not come online");

      try (LiveClient visitor = LiveClient.connect(server.app().vertx(), server.port(), "/ws/chat")) {
        visitor.send(new JsonObject().put("type", "chat.start").put("name", "Otto Visitor")
            .put("email", "otto@visitor.example").put("queue", "Offers").put("message", "Can someone help me?"));
        long chat = visitor.await(frame -> "chat.queued".equals(frame.getString("type")), 10).getLong("chat_id");

        browser.visible("#chat-offers .chat-offer", Duration.ofSeconds(5));
        browser.text("#chat-offers", "Otto Visitor");
        browser.text("#chat-offers", "s left");
        browser.screenshot("chat-offer-card");
        browser.go("/#/chats");
        browser.text("#chats-waiting", "offered to you");
        browser.visible("#chat-offers .chat-offer");
        browser.screenshot("chat-offer-inbox");
        browser.find("[data-offer-accept]").click();

        browser.text("#chat-transcript", "Can someone help me?");
        assertEquals(0L, browser.script("return document.querySelectorAll('#chat-offers .chat-offer').length;"));
        assertEquals("active", server.scalar("SELECT state FROM chat WHERE id = ?", chat));
        assertEquals(agent, server.scalar("SELECT agent_user_id FROM chat WHERE id = ?", chat));
        visitor.await(frame -> "chat.accepted".equals(frame.getString("type")), 10);
        browser.screenshot("chat-offer-accepted");
        assertEquals(List.of(), browser.consoleErrors());
      }
    }
  }
}
