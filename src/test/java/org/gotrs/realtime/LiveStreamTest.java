package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"http": {"send_buffer_bytes": 4096}, "realtime": {"max_queued_bytes": 16384, "presence_ttl_seconds": 3}}"""})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LiveStreamTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int queue;
  private int otherQueue;
  private String agent;
  private String outsider;
  private UUID agentId;

  LiveStreamTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("live");
    int other = fixtures.group("other");
    queue = fixtures.queue("Live", group);
    otherQueue = fixtures.queue("Other", other);
    agentId = fixtures.agent("live-agent", "pw", group, "rw");
    fixtures.agent("live-outsider", "pw", other, "rw");
    agent = server.login("live-agent", "pw");
    outsider = server.login("live-outsider", "pw");
  }

  private static boolean isTicketCreated(JsonObject frame, long ticketId) {
    return "ticket.created".equals(frame.getString("event")) && isAbout(frame, ticketId);
  }

  /** An event frame whose data names the ticket. */
  private static boolean isAbout(JsonObject frame, long ticketId) {
    JsonObject data = "event".equals(frame.getString("type")) ? frame.getJsonObject("data") : null;
    if (data == null) {
      return false;
    }
    JsonObject ticket = data.getJsonObject("ticket");
    Long id = ticket != null ? ticket.getLong("id") : data.getLong("ticket_id");
    return id != null && id == ticketId;
  }

  @Test
  @DisplayName("a ticket created through REST arrives as ticket.created on its queue topic")
  void ticketCreatedArrives() {
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(null, "queue:" + queue);
      live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      JsonObject ticket = fixtures.ticket(agent, queue, "Live one", "hello");
      JsonObject event = live.awaitEvent("ticket.created", 5);
      assertEquals("queue:" + queue, event.getString("topic"));
      assertEquals(ticket.getLong("id"), event.getJsonObject("data").getJsonObject("ticket").getLong("id"));
      assertTrue(event.getLong("seq") > 0);
      JsonObject article = live.awaitEvent("article.created", 5);
      assertEquals("web", article.getJsonObject("data").getString("source"));
    }
  }

  @Test
  @DisplayName("an agent without the queue's group gets forbidden and never sees its events")
  void forbiddenTopic() {
    try (LiveClient live = LiveClient.agent(server, outsider)) {
      live.subscribe(null, "queue:" + queue, "queue:" + otherQueue);
      JsonObject error = live.await(frame -> "error".equals(frame.getString("type")), 5);
      assertEquals("forbidden", error.getString("code"));
      assertEquals("queue:" + queue, error.getString("topic"));
      fixtures.ticket(agent, queue, "Not for outsiders", "secret");
      long mine = fixtures.ticket(outsider, otherQueue, "For the outsider", "later").getLong("id");
      List<JsonObject> frames = live.framesUntil(frame -> isTicketCreated(frame, mine), 5);
      assertTrue(frames.stream().filter(frame -> "event".equals(frame.getString("type")))
          .allMatch(frame -> isAbout(frame, mine)), "only the outsider's own ticket: " + frames);
    }
  }

  @Test
  @DisplayName("after a disconnect, resuming with since replays exactly the missed events in order, then live")
  void resumeWithSince() {
    long since;
    JsonObject ticket = fixtures.ticket(agent, queue, "Resume me", "start");
    long id = ticket.getLong("id");
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(null, "ticket:" + id);
      live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("title", "before the drop"));
      since = live.awaitEvent("ticket.updated", 5).getLong("seq");
    }
    for (int i = 1; i <= 5; i++) {
      assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent,
          new JsonObject().put("title", "missed " + i)).statusCode());
    }
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(since, "ticket:" + id);
      List<String> titles = new ArrayList<>();
      long previous = since;
      for (int i = 0; i < 5; i++) {
        JsonObject event = live.awaitEvent("ticket.updated", 5);
        assertTrue(event.getLong("seq") > previous, "in order");
        previous = event.getLong("seq");
        titles.add(event.getJsonObject("data").getJsonObject("ticket").getString("title"));
      }
      assertEquals(List.of("missed 1", "missed 2", "missed 3", "missed 4", "missed 5"), titles);
      server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("title", "live again"));
      JsonObject live6 = live.awaitEvent("ticket.updated", 5);
      assertEquals("live again", live6.getJsonObject("data").getJsonObject("ticket").getString("title"));
      server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("title", "last"));
      List<JsonObject> frames = live.framesUntil(frame -> "ticket.updated".equals(frame.getString("event"))
          && "last".equals(frame.getJsonObject("data").getJsonObject("ticket").getString("title")), 5);
      assertEquals(1, frames.stream().filter(frame -> "event".equals(frame.getString("type"))).count(),
          "no duplicates: " + frames);
    }
  }

  @Test
  @DisplayName("resuming over a backlog far larger than the write queue delivers all of it, not a slow-consumer cut")
  void resumeOverALargeBacklog() {
    long id = fixtures.ticket(agent, queue, "Backlog", "start").getLong("id");
    long since = (Long) server.scalar("SELECT coalesce(max(seq), 0) FROM event_log");
    int missed = 200;
    String padding = "x".repeat(200);
    for (int i = 1; i <= missed; i++) {
      assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent,
          new JsonObject().put("title", "missed " + i + " " + padding)).statusCode());
    }
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(since, "ticket:" + id);
      long previous = since;
      for (int i = 1; i <= missed; i++) {
        JsonObject event = live.awaitEvent("ticket.updated", 10);
        assertTrue(event.getLong("seq") > previous, "in order");
        previous = event.getLong("seq");
        assertEquals("missed " + i + " " + padding, event.getJsonObject("data").getJsonObject("ticket").getString("title"));
      }
      assertFalse(live.isClosed(), "not cut off: " + live.closeReason());
    }
  }

  @Test
  @DisplayName("a client that stops reading is cut off with a resume hint while others keep receiving")
  void slowClientIsCutOff() {
    JsonObject ticket = fixtures.ticket(agent, queue, "Busy ticket", "x".repeat(2000));
    long id = ticket.getLong("id");
    var tinyBuffer = new io.vertx.core.http.WebSocketClientOptions().setReceiveBufferSize(2048);
    try (LiveClient slow = LiveClient.agent(server, agent, tinyBuffer); LiveClient fast = LiveClient.agent(server, agent)) {
      slow.subscribe(null, "ticket:" + id);
      fast.subscribe(null, "ticket:" + id);
      slow.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      fast.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      slow.socket().pause();
      for (int i = 0; i < 150; i++) {
        server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, new JsonObject().put("title", "change " + i + " " + "y".repeat(200)));
      }
      // the ticket's own ticket.created and article.created may still be on their way when the clients subscribe
      JsonObject last = fast.await(frame -> "ticket.updated".equals(frame.getString("event"))
          && frame.getJsonObject("data").getJsonObject("ticket").getString("title").startsWith("change 149 "), 30);
      assertEquals("ticket:" + id, last.getString("topic"));
      slow.socket().resume();
      assertEquals((short) 4408, slow.awaitClose(10), "the slow client was disconnected");
      assertTrue(slow.closeReason().contains("resume since"), slow.closeReason());
    }
  }

  @Test
  @DisplayName("presence shows who views a ticket and clears when the viewer leaves or vanishes")
  void presence() {
    JsonObject ticket = fixtures.ticket(agent, queue, "Watched", "body");
    long id = ticket.getLong("id");
    try (LiveClient watcher = LiveClient.agent(server, agent)) {
      watcher.subscribe(null, "ticket:" + id);
      watcher.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      try (LiveClient viewer = LiveClient.agent(server, agent)) {
        viewer.send(new JsonObject().put("type", "presence").put("ticket_id", id).put("state", "composing"));
        JsonObject changed = watcher.awaitEvent("presence.changed", 5);
        JsonObject who = changed.getJsonObject("data").getJsonArray("viewers").getJsonObject(0);
        assertEquals("live-agent", who.getString("login"));
        assertEquals("composing", who.getString("state"));
      }
      JsonObject cleared = watcher.awaitEvent("presence.changed", 5);
      assertTrue(cleared.getJsonObject("data").getJsonArray("viewers").isEmpty());

      UUID vanished = UUID.randomUUID();
      server.sql("""
          INSERT INTO live_presence (connection_id, user_id, node_id, ticket_id, state, expires_at)
          VALUES (?, ?, ?, ?, 'viewing', (now() AT TIME ZONE 'UTC') + interval '1 second')""",
          vanished, agentId, UUID.randomUUID(), id);
      JsonObject expired = watcher.await(frame -> "presence.changed".equals(frame.getString("event"))
          && frame.getJsonObject("data").getJsonArray("viewers").isEmpty(), 15);
      assertEquals(id, expired.getJsonObject("data").getLong("ticket_id"));
    }
  }

  @Test
  @DisplayName("revoking the agent's group stops that queue's events on an open connection")
  void revokedGroupStopsEvents() {
    int group = fixtures.group("revocable");
    int revocable = fixtures.queue("Revocable", group);
    int keptGroup = fixtures.group("kept");
    int kept = fixtures.queue("Kept", keptGroup);
    UUID user = fixtures.agent("revoked-agent", "pw", group, "ro");
    fixtures.grant(user, keptGroup, "ro");
    String token = server.login("revoked-agent", "pw");
    String admin = server.loginAdmin();
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
        + "SELECT id, g, 'rw', 1 FROM users, unnest(ARRAY[?, ?]) AS g WHERE login = 'root@localhost'",
        group, keptGroup);
    try (LiveClient live = LiveClient.agent(server, token)) {
      live.subscribe(null, "queue:" + revocable, "queue:" + kept);
      live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      fixtures.ticket(admin, revocable, "Still visible", "x");
      live.awaitEvent("ticket.created", 5);
      assertEquals(200, server.send(HttpMethod.PUT, "/api/v1/users/" + user + "/groups/" + group, admin,
          new JsonObject().put("permissions", new io.vertx.core.json.JsonArray())).statusCode());
      JsonObject revoked = live.await(frame -> "error".equals(frame.getString("type")), 5);
      assertEquals("forbidden", revoked.getString("code"));
      assertEquals("queue:" + revocable, revoked.getString("topic"));
      fixtures.ticket(admin, revocable, "No longer visible", "x");
      long visible = fixtures.ticket(admin, kept, "Still on a kept queue", "x").getLong("id");
      List<JsonObject> frames = live.framesUntil(frame -> isTicketCreated(frame, visible), 5);
      assertTrue(frames.stream().filter(frame -> "event".equals(frame.getString("type")))
          .allMatch(frame -> isAbout(frame, visible)), "nothing from the revoked queue: " + frames);
    }
  }

  @Test
  @DisplayName("resuming from before the retained log gets resync instead of a silent gap")
  void resyncWhenTooOld() {
    server.sql("UPDATE event_log_horizon SET pruned_through = 5 WHERE id = 1");
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(2L, "queue:" + queue);
      JsonObject resync = live.await(frame -> "resync".equals(frame.getString("type")), 5);
      assertEquals("queue:" + queue, resync.getString("topic"));
      fixtures.ticket(agent, queue, "After resync", "x");
      live.awaitEvent("ticket.created", 5);
    } finally {
      server.sql("UPDATE event_log_horizon SET pruned_through = 0 WHERE id = 1");
    }
  }

  @Test
  @DisplayName("live-stream metrics count connections and delivered events")
  void metrics() {
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(null, "queue:" + queue);
      live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      fixtures.ticket(agent, queue, "Counted", "x");
      live.awaitEvent("ticket.created", 5);
      String metrics = server.get("/metrics").bodyAsString();
      assertTrue(metrics.contains("gotrs_websocket_connections"), "connections gauge");
      assertTrue(metrics.contains("gotrs_events_delivered_total"), "delivered counter");
      assertTrue(metrics.contains("gotrs_event_lag_seconds"), "lag timer");
    }
  }

  @Test
  @DisplayName("without authentication in the first frame the server closes with 4401; bad frames get errors")
  void authenticationAndBadFrames() {
    try (LiveClient anonymous = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      anonymous.send(new JsonObject().put("type", "subscribe").put("topics", new io.vertx.core.json.JsonArray().add("wallboard")));
      assertEquals((short) 4401, anonymous.awaitClose(5));
    }
    try (LiveClient forged = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      forged.send(new JsonObject().put("type", "auth").put("token", "not-a-token"));
      assertEquals((short) 4401, forged.awaitClose(5));
    }
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.sendRaw("{not json");
      assertEquals("bad_request", live.await(frame -> "error".equals(frame.getString("type")), 5).getString("code"));
      live.send(new JsonObject().put("type", "dance"));
      assertEquals("unknown_type", live.await(frame -> "error".equals(frame.getString("type")), 5).getString("code"));
      live.send(new JsonObject().put("type", "ping"));
      live.await(frame -> "pong".equals(frame.getString("type")), 5);
    }
  }

  @Test
  @DisplayName("a ticket handed to another company's customer: its new customer, replaying, does not learn whose it was")
  void previousCustomerStaysHidden() {
    fixtures.company("live-co-a");
    fixtures.company("live-co-b");
    fixtures.customer("live-cust-a", "pw", "live-co-a");
    UUID b = fixtures.customer("live-cust-b", "pw", "live-co-b");
    long ticketId = fixtures.ticket(agent, queue, "Handed on", "x").getLong("id");
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticketId, agent,
        new JsonObject().put("customer_user", "live-cust-a")).statusCode());
    long since = ((Number) server.scalar("SELECT coalesce(max(seq), 0) FROM event_log")).longValue();
    var handed = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticketId, agent,
        new JsonObject().put("customer_user", "live-cust-b"));
    assertEquals(200, handed.statusCode(), handed.bodyAsString());

    try (LiveClient live = LiveClient.agent(server, fixtures.customerLogin("live-cust-b", "pw"))) {
      live.subscribe(since, "ticket:" + ticketId);
      JsonObject updated = live.await(frame -> "ticket.updated".equals(frame.getString("event")), 10);
      JsonObject data = updated.getJsonObject("data");
      assertEquals(b.toString(), data.getJsonObject("ticket").getString("customer_user_id"));
      assertFalse(data.getJsonObject("previous").containsKey("customer_user_id"), updated.encode());
      assertFalse(data.getJsonObject("previous").containsKey("customer_id"), updated.encode());
    }
  }
}
