package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The {@code views} topic: an agent's view counts, pushed when they change, to that agent only. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class ViewCountsLiveTest {

  private static long view(Api api, String token, String name, JsonObject filters) {
    var response = api.post("/views", token, new JsonObject().put("name", name).put("filters", filters));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getLong("id");
  }

  private static Long countIn(JsonObject frame, long viewId) {
    JsonArray items = frame.getJsonObject("data").getJsonArray("items");
    return items.stream().map(JsonObject.class::cast).filter(item -> item.getLong("view_id") == viewId)
        .map(item -> item.getLong("count")).findFirst().orElse(null);
  }

  private static boolean counts(JsonObject frame) {
    return "event".equals(frame.getString("type")) && "views.counts".equals(frame.getString("event"))
        && "views".equals(frame.getString("topic"));
  }

  @Test
  @DisplayName("subscribing to views sends every count; a new ticket pushes the counts that changed, and only those")
  void pushesChangedCounts(TestServer server, Fixtures fixtures, Api api) {
    int group = fixtures.group("live-views");
    int queue = fixtures.queue("Live views", group);
    int other = fixtures.queue("Live views other", group);
    fixtures.agent("live-viewer", "pw", group, "rw");
    String token = server.login("live-viewer", "pw");
    long here = view(api, token, "In the desk", new JsonObject().put("queue_id", String.valueOf(queue)));
    long there = view(api, token, "In the other", new JsonObject().put("queue_id", String.valueOf(other)));
    fixtures.ticket(token, queue, "Already there", "x");

    try (LiveClient live = LiveClient.agent(server, token)) {
      live.subscribe(null, "views");
      JsonObject first = live.await(ViewCountsLiveTest::counts, 10);
      assertEquals(1L, countIn(first, here));
      assertEquals(0L, countIn(first, there));

      fixtures.ticket(token, queue, "One more", "x");
      JsonObject pushed = live.await(ViewCountsLiveTest::counts, 5);
      assertEquals(2L, countIn(pushed, here));
      assertEquals(null, countIn(pushed, there), "an unchanged count is not sent: " + pushed.encode());
    }
  }

  @Test
  @DisplayName("a count taken while committed events wait for their number includes them once, not again when they "
      + "are numbered")
  void countWhileEventsWaitForTheirNumber(TestServer server, Fixtures fixtures, Api api) throws SQLException {
    int group = fixtures.group("views-unnumbered");
    int queue = fixtures.queue("Views unnumbered", group);
    fixtures.agent("views-waiter", "pw", group, "rw");
    String token = server.login("views-waiter", "pw");
    long here = view(api, token, "Waiting desk", new JsonObject().put("queue_id", String.valueOf(queue)));

    try (LiveClient live = LiveClient.agent(server, token)) {
      try (Connection open = TestDatabase.connect(server.database())) {
        // an open transaction with an id: events committed after it wait for their number until it ends
        open.setAutoCommit(false);
        try (Statement statement = open.createStatement()) {
          statement.execute("SELECT pg_current_xact_id()");
        }
        fixtures.ticket(token, queue, "Waiting one", "x");
        fixtures.ticket(token, queue, "Waiting two", "x");
        live.subscribe(null, "views");
        assertEquals(2L, countIn(live.await(ViewCountsLiveTest::counts, 10), here));
        open.commit();
      }
      fixtures.ticket(token, queue, "Numbered three", "x");
      JsonObject pushed = live.await(frame -> counts(frame) && countIn(frame, here) != null, 10);
      assertEquals(3L, countIn(pushed, here), "the two waiting tickets are not counted again: " + pushed.encode());
    }
  }

  @Test
  @DisplayName("an agent who cannot read the ticket's queue is not pushed anything, and customers may not subscribe")
  void othersHearNothing(TestServer server, Fixtures fixtures, Api api) {
    int mine = fixtures.group("views-mine");
    int theirs = fixtures.group("views-theirs");
    int myQueue = fixtures.queue("Views mine", mine);
    int theirQueue = fixtures.queue("Views theirs", theirs);
    fixtures.agent("views-me", "pw", mine, "rw");
    fixtures.agent("views-them", "pw", theirs, "rw");
    String me = server.login("views-me", "pw");
    String them = server.login("views-them", "pw");
    view(api, me, "Mine open", new JsonObject().put("state_type", "new,open"));

    try (LiveClient live = LiveClient.agent(server, me)) {
      live.subscribe(null, "views", "queue:" + myQueue);
      live.await(ViewCountsLiveTest::counts, 10);
      fixtures.ticket(them, theirQueue, "Not for me", "x");
      long mineAfter = fixtures.ticket(me, myQueue, "For me", "x").getLong("id");
      // the counts frame that follows the second ticket is the first since subscribing: the first pushed nothing
      List<JsonObject> frames = live.framesUntil(ViewCountsLiveTest::counts, 10);
      assertTrue(frames.stream().anyMatch(frame -> "ticket.created".equals(frame.getString("event"))
          && frame.getJsonObject("data").getJsonObject("ticket").getLong("id") == mineAfter), frames.toString());
    }

    fixtures.company("views-co");
    fixtures.customer("views-customer", "pw", "views-co");
    String customer = fixtures.customerLogin("views-customer", "pw");
    try (LiveClient live = LiveClient.agent(server, customer)) {
      live.subscribe(null, "views");
      JsonObject refused = live.await(frame -> "error".equals(frame.getString("type")), 5);
      assertEquals("forbidden", refused.getString("code"));
    }
  }

  @Test
  @DisplayName("counts follow moves, closes, owners and tags from the events' before and after state, and end equal to GET /views/counts")
  void countsFollowChanges(TestServer server, Fixtures fixtures, Api api) {
    int group = fixtures.group("views-follow");
    int from = fixtures.queue("Views follow from", group);
    int to = fixtures.queue("Views follow to", group);
    int hiddenGroup = fixtures.group("views-follow-hidden");
    int hidden = fixtures.queue("Views follow hidden", hiddenGroup);
    UUID follower = fixtures.agent("views-follower", "pw", group, "rw");
    String token = server.login("views-follower", "pw");
    fixtures.grant(follower, hiddenGroup, "move_into");
    long inFrom = view(api, token, "Open in from", new JsonObject().put("queue_id", String.valueOf(from))
        .put("state_type", "new,open"));
    long inTo = view(api, token, "In to", new JsonObject().put("queue_id", String.valueOf(to)));
    long mine = view(api, token, "Mine", new JsonObject().put("owner_id", "me"));
    long tagged = view(api, token, "Tagged vip", new JsonObject().put("tag", "vip"));
    List<Long> tickets = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      tickets.add(fixtures.ticket(token, from, "Follow " + i, "x").getLong("id"));
    }

    try (LiveClient live = LiveClient.agent(server, token)) {
      live.subscribe(null, "views");
      JsonObject first = live.await(ViewCountsLiveTest::counts, 10);
      assertEquals(6L, countIn(first, inFrom));
      Map<Long, Long> last = new HashMap<>();
      remember(first, last);

      patch(api, token, tickets.get(0), new JsonObject().put("queue_id", to));
      patch(api, token, tickets.get(1), new JsonObject().put("state", "closed successful"));
      patch(api, token, tickets.get(2), new JsonObject().put("tags", new JsonArray().add("vip")));
      patch(api, token, tickets.get(3), new JsonObject().put("owner_id", follower.toString()));
      patch(api, token, tickets.get(4), new JsonObject().put("queue_id", hidden));
      patch(api, token, tickets.get(2), new JsonObject().put("tags", new JsonArray().add("vip").add("more")));

      Map<Long, Long> expected = Map.of(inFrom, 3L, inTo, 1L, mine, 1L, tagged, 1L);
      live.await(frame -> {
        if (counts(frame)) {
          remember(frame, last);
        }
        return expected.entrySet().stream().allMatch(entry -> entry.getValue().equals(last.get(entry.getKey())));
      }, 10);

      JsonArray exact = api.get("/views/counts", token).bodyAsJsonObject().getJsonArray("items");
      for (Object item : exact) {
        JsonObject count = (JsonObject) item;
        assertEquals(count.getLong("count"), last.get(count.getLong("view_id")), "view " + count.encode());
      }
    }
  }

  @Test
  @DisplayName("a clock view (\"Pending reached\") counted again for two agents who read different queues gives each "
      + "their own count, equal to GET /views/counts")
  void clockViewsCountedForEachReader(TestServer server, Fixtures fixtures, Api api) {
    int shared = fixtures.group("views-clock-shared");
    int own = fixtures.group("views-clock-own");
    int both = fixtures.queue("Views clock both", shared);
    int second = fixtures.queue("Views clock second", own);
    fixtures.agent("views-clock-one", "pw", shared, "rw");
    UUID wide = fixtures.agent("views-clock-two", "pw", shared, "rw");
    fixtures.grant(wide, own, "rw");
    String one = server.login("views-clock-one", "pw");
    String two = server.login("views-clock-two", "pw");
    long first = fixtures.ticket(two, both, "Clock first", "x").getLong("id");
    long hidden = fixtures.ticket(two, second, "Clock hidden", "x").getLong("id");
    long later = fixtures.ticket(two, both, "Clock later", "x").getLong("id");
    remindedAlready(server, first, hidden);
    long reached = api.get("/views", one).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(view -> "Pending reached".equals(view.getString("name")))
        .findFirst().orElseThrow().getLong("id");

    try (LiveClient narrow = LiveClient.agent(server, one); LiveClient broad = LiveClient.agent(server, two)) {
      narrow.subscribe(null, "views");
      broad.subscribe(null, "views");
      assertEquals(1L, countIn(narrow.await(ViewCountsLiveTest::counts, 10), reached));
      assertEquals(2L, countIn(broad.await(ViewCountsLiveTest::counts, 10), reached));

      remindedAlready(server, later);
      patch(api, two, later, new JsonObject().put("title", "Clock later, renamed"));
      assertEquals(2L, countIn(narrow.await(frame -> counts(frame) && countIn(frame, reached) != null, 10), reached));
      assertEquals(3L, countIn(broad.await(frame -> counts(frame) && countIn(frame, reached) != null, 10), reached));
    }
    for (String token : List.of(one, two)) {
      JsonArray exact = api.get("/views/counts", token).bodyAsJsonObject().getJsonArray("items");
      long count = exact.stream().map(JsonObject.class::cast).filter(item -> item.getLong("view_id") == reached)
          .findFirst().orElseThrow().getLong("count");
      assertEquals(token.equals(one) ? 2L : 3L, count);
    }
  }

  /** Puts the tickets in "pending reminder" reached a minute ago (no event: the next change of each makes it count). */
  private static void remindedAlready(TestServer server, long... tickets) {
    for (long ticket : tickets) {
      server.sql("""
          UPDATE ticket SET until_time = extract(epoch FROM now())::int - 60,
                 ticket_state_id = (SELECT id FROM ticket_state WHERE name = 'pending reminder')
           WHERE id = ?""", ticket);
    }
  }

  /** The counts a frame pushed, over those pushed before. */
  private static void remember(JsonObject frame, Map<Long, Long> last) {
    for (Object item : frame.getJsonObject("data").getJsonArray("items")) {
      last.put(((JsonObject) item).getLong("view_id"), ((JsonObject) item).getLong("count"));
    }
  }

  private static void patch(Api api, String token, long ticket, JsonObject changes) {
    var response = api.patch("/tickets/" + ticket, token, changes);
    assertEquals(200, response.statusCode(), response.bodyAsString());
  }
}
