package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Abuse limits: message size, per-address rates, origins, seats. The rate limits are shared, hence the order. */
@GotrsServer(config = """
    {"chat": {"default_queue": "Limited", "seats_per_agent": 1, "starts_per_minute": 8, "messages_per_minute": 5,
              "max_message_chars": 50, "allowed_origins": ["https://shop.example"], "abandon_after_seconds": 3}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChatLimitsTest {

  private static final int STARTS_PER_MINUTE = 8;
  private static final int MESSAGES_PER_MINUTE = 5;

  private final TestServer server;
  private String agent;

  ChatLimitsTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    int group = fixtures.group("limited");
    fixtures.queue("Limited", group);
    fixtures.agent("seated", "pw", group, "rw");
    agent = server.login("seated", "pw");
  }

  @Test
  @Order(1)
  @DisplayName("a message over the size limit gets a too_long error frame and is not stored")
  void sizeLimit() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      long ticketId = customer.start("Sam", "sam@visitor.example", null, null).getLong("ticket_id");
      customer.say("x".repeat(51));
      assertEquals("too_long", customer.await("error").getString("code"));
      customer.say("x".repeat(50));
      assertEquals(50, customer.awaitMessageFrom("customer").getString("text").length());
      assertEquals(2L, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticketId),
          "the opening line and the message within the limit");
    }
  }

  @Test
  @Order(2)
  @DisplayName("too many messages from one address get a rate_limited error frame")
  void messageRate() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.start("Tina", "tina@visitor.example", null, null);
      for (int i = 0; i < MESSAGES_PER_MINUTE; i++) {
        customer.say("m" + i);
      }
      JsonObject error = customer.await("error");
      assertEquals("rate_limited", error.getString("code"));
      assertTrue(error.getLong("retry_after") > 0);
    }
  }

  @Test
  @Order(3)
  @DisplayName("availability follows agents online with a free seat, and an agent with every seat taken cannot accept")
  void seatsAndAvailability() {
    assertFalse(available(), "no agent online");
    try (LiveClient online = LiveClient.agent(server, agent); ChatCustomer first = ChatCustomer.connect(server);
         ChatCustomer second = ChatCustomer.connect(server)) {
      awaitAvailability(true);
      long firstChat = first.start("Uma", "uma@visitor.example", null, null).getLong("chat_id");
      assertEquals(200, server.send(HttpMethod.POST, "/api/v1/chats/" + firstChat + "/accept", agent, null).statusCode());
      awaitAvailability(false);
      JsonObject queued = second.start("Victor", "victor@visitor.example", null, null);
      assertFalse(queued.getBoolean("available"));
      var refused = server.send(HttpMethod.POST, "/api/v1/chats/" + queued.getLong("chat_id") + "/accept", agent, null);
      assertEquals(409, refused.statusCode());
      assertTrue(refused.bodyAsJsonObject().getString("detail").contains("seats"), refused.bodyAsString());
      first.send(new JsonObject().put("type", "chat.close"));
      first.await("chat.closed");
      awaitAvailability(true);
    }
  }

  private boolean available() {
    var response = server.send(HttpMethod.GET, "/api/v1/chats/availability", null, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getBoolean("available");
  }

  private void awaitAvailability(boolean expected) {
    Await.until(Duration.ofSeconds(10), () -> available() == expected, () -> "availability never became " + expected);
  }

  @Test
  @Order(4)
  @DisplayName("a waiting customer gone longer than allowed leaves the line; one still connected stays in it")
  void abandonedChatsLeaveTheLine() {
    long gone;
    try (LiveClient console = LiveClient.agent(server, agent); ChatCustomer staying = ChatCustomer.connect(server)) {
      console.subscribe(null, "chats");
      console.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      long stays = staying.start("Xena", "xena@visitor.example", null, null).getLong("chat_id");
      try (ChatCustomer leaving = ChatCustomer.connect(server)) {
        gone = leaving.start("Yuri", "yuri@visitor.example", null, null).getLong("chat_id");
      }
      JsonObject closed = console.await(frame -> "chat.closed".equals(frame.getString("event"))
          && frame.getJsonObject("data").getLong("chat_id") == gone, 15);
      assertEquals("timeout", closed.getJsonObject("data").getString("by"));
      assertEquals("waiting", server.scalar("SELECT state FROM chat WHERE id = ?", stays),
          "a customer with a socket open keeps their place");
    }
    assertEquals("closed", server.scalar("SELECT state FROM chat WHERE id = ?", gone));
  }

  @Test
  @Order(5)
  @DisplayName("a page from a site not allowed is refused; a listed site and the server's own pages may chat")
  void origins() {
    WebSocketClient client = server.app().vertx().createWebSocketClient();
    try {
      var refused = client.connect(origin("https://evil.example"));
      Throwable failure = assertThrowsAwait(refused);
      assertTrue(failure.getMessage().contains("403"), failure.getMessage());
      var listed = TestServer.await(client.connect(origin("https://shop.example")));
      assertFalse(listed.isClosed());
      TestServer.await(listed.close());
      var own = TestServer.await(client.connect(origin("http://localhost:" + server.port())));
      TestServer.await(own.close());
    } finally {
      TestServer.await(client.close());
    }
    var cors = TestServer.await(server.client().get("/api/v1/chats/availability").putHeader("Origin", "https://shop.example").send());
    assertEquals("https://shop.example", cors.getHeader("Access-Control-Allow-Origin"));
    var other = TestServer.await(server.client().get("/api/v1/chats/availability").putHeader("Origin", "https://evil.example").send());
    assertNull(other.getHeader("Access-Control-Allow-Origin"));
  }

  private WebSocketConnectOptions origin(String origin) {
    return new WebSocketConnectOptions().setHost("localhost").setPort(server.port()).setURI("/ws/chat")
        .addHeader("Origin", origin);
  }

  private static Throwable assertThrowsAwait(io.vertx.core.Future<?> future) {
    try {
      TestServer.await(future);
    } catch (IllegalStateException e) {
      return e.getCause() != null ? e.getCause() : e;
    }
    throw new AssertionError("the handshake was accepted");
  }

  @Test
  @Order(6)
  @DisplayName("too many chat starts from one address get a rate_limited error frame")
  void startRate() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      JsonObject refusal = null;
      for (int i = 0; i <= STARTS_PER_MINUTE && refusal == null; i++) {
        customer.send(new JsonObject().put("type", "chat.leave_message").put("name", "Walter")
            .put("email", "walter@visitor.example").put("message", "note " + i));
        JsonObject answer = customer.socket().await(frame -> "chat.message_left".equals(frame.getString("type"))
            || "error".equals(frame.getString("type")), 10);
        if ("error".equals(answer.getString("type"))) {
          refusal = answer;
        }
      }
      assertEquals("rate_limited", refusal == null ? null : refusal.getString("code"));
    }
  }
}
