package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"chat": {"seats_per_agent": 100, "starts_per_minute": 1000, "messages_per_minute": 10000}}"""})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatTest {

  private static final String DESK = "Chat Desk";

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private int desk;
  private int sales;
  private String alice;
  private String bob;
  private String reader;
  private String outsider;
  private String carol;
  private UUID bobId;
  private UUID carolId;

  ChatTest(TestServer server, Api api, Fixtures fixtures) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int chatGroup = fixtures.group("chat");
    int salesGroup = fixtures.group("sales");
    int nobodyGroup = fixtures.group("nobody");
    desk = fixtures.queue(DESK, chatGroup);
    sales = fixtures.queue("Sales", salesGroup);
    fixtures.queue("Nobody", nobodyGroup);
    UUID aliceId = fixtures.agent("alice-agent", "pw", chatGroup, "rw");
    fixtures.grant(aliceId, salesGroup, "rw");
    bobId = fixtures.agent("bob-agent", "pw", chatGroup, "rw");
    fixtures.grant(bobId, salesGroup, "move_into");
    fixtures.agent("reader", "pw", chatGroup, "ro");
    fixtures.agent("outsider", "pw", salesGroup, "rw");
    fixtures.company("acme");
    carolId = fixtures.customer("carol", "pw", "acme");
    alice = server.login("alice-agent", "pw");
    bob = server.login("bob-agent", "pw");
    reader = server.login("reader", "pw");
    outsider = server.login("outsider", "pw");
    carol = fixtures.customerLogin("carol", "pw");
  }

  private JsonArray articles(long ticketId) {
    var response = api.get("/tickets/" + ticketId + "/articles", alice);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items");
  }

  private List<String> bodies(long ticketId, String senderType) {
    List<String> bodies = new ArrayList<>();
    articles(ticketId).forEach(item -> {
      JsonObject article = (JsonObject) item;
      if (senderType.equals(article.getString("sender_type"))) {
        bodies.add(article.getString("body"));
      }
    });
    return bodies;
  }

  /** A customer in a chat that alice has accepted. */
  private ChatCustomer accepted(String name, String message) {
    ChatCustomer customer = ChatCustomer.connect(server);
    JsonObject queued = customer.start(name, name.toLowerCase() + "@visitor.example", DESK, message);
    assertEquals(200, api.post("/chats/" + queued.getLong("chat_id") + "/accept", alice, null)
        .statusCode());
    customer.await("chat.accepted");
    return customer;
  }

  private long chatOf(String customerName) {
    return (Long) server.scalar("SELECT id FROM chat WHERE customer_name = ?", customerName);
  }

  private long ticketOf(String customerName) {
    return (Long) server.scalar("SELECT ticket_id FROM chat WHERE customer_name = ?", customerName);
  }

  @Test
  @DisplayName("starting a chat opens a ticket with source chat in the chosen queue, the first message its first article")
  void startingOpensATicket() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      JsonObject queued = customer.start("Dave", "dave@visitor.example", DESK, "Hello, I need help");
      long ticketId = queued.getLong("ticket_id");
      assertTrue(queued.getLong("chat_id") > 0);
      assertTrue(queued.getInteger("position") >= 1);
      String token = queued.getString("resume_token");
      assertTrue(token.length() >= 40, token);

      JsonObject ticket = api.get("/tickets/" + ticketId, alice).bodyAsJsonObject();
      assertEquals("chat", ticket.getString("source"));
      assertEquals(desk, ticket.getInteger("queue_id"));
      assertEquals("Chat with Dave", ticket.getString("title"));
      JsonObject first = articles(ticketId).getJsonObject(0);
      assertEquals("Hello, I need help", first.getString("body"));
      assertEquals("chat-external", first.getString("article_type"));
      assertEquals("customer", first.getString("sender_type"));
      assertEquals("text/plain", first.getString("content_type"));

      assertEquals("Hello, I need help", customer.awaitMessageFrom("customer").getString("text"));
      assertEquals(DigestUtils.sha256Hex(token),
          server.scalar("SELECT resume_token_hash FROM chat WHERE id = ?", queued.getLong("chat_id")),
          "only a hash of the resume token is stored");
    }
  }

  @Test
  @DisplayName("agents see the chat waiting on the chats topic, its article with source chat on the queue, and in the waiting list")
  void agentsSeeTheWaitingChat() {
    try (LiveClient agent = LiveClient.agent(server, alice); ChatCustomer customer = ChatCustomer.connect(server)) {
      agent.subscribe(null, "chats", "queue:" + desk);
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      JsonObject queued = customer.start("Erin", "erin@visitor.example", DESK, "Is anyone there?");
      long chatId = queued.getLong("chat_id");

      JsonObject article = agent.await(frame -> "article.created".equals(frame.getString("event"))
          && frame.getJsonObject("data").getLong("ticket_id") == queued.getLong("ticket_id").longValue(), 10);
      assertEquals("queue:" + desk, article.getString("topic"));
      assertEquals("chat", article.getJsonObject("data").getString("source"));
      JsonObject waiting = agent.await(frame -> "chat.waiting".equals(frame.getString("event"))
          && frame.getJsonObject("data").getLong("chat_id") == chatId, 10);
      assertEquals("chats", waiting.getString("topic"));
      assertEquals("Erin", waiting.getJsonObject("data").getString("customer_name"));

      JsonArray list = api.get("/chats?state=waiting", alice).bodyAsJsonObject().getJsonArray("items");
      assertTrue(list.stream().anyMatch(item -> ((JsonObject) item).getLong("id") == chatId), list.encode());
      JsonArray hidden = api.get("/chats?state=waiting", outsider).bodyAsJsonObject().getJsonArray("items");
      assertTrue(hidden.stream().noneMatch(item -> ((JsonObject) item).getLong("id") == chatId), "not in the outsider's list");
    }
  }

  @Test
  @DisplayName("when two agents accept at once exactly one wins, the other gets 409, and the customer learns who")
  void exactlyOneAgentWins() {
    for (int round = 0; round < 5; round++) {
      try (ChatCustomer customer = ChatCustomer.connect(server)) {
        long chatId = customer.start("Frank", "frank@visitor.example", DESK, "race " + round).getLong("chat_id");
        var first = server.client().post("/api/v1/chats/" + chatId + "/accept").bearerTokenAuthentication(alice).send();
        var second = server.client().post("/api/v1/chats/" + chatId + "/accept").bearerTokenAuthentication(bob).send();
        TestServer.await(Future.join(first, second));
        List<Integer> statuses = new ArrayList<>(List.of(first.result().statusCode(), second.result().statusCode()));
        statuses.sort(null);
        assertEquals(List.of(200, 409), statuses, "round " + round);
        String winner = first.result().statusCode() == 200 ? "Test alice-agent" : "Test bob-agent";
        assertEquals(winner, customer.await("chat.accepted").getString("agent"));
        JsonObject chat = api.get("/chats/" + chatId, alice).bodyAsJsonObject();
        assertEquals("active", chat.getString("state"));
        assertEquals(winner, chat.getString("agent"));
      }
    }
  }

  @Test
  @DisplayName("messages flow both ways in order and each is an article on the chat's ticket")
  void messagesFlowInOrder() {
    try (ChatCustomer customer = accepted("Grace", "Hi"); LiveClient agent = LiveClient.agent(server, alice)) {
      JsonObject chat = api.get("/chats?state=active", alice).bodyAsJsonObject()
          .getJsonArray("items").stream().map(JsonObject.class::cast)
          .filter(item -> "Grace".equals(item.getString("customer_name"))).findFirst().orElseThrow();
      long chatId = chat.getLong("id");
      long ticketId = chat.getLong("ticket_id");
      agent.subscribe(null, "ticket:" + ticketId);
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);

      for (int i = 1; i <= 5; i++) {
        customer.say("c" + i);
        if (i <= 3) {
          assertEquals(201, api.post("/chats/" + chatId + "/messages", alice,
              new JsonObject().put("text", "a" + i)).statusCode());
        }
      }
      List<String> toCustomer = new ArrayList<>();
      for (int i = 0; i < 3; i++) {
        JsonObject message = customer.awaitMessageFrom("agent");
        assertEquals("Test alice-agent", message.getString("name"));
        toCustomer.add(message.getString("text"));
      }
      assertEquals(List.of("a1", "a2", "a3"), toCustomer);
      List<String> toAgent = new ArrayList<>();
      while (toAgent.size() < 5) {
        JsonObject event = agent.awaitEvent("chat.message", 10);
        if ("customer".equals(event.getJsonObject("data").getString("from"))) {
          toAgent.add(event.getJsonObject("data").getString("text"));
        }
      }
      assertEquals(List.of("c1", "c2", "c3", "c4", "c5"), toAgent);

      assertEquals(List.of("Hi", "c1", "c2", "c3", "c4", "c5"), bodies(ticketId, "customer"));
      assertEquals(List.of("a1", "a2", "a3"), bodies(ticketId, "agent"));
      JsonArray messages = api.get("/chats/" + chatId + "/messages", alice)
          .bodyAsJsonObject().getJsonArray("items");
      assertEquals(9, messages.size());
      assertEquals(articles(ticketId).getJsonObject(8).getLong("id"), messages.getJsonObject(8).getLong("message_id"));
    }
  }

  @Test
  @DisplayName("a customer who drops and resumes gets the transcript so far, then live messages, with nothing twice")
  void resumeAfterADrop() {
    String token;
    long chatId;
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      JsonObject queued = customer.start("Heidi", "heidi@visitor.example", DESK, "first");
      token = queued.getString("resume_token");
      chatId = queued.getLong("chat_id");
      api.post("/chats/" + chatId + "/accept", alice, null);
      customer.say("before the drop");
      customer.socket().await(frame -> "before the drop".equals(frame.getString("text")), 10);
    }
    assertEquals(201, api.post("/chats/" + chatId + "/messages", alice,
        new JsonObject().put("text", "while you were away")).statusCode());
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.send(new JsonObject().put("type", "chat.resume").put("resume_token", token));
      JsonObject resumed = customer.await("chat.resumed");
      assertEquals(chatId, resumed.getLong("chat_id"));
      assertEquals("active", resumed.getString("state"));
      assertEquals("Test alice-agent", resumed.getString("agent"));
      List<String> transcript = resumed.getJsonArray("messages").stream()
          .map(message -> ((JsonObject) message).getString("text")).toList();
      assertEquals(List.of("first", "before the drop", "while you were away"), transcript);

      api.post("/chats/" + chatId + "/messages", alice, new JsonObject().put("text", "welcome back"));
      assertEquals("welcome back", customer.awaitMessageFrom("agent").getString("text"));
      customer.say("still here");
      List<JsonObject> frames = customer.socket().framesUntil(frame -> "chat.message".equals(frame.getString("type"))
          && "still here".equals(frame.getString("text")), 10);
      assertEquals(1, frames.stream().filter(frame -> "chat.message".equals(frame.getString("type"))).count(),
          "no message arrives twice: " + frames);
    }
  }

  @Test
  @DisplayName("a customer who starts or resumes while an older transaction holds the chat's events back gets each "
      + "message once, in the transcript or live")
  void joinWhileEventsAreHeldBack() throws SQLException {
    try (Connection older = TestDatabase.connect(server.database());
         ChatCustomer starter = ChatCustomer.connect(server)) {
      older.setAutoCommit(false);
      try (var statement = older.createStatement()) {
        statement.execute("SELECT pg_current_xact_id()");
      }
      JsonObject queued = starter.start("Ida", "ida@visitor.example", DESK, "opening line");
      long chatId = queued.getLong("chat_id");
      assertEquals(200, api.post("/chats/" + chatId + "/accept", alice, null).statusCode());
      assertEquals(201, api.post("/chats/" + chatId + "/messages", alice, new JsonObject().put("text", "held back"))
          .statusCode());
      try (ChatCustomer resumer = ChatCustomer.connect(server)) {
        resumer.send(new JsonObject().put("type", "chat.resume").put("resume_token", queued.getString("resume_token")));
        JsonObject resumed = resumer.await("chat.resumed");
        assertEquals(List.of("opening line", "held back"), resumed.getJsonArray("messages").stream()
            .map(message -> ((JsonObject) message).getString("text")).toList());
        older.commit();
        assertEquals(201, api.post("/chats/" + chatId + "/messages", alice,
            new JsonObject().put("text", "after the hold")).statusCode());
        assertEquals(List.of("after the hold"), messagesUntil(resumer, "after the hold"), "the resumed customer");
        assertEquals(List.of("opening line", "held back", "after the hold"), messagesUntil(starter, "after the hold"),
            "the customer who started");
      }
    }
  }

  /** The texts of the chat messages a customer receives up to and including the one with this text. */
  private static List<String> messagesUntil(ChatCustomer customer, String last) {
    return customer.socket().framesUntil(frame -> "chat.message".equals(frame.getString("type"))
            && last.equals(frame.getString("text")), 10).stream()
        .filter(frame -> "chat.message".equals(frame.getString("type"))).map(frame -> frame.getString("text")).toList();
  }

  @Test
  @DisplayName("a wrong resume token gets not_found")
  void wrongResumeToken() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.send(new JsonObject().put("type", "chat.resume").put("resume_token", "not-a-token"));
      assertEquals("not_found", customer.await("error").getString("code"));
    }
  }

  @Test
  @DisplayName("closing a chat ends it for both sides and leaves the ticket with the whole transcript, owned by the "
      + "agent who took it and closed successful, so no escalation runs on a finished chat")
  void closingLeavesTheTicket() {
    try (ChatCustomer customer = accepted("Ivan", "hello"); LiveClient agent = LiveClient.agent(server, alice)) {
      agent.subscribe(null, "chats");
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      customer.say("thanks, bye");
      assertEquals("thanks, bye", customer.awaitMessageFrom("customer").getString("text"));
      long ticketId = ticketOf("Ivan");
      customer.send(new JsonObject().put("type", "chat.close"));
      assertEquals("customer", customer.await("chat.closed").getString("by"));
      JsonObject closed = agent.awaitEvent("chat.closed", 10);
      assertEquals(ticketId, closed.getJsonObject("data").getLong("ticket_id"));

      assertEquals(List.of("hello", "thanks, bye"), bodies(ticketId, "customer"));
      long chatId = closed.getJsonObject("data").getLong("chat_id");
      assertEquals("closed", api.get("/chats/" + chatId, alice).bodyAsJsonObject().getString("state"));
      customer.say("are you there?");
      assertEquals("conflict", customer.await("error").getString("code"));
      assertEquals(409, api.post("/chats/" + chatId + "/messages", alice,
          new JsonObject().put("text", "too late")).statusCode());
      JsonObject ticket = api.get("/tickets/" + ticketId, alice).bodyAsJsonObject();
      assertEquals("closed successful", ticket.getString("state"));
      assertEquals(server.scalar("SELECT id FROM users WHERE login = 'alice-agent'").toString(), ticket.getString("user_id"),
          "the agent who took the chat owns its ticket");
    }
  }

  @Test
  @DisplayName("the visitor rates a chat once it has ended, once; the rating is its ticket's and agents see it")
  void rateTheChat() {
    try (ChatCustomer customer = accepted("Rita", "hello")) {
      customer.send(new JsonObject().put("type", "chat.rate").put("score", 5));
      assertEquals("conflict", customer.await("error").getString("code"), "not while it runs");
      customer.send(new JsonObject().put("type", "chat.close"));
      customer.await("chat.closed");
      customer.send(new JsonObject().put("type", "chat.rate").put("score", 9));
      assertEquals("bad_request", customer.await("error").getString("code"));
      customer.send(new JsonObject().put("type", "chat.rate").put("score", 4).put("comment", "Friendly and fast"));
      assertEquals(4, customer.await("chat.rated").getInteger("score"));
      customer.send(new JsonObject().put("type", "chat.rate").put("score", 1));
      assertEquals("conflict", customer.await("error").getString("code"), "once");
      JsonObject rating = api.get("/tickets/" + ticketOf("Rita") + "/rating", alice).bodyAsJsonObject();
      assertEquals(4, rating.getInteger("score"));
      assertEquals("Friendly and fast", rating.getString("comment"));
    }
  }

  @Test
  @DisplayName("with no agent who could answer, the visitor leaves a message that becomes a ticket")
  void leaveAMessage() {
    var availability = api.get("/chats/availability?queue=Nobody", null);
    assertEquals(200, availability.statusCode());
    assertFalse(availability.bodyAsJsonObject().getBoolean("available"));
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      assertFalse(customer.start("Judy", "judy@visitor.example", "Nobody", null).getBoolean("available"));
    }
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.send(new JsonObject().put("type", "chat.leave_message").put("name", "Judy")
          .put("email", "judy@visitor.example").put("queue", "Nobody").put("message", "Please call me back"));
      JsonObject left = customer.await("chat.message_left");
      long ticketId = left.getLong("ticket_id");
      var ticket = server.sql("SELECT t.source, q.name AS queue, t.tn FROM ticket t JOIN queue q ON q.id = t.queue_id"
          + " WHERE t.id = ?", ticketId).get(0);
      assertEquals("chat", ticket.get("source"));
      assertEquals("Nobody", ticket.get("queue"));
      assertEquals(left.getString("tn"), ticket.get("tn"));
      assertEquals("Please call me back", server.scalar("SELECT body FROM article WHERE ticket_id = ?", ticketId));
    }
  }

  @Test
  @DisplayName("HTML and script in a message are stored and sent back as plain text, both ways")
  void htmlStaysText() {
    String html = "<b>bold</b><script>alert('x')</script><img src=x onerror=alert(1)>";
    try (ChatCustomer customer = accepted("Mallory", "hi")) {
      customer.say(html);
      JsonObject echo = customer.awaitMessageFrom("customer");
      assertEquals(html, echo.getString("text"));
      var row = server.sql("SELECT content_type, body, html_body FROM article WHERE id = ?", echo.getLong("message_id")).get(0);
      assertEquals("text/plain", row.get("content_type"));
      assertEquals(html, row.get("body"));
      assertEquals(null, row.get("html_body"));
      long chatId = chatOf("Mallory");
      api.post("/chats/" + chatId + "/messages", alice, new JsonObject().put("text", html));
      assertEquals(html, customer.awaitMessageFrom("agent").getString("text"));
    }
  }

  @Test
  @DisplayName("a logged-in customer user is recognised by token, and a visitor by a customer user's email")
  void customerUsersAreRecognised() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      long ticketId = customer.start(new JsonObject().put("type", "chat.start").put("token", carol).put("queue", DESK)
          .put("message", "It's Carol")).getLong("ticket_id");
      JsonObject ticket = api.get("/tickets/" + ticketId, carol).bodyAsJsonObject();
      assertEquals("carol", ticket.getString("customer_user"));
      assertEquals("acme", ticket.getString("customer_id"));
    }
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      long ticketId = customer.start("Carol", "Carol@Customer.Example", DESK, "me again").getLong("ticket_id");
      assertEquals(carolId, server.scalar("SELECT customer_user_id FROM ticket WHERE id = ?", ticketId));
    }
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      customer.send(new JsonObject().put("type", "chat.start").put("token", alice).put("queue", DESK));
      assertEquals("bad_request", customer.await("error").getString("code"), "an agent's token starts no customer chat");
    }
  }

  @Test
  @DisplayName("typing is forwarded at most once a second per side, and read marks reach the other side")
  void typingAndReadReceipts() {
    try (ChatCustomer customer = accepted("Niaj", "typing test"); LiveClient agent = LiveClient.agent(server, alice)) {
      long chatId = chatOf("Niaj");
      long openingId = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", ticketOf("Niaj"));
      agent.subscribe(null, "ticket:" + ticketOf("Niaj"));
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);

      for (int i = 0; i < 5; i++) {
        customer.send(new JsonObject().put("type", "chat.typing"));
      }
      agent.awaitEvent("chat.typing", 10);
      customer.say("typed");
      List<JsonObject> frames = agent.framesUntil(frame -> "chat.message".equals(frame.getString("event")), 10);
      assertTrue(frames.stream().noneMatch(frame -> "chat.typing".equals(frame.getString("event"))),
          "the customer's typing is forwarded once: " + frames);

      assertEquals(204, api.post("/chats/" + chatId + "/typing", alice, null).statusCode());
      assertEquals(204, api.post("/chats/" + chatId + "/typing", alice, null).statusCode());
      assertEquals("agent", customer.await("chat.typing").getString("from"));

      var reply = api.post("/chats/" + chatId + "/messages", alice, new JsonObject().put("text", "seen?"));
      frames = customer.socket().framesUntil(frame -> "chat.message".equals(frame.getString("type"))
          && "seen?".equals(frame.getString("text")), 10);
      assertTrue(frames.stream().noneMatch(frame -> "chat.typing".equals(frame.getString("type"))),
          "the agent's typing is forwarded once: " + frames);
      long replyId = reply.bodyAsJsonObject().getLong("message_id");
      customer.send(new JsonObject().put("type", "chat.read").put("message_id", replyId));
      JsonObject read = agent.awaitEvent("chat.read", 10);
      assertEquals("customer", read.getJsonObject("data").getString("by"));
      assertEquals(replyId, read.getJsonObject("data").getLong("message_id"));
      assertEquals(replyId, api.get("/chats/" + chatId, alice).bodyAsJsonObject()
          .getLong("last_customer_read_message_id"));

      assertEquals(204, api.post("/chats/" + chatId + "/read", alice,
          new JsonObject().put("message_id", openingId)).statusCode());
      assertEquals(openingId, customer.await("chat.read").getLong("message_id"));
    }
  }

  @Test
  @DisplayName("a chat is handed to another agent, then to another queue where it waits again with its ticket")
  void transfers() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      JsonObject queued = customer.start("Olivia", "olivia@visitor.example", DESK, "transfer me");
      long chatId = queued.getLong("chat_id");
      api.post("/chats/" + chatId + "/accept", alice, null);
      customer.await("chat.accepted");

      assertEquals(403, api.post("/chats/" + chatId + "/transfer", bob,
          new JsonObject().put("user_id", bobId.toString())).statusCode(), "only the chat's agent hands it on");
      var toBob = api.post("/chats/" + chatId + "/transfer", alice,
          new JsonObject().put("user_id", bobId.toString()));
      assertEquals(200, toBob.statusCode(), toBob.bodyAsString());
      JsonObject accepted = customer.await("chat.accepted");
      assertEquals("Test bob-agent", accepted.getString("agent"));
      assertTrue(accepted.getBoolean("transferred"));
      long ticketId = queued.getLong("ticket_id");
      Await.until(java.time.Duration.ofSeconds(10), () -> ownerNotices(bob, ticketId) == 1,
          () -> "bob is told he owns the chat's ticket");
      assertEquals(0, ownerNotices(alice, ticketId), "the agent who accepted the chat is not told of her own gesture");

      var toSales = api.post("/chats/" + chatId + "/transfer", bob, new JsonObject().put("queue_id", sales));
      assertEquals(200, toSales.statusCode(), toSales.bodyAsString());
      assertEquals("waiting", toSales.bodyAsJsonObject().getString("state"));
      assertEquals("Sales", customer.await("chat.transferred").getString("queue"));
      assertEquals(sales, api.get("/tickets/" + queued.getLong("ticket_id"), alice)
          .bodyAsJsonObject().getInteger("queue_id"));
      assertEquals(200, api.post("/chats/" + chatId + "/accept", alice, null).statusCode());
      assertEquals("Test alice-agent", customer.await("chat.accepted").getString("agent"));
    }
  }

  private long ownerNotices(String token, long ticketId) {
    return api.get("/notifications", token).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast)
        .filter(n -> "ticket.owner".equals(n.getString("event")) && n.getLong("ticket_id") == ticketId).count();
  }

  @Test
  @DisplayName("moving a chat's ticket to another queue moves the open chat with it: its list and its audience")
  void chatFollowsItsTicket() {
    try (ChatCustomer customer = ChatCustomer.connect(server)) {
      JsonObject queued = customer.start("Pavel", "pavel@visitor.example", DESK, "move my ticket");
      long chatId = queued.getLong("chat_id");
      var moved = api.patch("/tickets/" + queued.getLong("ticket_id"), alice,
          new JsonObject().put("queue_id", sales));
      assertEquals(200, moved.statusCode(), moved.bodyAsString());
      assertEquals(sales, api.get("/chats/" + chatId, alice).bodyAsJsonObject()
          .getInteger("queue_id"));
      assertEquals(200, api.get("/chats/" + chatId, outsider).statusCode(),
          "an agent of the new queue sees it");
      assertEquals(404, api.get("/chats/" + chatId, reader).statusCode(),
          "an agent of the old queue only no longer does");
    }
  }

  @Test
  @DisplayName("agents need ro on the chat's queue to see it and note to accept it; customers cannot use the desk")
  void permissions() {
    try (ChatCustomer customer = ChatCustomer.connect(server); LiveClient readerLive = LiveClient.agent(server, reader);
         LiveClient outsiderLive = LiveClient.agent(server, outsider)) {
      for (LiveClient live : List.of(readerLive, outsiderLive)) {
        live.subscribe(null, "chats");
        live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      }
      long chatId = customer.start("Peggy", "peggy@visitor.example", DESK, "who can see me?").getLong("chat_id");
      readerLive.await(frame -> "chat.waiting".equals(frame.getString("event"))
          && frame.getJsonObject("data").getLong("chat_id") == chatId, 10);
      try (ChatCustomer salesCustomer = ChatCustomer.connect(server)) {
        long salesChat = salesCustomer.start("Pat", "pat@visitor.example", "Sales", "for sales").getLong("chat_id");
        List<JsonObject> frames = outsiderLive.framesUntil(frame -> "chat.waiting".equals(frame.getString("event"))
            && frame.getJsonObject("data").getLong("chat_id") == salesChat, 10);
        assertTrue(frames.stream().noneMatch(frame -> "event".equals(frame.getString("type"))
            && frame.getJsonObject("data").getLong("chat_id") == chatId), "no chat event without ro on its queue");
        salesCustomer.send(new JsonObject().put("type", "chat.close"));
        salesCustomer.await("chat.closed");
      }
      assertEquals(200, api.get("/chats/" + chatId, reader).statusCode());
      assertEquals(403, api.post("/chats/" + chatId + "/accept", reader, null).statusCode());
      assertEquals(404, api.get("/chats/" + chatId, outsider).statusCode());
      assertEquals(404, api.post("/chats/" + chatId + "/accept", outsider, null).statusCode());
      assertEquals(403, api.get("/chats", carol).statusCode());
      assertEquals(401, api.get("/chats", null).statusCode());
      assertEquals(409, api.post("/chats/" + chatId + "/messages", alice,
          new JsonObject().put("text", "not yet")).statusCode(), "a waiting chat is accepted first");
      assertEquals(422, api.post("/chats/" + chatId + "/messages", alice,
          new JsonObject().put("text", "   ")).statusCode());
      assertEquals(422, api.get("/chats?state=sleeping", alice).statusCode());
      assertEquals(404, api.get("/chats/999999999", alice).statusCode());
    }
  }

  @Test
  @DisplayName("waiting customers see their place in line move up, and the waiting summary and wallboard count them")
  void queuePositions() {
    fixtures.queue("Line", (Integer) server.scalar("SELECT group_id FROM queue WHERE id = ?", desk));
    try (ChatCustomer first = ChatCustomer.connect(server); ChatCustomer second = ChatCustomer.connect(server)) {
      long firstChat = first.start("Quentin", "q@visitor.example", "Line", null).getLong("chat_id");
      assertEquals(2, second.start("Rupert", "r@visitor.example", "Line", null).getInteger("position"));
      int line = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Line'")).intValue();
      JsonObject summary = TestServer.await(server.app().chats().waitingSummary()).stream()
          .map(JsonObject.class::cast).filter(queue -> queue.getInteger("queue_id") == line).findFirst().orElseThrow();
      assertEquals(2L, summary.getLong("waiting"), summary.encode());
      assertTrue(summary.getLong("longest_wait_seconds") >= 0, summary.encode());
      Await.until(Duration.ofSeconds(10), () -> api.get("/stats/wallboard", alice).bodyAsJsonObject()
          .getInteger("chats_waiting", 0) >= 2, () -> "the wallboard does not count them: "
          + api.get("/stats/wallboard", alice).bodyAsString());
      assertEquals(200, api.post("/chats/" + firstChat + "/accept", alice, null).statusCode());
      assertEquals(1, second.await("chat.position").getInteger("position"));
    }
  }

  @Test
  @DisplayName("the widget is one plain script served by the server, and it never renders text as HTML")
  void widgetIsServed() {
    var response = server.get("/chat-widget.js");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").contains("javascript"), response.getHeader("Content-Type"));
    String script = response.bodyAsString();
    assertTrue(script.contains("/ws/chat") && script.contains("sessionStorage") && script.contains("chat.resume"));
    assertFalse(script.contains("innerHTML") || script.contains("insertAdjacentHTML") || script.contains("document.write"));
  }
}
