package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The live stream against REST, caller by caller: every kind of event about one customer's ticket (changes with
 * custom fields, internal and public articles, presence, escalation, a chat, the wallboard, a move to a queue some
 * cannot read) is made while six callers listen, then replayed to each with {@code since}. What each receives, live
 * and replayed, must be what REST shows that caller: nothing of what REST hides, and the same both ways.
 */
@Tag("drills")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamVisibilityDrillTest {

  enum Caller {
    CUSTOMER, COLLEAGUE, OTHER_CUSTOMER, AGENT_RO, AGENT_WITHOUT_GROUP, ADMIN_WITHOUT_GROUP;

    boolean customer() {
      return this == CUSTOMER || this == COLLEAGUE || this == OTHER_CUSTOMER;
    }
  }

  private static final String PASSWORD = "stream-pass-1";
  private static final String HIDDEN_FIELD_VALUE = "hidden-score-4711";
  private static final String INTERNAL_BODY = "internal-words-0815";
  private static final Set<String> AGENT_ONLY = Set.of("escalation.warning", "escalation.breached", "presence.changed",
      "stats.updated", "ticket.pending_reminder", "notification.created", "chat.waiting", "chat.accepted",
      "chat.message", "chat.closed", "chat.typing", "chat.read", "chat.transferred", "chat.offered");

  private TestServer server;
  private final Map<Caller, String> tokens = new EnumMap<>(Caller.class);
  private String actor;
  private int queue;
  private int otherQueue;
  private long ticket;

  @BeforeAll
  void start() {
    // 65 s ahead: a one-minute response time given to a ticket created just now is warned of and breached at once
    server = TestServer.start(TestDatabase.migrated(), Map.of(), Servers.unthrottled(),
        Clock.offset(Clock.systemUTC(), Duration.ofSeconds(65))).awaitReady();
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("stream-desk");
    int otherGroup = fixtures.group("stream-back-office");
    queue = fixtures.queue("Stream desk", group);
    otherQueue = fixtures.queue("Stream back office", otherGroup);
    UUID rw = fixtures.agent("stream-rw", PASSWORD, group, "rw");
    fixtures.grant(rw, otherGroup, "rw");
    fixtures.agent("stream-ro", PASSWORD, group, "ro");
    fixtures.agent("stream-none", PASSWORD, null);
    UUID admin = fixtures.agent("stream-admin", PASSWORD, null);
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) "
        + "SELECT ?, id, 'rw', 1 FROM groups WHERE name = 'admin'", admin);
    fixtures.company("stream-co-a");
    fixtures.company("stream-co-b");
    fixtures.customer("stream-cust", PASSWORD, "stream-co-a");
    fixtures.customer("stream-colleague", PASSWORD, "stream-co-a");
    fixtures.customer("stream-other", PASSWORD, "stream-co-b");
    actor = server.login("stream-rw", PASSWORD);
    tokens.put(Caller.CUSTOMER, fixtures.customerLogin("stream-cust", PASSWORD));
    tokens.put(Caller.COLLEAGUE, fixtures.customerLogin("stream-colleague", PASSWORD));
    tokens.put(Caller.OTHER_CUSTOMER, fixtures.customerLogin("stream-other", PASSWORD));
    tokens.put(Caller.AGENT_RO, server.login("stream-ro", PASSWORD));
    tokens.put(Caller.AGENT_WITHOUT_GROUP, server.login("stream-none", PASSWORD));
    tokens.put(Caller.ADMIN_WITHOUT_GROUP, server.login("stream-admin", PASSWORD));
    String admin0 = server.loginAdmin();
    ok(server.send(HttpMethod.POST, "/api/v1/custom-fields", admin0, new JsonObject().put("object_type", "ticket")
        .put("field_name", "shared_note").put("field_type", "text").put("visible_for_customer", true)));
    ok(server.send(HttpMethod.POST, "/api/v1/custom-fields", admin0, new JsonObject().put("object_type", "ticket")
        .put("field_name", "hidden_score").put("field_type", "text").put("visible_for_customer", false)));
    ticket = ok(server.send(HttpMethod.POST, "/api/v1/tickets", tokens.get(Caller.CUSTOMER), new JsonObject()
        .put("title", "Stream drill").put("article", new JsonObject().put("subject", "Help").put("body", "please"))))
        .getLong("id");
    server.sql("UPDATE ticket SET queue_id = ? WHERE id = ?", queue, ticket);
  }

  @AfterAll
  void stop() {
    server.close();
    DrillDatabases.drop(server.database());
  }

  @Test
  @DisplayName("every event type reaches each caller, live and replayed, exactly as REST shows that caller the ticket")
  void streamMatchesRest() {
    long since = ((Number) server.scalar("SELECT coalesce(max(seq), 0) FROM event_log")).longValue();
    long articlesBefore = ((Number) server.scalar("SELECT coalesce(max(id), 0) FROM article")).longValue();
    List<String> topics = List.of("ticket:" + ticket, "queue:" + queue, "chats", "wallboard", "agent");
    Map<Caller, LiveClient> live = new EnumMap<>(Caller.class);
    Map<Caller, List<JsonObject>> received = new EnumMap<>(Caller.class);
    Map<Caller, RestView> rest = new EnumMap<>(Caller.class);
    try {
      for (Caller caller : Caller.values()) {
        LiveClient client = LiveClient.agent(server, tokens.get(caller));
        client.subscribe(null, topics.toArray(String[]::new));
        client.await(frame -> "subscribed".equals(frame.getString("type")) || caller == Caller.OTHER_CUSTOMER
            && "error".equals(frame.getString("type")) && ("ticket:" + ticket).equals(frame.getString("topic")), 10);
        live.put(caller, client);
      }
      makeEveryKindOfEvent(live.get(Caller.AGENT_RO));
      for (Caller caller : Caller.values()) {
        rest.put(caller, restView(caller));
      }
      move();
      for (var entry : live.entrySet()) {
        received.put(entry.getKey(), events(entry.getValue().drain(entry.getKey() == Caller.CUSTOMER ? 2_000 : 200)));
      }
    } finally {
      live.values().forEach(LiveClient::close);
    }
    long until = received.values().stream().flatMap(List::stream).mapToLong(frame -> frame.getLong("seq")).max()
        .orElse(since);

    List<String> findings = new ArrayList<>();
    for (Caller caller : Caller.values()) {
      List<JsonObject> frames = received.get(caller);
      findings.addAll(againstRest(caller, frames, rest.get(caller), articlesBefore));
      Set<String> followed = new HashSet<>();
      List<JsonObject> replayed = replay(caller, topics, since, followed).stream()
          .filter(frame -> frame.getLong("seq") <= until).toList();
      // a topic the caller may no longer follow (the ticket moved away) is refused on replay, as it should be
      List<String> liveSeqs = sequence(frames.stream().filter(frame -> !"stats.updated".equals(frame.getString("event"))
          && followed.contains(frame.getString("topic"))).toList());
      List<String> replaySeqs = sequence(replayed);
      if (!liveSeqs.equals(replaySeqs)) {
        findings.add(caller + ": live " + liveSeqs + " but replayed " + replaySeqs);
      }
      for (JsonObject frame : replayed) {
        frames.stream().filter(seen -> seen.getLong("seq").equals(frame.getLong("seq"))
                && seen.getString("topic").equals(frame.getString("topic"))).findFirst()
            .filter(seen -> !seen.getJsonObject("data").equals(frame.getJsonObject("data")))
            .ifPresent(seen -> findings.add(caller + ": replayed " + frame.getString("event") + " #"
                + frame.getLong("seq") + " differs from the live one"));
      }
    }
    assertEquals(List.of(), findings);
  }

  /** A change with both custom fields, an internal note, a public note, presence, an escalation, a chat, a move. */
  private void makeEveryKindOfEvent(LiveClient viewer) {
    ok(server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, actor, new JsonObject().put("custom_fields",
        new JsonObject().put("shared_note", "for everyone").put("hidden_score", HIDDEN_FIELD_VALUE))));
    int sla = ok(server.send(HttpMethod.POST, "/api/v1/slas", server.loginAdmin(), new JsonObject()
        .put("name", "Stream minute").put("first_response_time", 1).put("first_response_notify", 50))).getInteger("id");
    ok(server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, actor, new JsonObject().put("sla_id", sla)));
    Await.until(Duration.ofSeconds(20), () -> ((Number) server.scalar(
            "SELECT count(*) FROM event_log WHERE name = 'escalation.breached' AND (data->>'ticket_id')::bigint = ?",
            ticket)).intValue() > 0,
        () -> "no escalation.breached for the drill's ticket");
    ok(server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", actor, new JsonObject()
        .put("body", INTERNAL_BODY).put("article_type", "note-internal").put("internal_note", true)
        .put("time_unit", 3)));
    ok(server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", actor, new JsonObject()
        .put("body", "an answer the customer may read").put("article_type", "note-external")));
    viewer.send(new JsonObject().put("type", "presence").put("ticket_id", ticket).put("state", "viewing"));
    try (LiveClient visitor = LiveClient.connect(server.app().vertx(), server.port(), "/ws/chat")) {
      visitor.send(new JsonObject().put("type", "chat.start").put("name", "Visitor").put("email", "v@visitor.example")
          .put("queue", "Stream desk").put("message", "hello"));
      visitor.await(frame -> "chat.queued".equals(frame.getString("type")), 10);
    }
  }

  /** The ticket goes to a queue only the acting agent reads. */
  private void move() {
    ok(server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, actor, new JsonObject().put("queue_id", otherQueue)));
  }

  /** What REST shows the caller of the ticket now: its custom field names and its article ids. */
  private record RestView(Set<String> fields, Set<Long> articles) {}

  private RestView restView(Caller caller) {
    String token = tokens.get(caller);
    var ticketAnswer = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket, token, null);
    var articlesAnswer = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles", token, null);
    Set<Long> articles = new TreeSet<>();
    if (articlesAnswer.statusCode() == 200) {
      articlesAnswer.bodyAsJsonObject().getJsonArray("items").forEach(item -> articles.add(((JsonObject) item).getLong("id")));
    }
    Set<String> fields = ticketAnswer.statusCode() == 200
        ? ticketAnswer.bodyAsJsonObject().getJsonObject("custom_fields", new JsonObject()).fieldNames() : Set.of();
    return new RestView(fields, articles);
  }

  /** What REST says this caller may see, held against what the stream sent it. */
  private List<String> againstRest(Caller caller, List<JsonObject> frames, RestView rest, long articlesBefore) {
    List<String> findings = new ArrayList<>();
    String token = tokens.get(caller);
    Set<Long> restArticles = rest.articles();
    Set<String> restFields = rest.fields();
    Set<Long> streamArticles = new TreeSet<>();
    Set<String> names = new TreeSet<>();
    for (JsonObject frame : frames) {
      String name = frame.getString("event");
      JsonObject data = frame.getJsonObject("data");
      names.add(name);
      if (caller.customer() && AGENT_ONLY.contains(name)) {
        findings.add(caller + " received the agent-only " + name);
      }
      if (caller.customer() && (frame.encode().contains(HIDDEN_FIELD_VALUE) || frame.encode().contains(INTERNAL_BODY))) {
        findings.add(caller + " received hidden data in " + name + ": " + frame.encode());
      }
      if (data.containsKey("audience") || data.containsKey("actor_id")) {
        findings.add(caller + " received the audience or the actor of " + name);
      }
      if (caller.customer() && data.getJsonObject("ticket") != null
          && data.getJsonObject("ticket").getValue("time_units_total") != null) {
        findings.add(caller + " received the time accounted on the ticket in " + name);
      }
      if (name.equals("article.created") && data.getLong("ticket_id") == ticket) {
        streamArticles.add(data.getJsonObject("article").getLong("id"));
      }
      JsonObject shown = data.getJsonObject("ticket");
      if (name.startsWith("ticket.") && shown != null && shown.getJsonObject("custom_fields") != null
          && !restFields.containsAll(shown.getJsonObject("custom_fields").fieldNames())) {
        findings.add(caller + " received custom fields " + shown.getJsonObject("custom_fields").fieldNames()
            + " where REST shows " + restFields);
      }
      if (name.equals("ticket.moved") && shown != null && caller == Caller.AGENT_RO) {
        findings.add(caller + " received the moved ticket's data in a queue it cannot read");
      }
      if (name.equals("stats.updated")) {
        Set<Integer> readable = readable(caller);
        Set<Integer> restQueues = wallboardQueues(server.send(HttpMethod.GET, "/api/v1/stats/wallboard", token, null)
            .bodyAsJsonObject());
        Set<Integer> streamQueues = wallboardQueues(data);
        if (!readable.containsAll(streamQueues) || !readable.containsAll(restQueues)) {
          findings.add(caller + " saw the wallboard queues " + streamQueues + " (REST " + restQueues
              + ") but reads only " + readable);
        }
      }
    }
    // the stream shows no article REST hides, and each article REST shows that was written while listening
    Set<Long> expected = new TreeSet<>(restArticles);
    expected.removeIf(id -> id <= articlesBefore);
    if (!streamArticles.equals(expected)) {
      findings.add(caller + " received articles " + streamArticles + " where REST shows " + expected);
    }
    Set<String> required = switch (caller) {
      case CUSTOMER, COLLEAGUE -> Set.of("ticket.updated", "ticket.moved", "article.created");
      case AGENT_RO -> Set.of("ticket.updated", "ticket.moved", "article.created", "presence.changed",
          "escalation.warning", "escalation.breached", "chat.waiting", "stats.updated");
      case AGENT_WITHOUT_GROUP, ADMIN_WITHOUT_GROUP -> Set.of("stats.updated");
      case OTHER_CUSTOMER -> Set.of();
    };
    if (!names.containsAll(required)) {
      findings.add(caller + " received " + names + ", missing some of " + required);
    }
    if (!caller.customer() && caller != Caller.AGENT_RO && !names.equals(Set.of("stats.updated"))) {
      findings.add(caller + " without the group received " + names);
    }
    if (caller == Caller.OTHER_CUSTOMER && !names.isEmpty()) {
      findings.add(caller + " received " + names);
    }
    return findings;
  }

  /** The queues the caller may read, as the database's permission function answers. */
  private Set<Integer> readable(Caller caller) {
    if (caller.customer()) {
      return Set.of();
    }
    String login = switch (caller) {
      case AGENT_RO -> "stream-ro";
      case AGENT_WITHOUT_GROUP -> "stream-none";
      default -> "stream-admin";
    };
    Set<Integer> ids = new TreeSet<>();
    server.sql("SELECT unnest(permitted_queue_ids(id, 'ro')) AS queue_id FROM users WHERE login = ?", login)
        .forEach(row -> ids.add(((Number) row.get("queue_id")).intValue()));
    return ids;
  }

  /** The events replayed to the caller since {@code since}; {@code followed} gets the topics it was allowed. */
  private List<JsonObject> replay(Caller caller, List<String> topics, long since, Set<String> followed) {
    try (LiveClient client = LiveClient.agent(server, tokens.get(caller))) {
      client.subscribe(since, topics.toArray(String[]::new));
      List<JsonObject> frames = client.drain(2_000);
      frames.stream().filter(frame -> "subscribed".equals(frame.getString("type")))
          .forEach(frame -> frame.getJsonArray("topics").forEach(topic -> followed.add(String.valueOf(topic))));
      return events(frames).stream().filter(frame -> !"stats.updated".equals(frame.getString("event"))).toList();
    }
  }

  private static List<JsonObject> events(List<JsonObject> frames) {
    return frames.stream().filter(frame -> "event".equals(frame.getString("type"))).toList();
  }

  private static List<String> sequence(List<JsonObject> frames) {
    return frames.stream().map(frame -> frame.getLong("seq") + " " + frame.getString("topic") + " "
        + frame.getString("event")).sorted().toList();
  }

  private static Set<Integer> wallboardQueues(JsonObject stats) {
    Set<Integer> ids = new TreeSet<>();
    stats.getJsonArray("open_by_queue", new JsonArray()).forEach(item -> ids.add(((JsonObject) item).getInteger("queue_id")));
    return ids;
  }

  private static JsonObject ok(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    assertTrue(response.statusCode() < 300, response.statusCode() + " " + response.bodyAsString());
    return response.bodyAsString() == null || response.bodyAsString().isEmpty() ? new JsonObject()
        : response.bodyAsJsonObject();
  }
}
