package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A waiting chat in a queue that assigns automatically is offered to one free agent first, chosen as new tickets'
 * owners are; declined or run out, to the next; pull stays possible.
 */
@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"chat": {"seats_per_agent": 5, "starts_per_minute": 1000, "messages_per_minute": 10000}}"""})
class ChatOfferTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final Map<String, UUID> ids = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final List<AutoCloseable> open = new ArrayList<>();

  ChatOfferTest(TestServer server, Api api, Fixtures fixtures) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
  }

  @AfterEach
  void closeSockets() throws Exception {
    for (AutoCloseable socket : open) {
      socket.close();
    }
    open.clear();
  }

  /** A queue in its own group with the rule, and its agents (rw), signed in. */
  private String queue(String name, String admin, String rule, String... logins) {
    int group = fixtures.group(name.toLowerCase());
    int queue = fixtures.queue(name, group);
    for (String login : logins) {
      ids.put(login, fixtures.agent(login, "pw", group, "rw"));
      tokens.put(login, server.login(login, "pw"));
    }
    var mode = api.patch("/queues/" + queue, admin, new JsonObject().put("auto_assign", rule));
    assertEquals(200, mode.statusCode(), mode.bodyAsString());
    return name;
  }

  /** The agents have the console open: they are online. */
  private LiveClient online(String... logins) {
    LiveClient last = null;
    for (String login : logins) {
      last = LiveClient.agent(server, tokens.get(login));
      last.subscribe(null, "chats");
      open.add(last);
    }
    Await.until(Duration.ofSeconds(10), () -> List.of(logins).stream().allMatch(login -> (Long) server.scalar(
        "SELECT count(*) FROM live_presence WHERE ticket_id IS NULL AND user_id = ?", ids.get(login)) > 0),
        () -> "the agents did not come online");
    return last;
  }

  private long startChat(String queue, String name) {
    ChatCustomer customer = ChatCustomer.connect(server);
    open.add(customer);
    return customer.start(name, name.toLowerCase() + "@visitor.example", queue, "Hello").getLong("chat_id");
  }

  /** The chat as an agent of its queue lists it among the waiting. */
  private JsonObject listed(String token, long chatId) {
    var list = api.get("/chats?state=waiting", token);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    return list.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(chat -> chat.getLong("id") == chatId).findFirst().orElse(null);
  }

  private String offeredTo(long chatId) {
    Object agent = server.scalar("SELECT offered_to FROM chat WHERE id = ?", chatId);
    return agent == null ? null : ids.entrySet().stream().filter(entry -> entry.getValue().equals(agent))
        .map(Map.Entry::getKey).findFirst().orElse(agent.toString());
  }

  @Test
  @DisplayName("round robin offers a new chat to one of two online agents; she declines, it is offered to the other; "
      + "when he declines too it waits for everyone")
  void declinedGoesToTheNext(@Admin String admin) {
    String queue = queue("Offer Desk", admin, "round_robin", "of-ada", "of-bob");
    LiveClient console = online("of-ada", "of-bob");
    long chat = startChat(queue, "Olga");

    String first = offeredTo(chat);
    assertTrue(first != null && first.startsWith("of-"), "offered to " + first);
    String second = first.equals("of-ada") ? "of-bob" : "of-ada";
    JsonObject shown = listed(tokens.get(second), chat);
    assertEquals(ids.get(first).toString(), shown.getString("offered_to"), "the others still see it waiting");
    long left = Duration.between(Instant.now(), Instant.parse(shown.getString("offered_until"))).toSeconds();
    assertTrue(left > 20 && left <= 30, "offered for the default 30 s: " + left);
    JsonObject offered = console.await(frame -> "chat.offered".equals(frame.getString("event"))
        && frame.getJsonObject("data").getLong("chat_id") == chat, 10).getJsonObject("data");
    assertEquals(ids.get(first).toString(), offered.getString("offered_to"));
    assertNull(server.scalar("SELECT user_id FROM ticket WHERE id = (SELECT ticket_id FROM chat WHERE id = ?)", chat),
        "the chat's ticket gets its owner when someone accepts, not from the queue's assignment");

    assertEquals(403, api.post("/chats/" + chat + "/decline", tokens.get(second), null).statusCode(),
        "only the agent it is offered to declines");
    var declined = api.post("/chats/" + chat + "/decline", tokens.get(first), null);
    assertEquals(200, declined.statusCode(), declined.bodyAsString());
    assertEquals(ids.get(second).toString(), declined.bodyAsJsonObject().getString("offered_to"));
    assertEquals(second, offeredTo(chat));

    assertEquals(200, api.post("/chats/" + chat + "/decline", tokens.get(second), null).statusCode());
    assertNull(offeredTo(chat), "everyone had it: no one is offered it again");
    JsonObject waiting = listed(tokens.get(first), chat);
    assertNull(waiting.getValue("offered_to"));
    assertEquals("waiting", waiting.getString("state"));
    assertEquals(409, api.post("/chats/" + chat + "/decline", tokens.get(second), null).statusCode());
    assertEquals(404, api.post("/chats/" + (chat + 100_000) + "/decline", tokens.get(second), null).statusCode());
  }

  @Test
  @DisplayName("an offer that runs out (chat.offer_seconds) goes to the next agent, then to no one")
  void runOutGoesToTheNext(@Admin String admin) {
    String queue = queue("Expiry Desk", admin, "round_robin", "ex-ada", "ex-bob");
    online("ex-ada", "ex-bob");
    var shorter = api.patch("/settings", admin, new JsonObject().put("chat.offer_seconds", 2));
    assertEquals(200, shorter.statusCode(), shorter.bodyAsString());
    try {
      long chat = startChat(queue, "Eve");
      String first = offeredTo(chat);
      assertTrue(first != null && first.startsWith("ex-"), "offered to " + first);
      String second = first.equals("ex-ada") ? "ex-bob" : "ex-ada";
      Await.until(Duration.ofSeconds(10), () -> second.equals(offeredTo(chat)), () -> "still offered to " + first);
      Await.until(Duration.ofSeconds(10), () -> offeredTo(chat) == null, () -> "still offered to " + second);
      assertEquals("waiting", server.scalar("SELECT state FROM chat WHERE id = ?", chat));
      assertEquals(3L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'chat.offered' "
          + "AND data ->> 'chat_id' = ?", String.valueOf(chat)), "to one, to the other, to no one");
    } finally {
      api.patch("/settings", admin, new JsonObject().putNull("chat.offer_seconds"));
    }
  }

  @Test
  @DisplayName("an agent out of office and one offline are skipped")
  void outOfOfficeIsSkipped(@Admin String admin) {
    String queue = queue("Away Desk", admin, "least_open", "aw-away", "aw-here", "aw-offline");
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    assertEquals(200, api.put("/users/me/preferences", tokens.get("aw-away"), new JsonObject()
        .put("OutOfOfficeStart", today.minusDays(1).toString()).put("OutOfOfficeEnd", today.plusDays(1).toString()))
        .statusCode());
    online("aw-away", "aw-here");
    long chat = startChat(queue, "Ann");
    assertEquals("aw-here", offeredTo(chat));
    assertEquals(200, api.post("/chats/" + chat + "/decline", tokens.get("aw-here"), null).statusCode());
    assertNull(offeredTo(chat), "the one out of office and the one offline are never offered it");
  }

  @Test
  @DisplayName("a third agent may still accept a chat offered to someone else; the first accept wins")
  void anyoneMayStillAccept(@Admin String admin) {
    String queue = queue("Pull Desk", admin, "round_robin", "pu-offered", "pu-puller");
    online("pu-offered");
    long chat = startChat(queue, "Pia");
    assertEquals("pu-offered", offeredTo(chat));
    var accepted = api.post("/chats/" + chat + "/accept", tokens.get("pu-puller"), null);
    assertEquals(200, accepted.statusCode(), accepted.bodyAsString());
    assertEquals(ids.get("pu-puller").toString(), accepted.bodyAsJsonObject().getString("agent_user_id"));
    assertNull(accepted.bodyAsJsonObject().getValue("offered_to"), "accepted: offered to no one any more");
    assertEquals(409, api.post("/chats/" + chat + "/accept", tokens.get("pu-offered"), null).statusCode());
    assertEquals(409, api.post("/chats/" + chat + "/decline", tokens.get("pu-offered"), null).statusCode());
  }

  @Test
  @DisplayName("a chat handed to a queue that assigns automatically is offered to that queue's free agent")
  void transferredChatIsOffered(@Admin String admin) {
    String from = queue("Front Desk", admin, "off", "tr-front");
    queue("Back Desk", admin, "round_robin", "tr-back");
    online("tr-back");
    long chat = startChat(from, "Tom");
    assertEquals(200, api.post("/chats/" + chat + "/accept", tokens.get("tr-front"), null).statusCode());
    int back = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Back Desk'")).intValue();
    fixtures.grant(ids.get("tr-front"), ((Number) server.scalar("SELECT group_id FROM queue WHERE id = ?", back))
        .intValue(), "move_into");
    var moved = api.post("/chats/" + chat + "/transfer", tokens.get("tr-front"), new JsonObject().put("queue_id", back));
    assertEquals(200, moved.statusCode(), moved.bodyAsString());
    assertEquals("waiting", moved.bodyAsJsonObject().getString("state"));
    assertEquals(ids.get("tr-back").toString(), moved.bodyAsJsonObject().getString("offered_to"));
  }

  @Test
  @DisplayName("in a queue that does not assign automatically a chat is offered to no one and waits for everyone")
  void queueOffOffersNothing(@Admin String admin) {
    String queue = queue("Plain Desk", admin, "off", "pl-ada");
    LiveClient console = online("pl-ada");
    long chat = startChat(queue, "Paul");
    console.await(frame -> "chat.waiting".equals(frame.getString("event"))
        && frame.getJsonObject("data").getLong("chat_id") == chat, 10);
    assertNull(offeredTo(chat));
    assertNull(listed(tokens.get("pl-ada"), chat).getValue("offered_until"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'chat.offered' "
        + "AND data ->> 'chat_id' = ?", String.valueOf(chat)));
    assertEquals(409, api.post("/chats/" + chat + "/decline", tokens.get("pl-ada"), null).statusCode());
    assertEquals(403, api.post("/chats/" + chat + "/decline", fixtures.customerLogin(customer(), "pw"), null)
        .statusCode(), "chats are answered by agents");
  }

  private String customer() {
    fixtures.company("offer-co");
    fixtures.customer("offer-carl", "pw", "offer-co");
    return "offer-carl";
  }
}
