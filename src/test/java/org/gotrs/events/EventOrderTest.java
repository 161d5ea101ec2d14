package org.gotrs.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.slf4j.LoggerFactory;

/**
 * The event log's order without a lock between writers (db/V100): events are numbered once every older transaction
 * has ended, so a transaction that commits late still takes its place in front of the ones it began before, every
 * subscriber sees the same order, and an open transaction shows as lag instead of stalling the stream unnoticed.
 */
@GotrsServer(config = {GotrsServer.MANY_LOGINS})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EventOrderTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final List<String> warnings = new CopyOnWriteArrayList<>();
  private final AppenderBase<ILoggingEvent> sequencerLog = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
        warnings.add(event.getFormattedMessage());
      }
    }
  };
  private int queue;
  private String agent;

  EventOrderTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("order");
    queue = fixtures.queue("Order", group);
    fixtures.agent("order-agent", "pw", group, "rw");
    agent = server.login("order-agent", "pw");
    sequencerLog.start();
    sequencerLogger().addAppender(sequencerLog);
  }

  @AfterAll
  void detach() {
    sequencerLogger().detachAppender(sequencerLog);
  }

  private static Logger sequencerLogger() {
    return (Logger) LoggerFactory.getLogger(Sequencer.class);
  }

  @Test
  @DisplayName("two transactions that commit in the opposite order to their event writes reach every subscriber, live "
      + "and on replay, in one order with no gap and no duplicate")
  void oppositeCommitOrder() throws SQLException {
    long ticket = fixtures.ticket(agent, queue, "Order of two", "start").getLong("id");
    long since = settledNewestSeq();
    try (LiveClient first = LiveClient.agent(server, agent); LiveClient second = LiveClient.agent(server, agent);
         Connection early = TestDatabase.connect(server.database())) {
      first.subscribe(null, "queue:" + queue);
      second.subscribe(null, "ticket:" + ticket);
      first.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      second.await(frame -> "subscribed".equals(frame.getString("type")), 5);

      early.setAutoCommit(false);
      writeEscalation(early, ticket, "written first");
      assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, agent,
          new JsonObject().put("title", "written second, committed first")).statusCode());
      Await.until(Duration.ofSeconds(5), () -> metric("gotrs_events_unstamped") >= 1,
          () -> "the committed change waits for the open transaction: " + metric("gotrs_events_unstamped"));
      early.commit();

      List<String> live = received(first);
      assertEquals(List.of("escalation.breached", "ticket.updated"), names(live));
      assertEquals(live, received(second), "both subscribers see one order");
      try (LiveClient replay = LiveClient.agent(server, agent)) {
        replay.subscribe(since, "queue:" + queue);
        assertEquals(live, received(replay), "the replay sees the same order and numbers");
        replay.send(new JsonObject().put("type", "ping"));
        List<JsonObject> rest = replay.framesUntil(frame -> "pong".equals(frame.getString("type")), 5);
        assertEquals(0, rest.stream().filter(frame -> "event".equals(frame.getString("type"))).count(),
            "nothing twice: " + rest);
      }
    }
    assertEquals(0.0, metric("gotrs_events_unstamped"));
  }

  @Test
  @DisplayName("a transaction held open for 10 s shows as lag in /metrics and as a warning naming it; once it commits "
      + "every event arrives, in order, once")
  void longTransaction() throws SQLException {
    long ticket = fixtures.ticket(agent, queue, "Held back", "start").getLong("id");
    long since = settledNewestSeq();
    long opened = System.nanoTime();
    int pid;
    try (Connection open = TestDatabase.connect(server.database())) {
      open.setAutoCommit(false);
      pid = backendPid(open);
      writeEscalation(open, ticket, "from the long transaction");
      for (int i = 1; i <= 3; i++) {
        assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, agent,
            new JsonObject().put("title", "change " + i)).statusCode());
      }
      Await.until(Duration.ofSeconds(9), () -> metric("gotrs_events_unstamped") >= 3
              && metric("gotrs_events_unstamped_age_seconds") >= 5
              && warnings.stream().anyMatch(warning -> warning.contains("pid " + pid)),
          () -> "lag shown: " + metric("gotrs_events_unstamped") + " events, "
              + metric("gotrs_events_unstamped_age_seconds") + " s; warnings " + warnings);
      try (LiveClient live = LiveClient.agent(server, agent)) {
        live.subscribe(since, "ticket:" + ticket);
        live.send(new JsonObject().put("type", "ping"));
        List<JsonObject> meanwhile = live.framesUntil(frame -> "pong".equals(frame.getString("type")), 5);
        assertEquals(0, meanwhile.stream().filter(frame -> "event".equals(frame.getString("type"))).count(),
            "nothing after the open transaction is sent before it ends: " + meanwhile);
      }
      Await.during(Duration.ofNanos(Math.max(0, Duration.ofSeconds(10).toNanos() - (System.nanoTime() - opened))));
      open.commit();
    }
    try (LiveClient live = LiveClient.agent(server, agent)) {
      live.subscribe(since, "ticket:" + ticket);
      List<String> events = new ArrayList<>();
      long previous = since;
      for (int i = 0; i < 4; i++) {
        JsonObject event = live.await(frame -> "event".equals(frame.getString("type")), 10);
        assertTrue(event.getLong("seq") > previous, "in order: " + event);
        previous = event.getLong("seq");
        events.add(event.getString("event") + " " + title(event));
      }
      assertEquals(List.of("escalation.breached from the long transaction", "ticket.updated change 1",
          "ticket.updated change 2", "ticket.updated change 3"), events);
      live.send(new JsonObject().put("type", "ping"));
      List<JsonObject> rest = live.framesUntil(frame -> "pong".equals(frame.getString("type")), 5);
      assertEquals(0, rest.stream().filter(frame -> "event".equals(frame.getString("type"))).count(),
          "nothing twice: " + rest);
    }
    Await.until(Duration.ofSeconds(5), () -> metric("gotrs_events_unstamped") == 0
        && metric("gotrs_events_unstamped_age_seconds") == 0, () -> "no lag once it ended");
  }

  /** The newest number once everything committed so far is numbered: where a replay of what follows starts. */
  private long settledNewestSeq() {
    Await.until(Duration.ofSeconds(10), () -> ((Number) server.scalar("SELECT count(*) FROM event_log WHERE seq IS NULL"))
        .longValue() == 0, () -> "events numbered");
    return ((Number) server.scalar("SELECT coalesce(max(seq), 0) FROM event_log")).longValue();
  }

  /** An escalation event written the way the server writes events, in a transaction the test holds. */
  private void writeEscalation(Connection connection, long ticket, String title) throws SQLException {
    try (PreparedStatement write = connection.prepareStatement("""
        WITH written AS (
               INSERT INTO event_log (xid, name, topics, data)
               SELECT pg_current_xact_id(), 'escalation.breached', ARRAY[?, ?]::text[], ?::jsonb RETURNING id)
        SELECT pg_notify(?, '') FROM written""")) {
      write.setString(1, "queue:" + queue);
      write.setString(2, "ticket:" + ticket);
      write.setString(3, new JsonObject().put("ticket_id", ticket).put("title", title).put("queue_id", queue).put("kind", "solution")
          .encode());
      write.setString(4, DomainEvents.CHANNEL);
      write.execute();
    }
  }

  private static int backendPid(Connection connection) throws SQLException {
    try (PreparedStatement query = connection.prepareStatement("SELECT pg_backend_pid()");
         ResultSet rows = query.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  /** The two events of the pair as they arrive, as "seq name title". */
  private static List<String> received(LiveClient live) {
    List<String> events = new ArrayList<>();
    while (events.size() < 2) {
      JsonObject event = live.await(frame -> "event".equals(frame.getString("type"))
          && String.valueOf(title(frame)).startsWith("written "), 10);
      events.add(event.getLong("seq") + " " + event.getString("event") + " " + title(event));
    }
    return events;
  }

  private static List<String> names(List<String> events) {
    return events.stream().map(event -> event.split(" ")[1]).toList();
  }

  private static String title(JsonObject event) {
    JsonObject data = event.getJsonObject("data");
    return data.containsKey("ticket") ? data.getJsonObject("ticket").getString("title") : data.getString("title");
  }

  private double metric(String name) {
    return server.get("/metrics").bodyAsString().lines().filter(line -> line.startsWith(name + " "))
        .mapToDouble(line -> Double.parseDouble(line.substring(name.length() + 1).trim())).findFirst().orElse(-1);
  }
}
