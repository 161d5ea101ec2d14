package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** What the agent learns of where a visitor is, and the transcript the visitor may ask for by e-mail at the end. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatVisitorTest {

  private static final String DESK = "Visitor Desk";

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Api api;
  private String alice;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0))
        .put("chat", new JsonObject().put("starts_per_minute", 1000).put("seats_per_agent", 100)));
    api = new Api(server);
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("visitors");
    fixtures.queue(DESK, group);
    fixtures.agent("alice-visitors", "pw", group, "rw");
    alice = server.login("alice-visitors", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private JsonObject start(ChatCustomer customer, String name, String pageUrl, String referrer) {
    return customer.start(new JsonObject().put("type", "chat.start").put("name", name)
        .put("email", name.toLowerCase() + "@visitor.example").put("queue", DESK).put("message", "hello")
        .put("page_url", pageUrl).put("referrer", referrer));
  }

  @Test
  @DisplayName("the agent sees the page the visitor chats from and where they came from, as web addresses only")
  void pageAndReferrer() {
    try (ChatCustomer customer = ChatCustomer.connect(server); LiveClient agent = LiveClient.agent(server, alice)) {
      agent.subscribe(null, "chats");
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      long chatId = start(customer, "Pia", "https://shop.example/checkout?step=2", "https://search.example/?q=help")
          .getLong("chat_id");
      JsonObject waiting = agent.awaitEvent("chat.waiting", 10).getJsonObject("data");
      assertEquals("https://shop.example/checkout?step=2", waiting.getString("page_url"));
      JsonObject chat = api.get("/chats/" + chatId, alice).bodyAsJsonObject();
      assertEquals("https://shop.example/checkout?step=2", chat.getString("page_url"));
      assertEquals("https://search.example/?q=help", chat.getString("referrer"));
    }
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      long chatId = start(customer, "Quinn", "javascript:alert(1)", "ftp://files.example/").getLong("chat_id");
      JsonObject chat = api.get("/chats/" + chatId, alice).bodyAsJsonObject();
      assertNull(chat.getString("page_url"));
      assertNull(chat.getString("referrer"));
    }
  }

  @Test
  @DisplayName("a visitor asks for the transcript once the chat ended and gets it by e-mail once")
  void transcriptByMail() throws Exception {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      long chatId = start(customer, "Rosa", "https://shop.example/", null).getLong("chat_id");
      assertEquals(200, api.post("/chats/" + chatId + "/accept", alice, null).statusCode());
      customer.await("chat.accepted");
      assertEquals(201, api.post("/chats/" + chatId + "/messages", alice, new JsonObject().put("text", "Hi Rosa"))
          .statusCode());
      customer.awaitMessageFrom("agent");
      customer.send(new JsonObject().put("type", "chat.transcript"));
      assertEquals("conflict", customer.await("error").getString("code"), "not while the chat runs");
      customer.send(new JsonObject().put("type", "chat.close"));
      customer.await("chat.closed");
      customer.send(new JsonObject().put("type", "chat.transcript").put("language", "en"));
      customer.await("chat.transcript_sent");
      customer.send(new JsonObject().put("type", "chat.transcript"));
      assertEquals("conflict", customer.await("error").getString("code"), "once");

      Await.until(Duration.ofSeconds(20), () -> mail.receivedBy("rosa@visitor.example").size() == 1,
          () -> "the transcript reaches rosa");
      var message = mail.receivedBy("rosa@visitor.example").get(0);
      assertTrue(message.getSubject().contains("Your chat with us"), message.getSubject());
      String body = GreenMailUtil.getBody(message);
      assertTrue(body.contains("You: hello") && body.contains("Hi Rosa"), body);
    }
  }

  @Test
  @DisplayName("an offline message with the hidden field filled, or sent faster than a person types, is answered as "
      + "received and becomes no ticket; one sent at a person's pace does")
  void offlineFormTraps() {
    long before = (Long) server.scalar("SELECT count(*) FROM ticket");
    JsonObject message = new JsonObject().put("type", "chat.leave_message").put("name", "Bot")
        .put("email", "bot@visitor.example").put("queue", DESK).put("message", "Cheap watches");
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.send(message.copy().put("website", "http://spam.example").put("form_ms", 20_000));
      assertNull(customer.await("chat.message_left").getString("tn"));
      customer.send(message.copy().put("website", "").put("form_ms", 400));
      assertNull(customer.await("chat.message_left").getString("tn"));
      assertEquals(before, server.scalar("SELECT count(*) FROM ticket"));
      customer.send(message.copy().put("name", "Petra").put("message", "Please call me").put("website", "")
          .put("form_ms", 25_000));
      assertTrue(customer.await("chat.message_left").getString("tn") != null);
      assertEquals(before + 1, server.scalar("SELECT count(*) FROM ticket"));
    }
  }
}
