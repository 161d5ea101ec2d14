package org.gotrs.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Deadlines as the API shows them. Tickets are created now and then moved back in time in the database (their
 * creation, articles and history), and a change makes the server compute their deadlines again.
 */
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EscalationDeadlinesTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private String agent;
  private int queue;

  EscalationDeadlinesTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("escalation");
    queue = fixtures.queue("Escalation", group);
    fixtures.agent("esc-agent", "pw", group, "rw");
    agent = server.login("esc-agent", "pw");
  }

  private int sla(JsonObject fields) {
    var created = api.post("/slas", admin, fields);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getInteger("id");
  }

  private static JsonObject berlinOffice() {
    JsonObject week = new JsonObject();
    for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
      week.put(day, new JsonArray().add(new JsonArray().add("08:00").add("17:00")));
    }
    return new JsonObject().put("timezone", "Europe/Berlin").put("week", week);
  }

  /** A ticket opened by phone on behalf of a customer, so no agent has answered yet. */
  private JsonObject ticket(Integer slaId, String title) {
    JsonObject body = new JsonObject().put("title", title).put("queue_id", queue)
        .put("article", new JsonObject().put("subject", title).put("body", "please help")
            .put("article_type", "phone").put("article_sender_type_id", 3));
    if (slaId != null) {
      body.put("sla_id", slaId);
    }
    var created = api.post("/tickets", agent, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  /** Moves the ticket, its articles and its history to {@code utc} (a UTC timestamp). */
  private void backdate(long ticketId, String utc) {
    server.sql("UPDATE ticket SET create_time = ?::timestamp WHERE id = ?", utc, ticketId);
    server.sql("UPDATE article SET create_time = ?::timestamp WHERE ticket_id = ?", utc, ticketId);
    server.sql("UPDATE ticket_history SET create_time = ?::timestamp WHERE ticket_id = ?", utc, ticketId);
  }

  private JsonObject patch(long ticketId, JsonObject changes) {
    var response = api.patch("/tickets/" + ticketId, agent, changes);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private JsonObject touch(long ticketId) {
    return patch(ticketId, new JsonObject().put("title", "touched " + System.nanoTime()));
  }

  private static long epoch(String instant) {
    return Instant.parse(instant).getEpochSecond();
  }

  @Test
  @DisplayName("deadlines count office hours: from Friday 16:00 they run over the weekend and the switch to summer time")
  void weekendAndDst() {
    int sla = sla(new JsonObject().put("name", "Berlin office").put("business_hours", berlinOffice())
        .put("first_response_time", 120).put("first_response_notify", 50).put("update_time", 240)
        .put("solution_time", 600));
    long id = ticket(sla, "Friday afternoon").getLong("id");
    backdate(id, "2026-03-27 15:00:00");  // Friday 16:00 in Berlin (CET)
    JsonObject ticket = touch(id);
    assertEquals(epoch("2026-03-30T07:00:00Z"), ticket.getLong("escalation_response_time"), "Monday 09:00 CEST");
    assertEquals(epoch("2026-03-30T09:00:00Z"), ticket.getLong("escalation_update_time"), "Monday 11:00 CEST");
    assertEquals(epoch("2026-03-30T15:00:00Z"), ticket.getLong("escalation_solution_time"), "Monday 17:00 CEST");
    assertEquals(ticket.getLong("escalation_response_time"), ticket.getLong("escalation_time"));
    assertEquals(epoch("2026-03-27T16:00:00Z"), ((Number) server.scalar("""
        SELECT due_at FROM escalation_alert WHERE ticket_id = ? AND kind = 'response' AND level = 'warning'""", id))
        .longValue(), "half the response time is used up at Friday's closing");
  }

  @Test
  @DisplayName("holidays, every year and once, hold no working time")
  void holidays() {
    int sla = sla(new JsonObject().put("name", "Christmas").put("business_hours", berlinOffice())
        .put("holidays", new JsonArray().add("12-25").add("12-26").add("2026-12-28")).put("first_response_time", 120));
    long id = ticket(sla, "Christmas Eve").getLong("id");
    backdate(id, "2026-12-24 15:00:00");  // Thursday 16:00 CET
    assertEquals(epoch("2026-12-29T08:00:00Z"), touch(id).getLong("escalation_response_time"), "Tuesday 09:00 CET");
  }

  @Test
  @DisplayName("the first response deadline ends with the first customer-visible agent answer, not with an internal note")
  void firstResponseClears() {
    int sla = sla(new JsonObject().put("name", "Answer fast").put("first_response_time", 60).put("update_time", 120));
    long id = ticket(sla, "Waiting for an answer").getLong("id");
    JsonObject before = api.get("/tickets/" + id, agent).bodyAsJsonObject();
    assertTrue(before.getLong("escalation_response_time") > 0);
    long update = before.getLong("escalation_update_time");

    api.post("/tickets/" + id + "/articles", agent, new JsonObject().put("subject", "note")
        .put("body", "looking into it").put("internal_note", true));
    JsonObject afterNote = api.get("/tickets/" + id, agent).bodyAsJsonObject();
    assertEquals(before.getLong("escalation_response_time"), afterNote.getLong("escalation_response_time"));

    server.sql("UPDATE article SET create_time = create_time - interval '10 minutes' WHERE ticket_id = ?", id);
    api.post("/tickets/" + id + "/articles", agent, new JsonObject().put("subject", "answer")
        .put("body", "here you go").put("article_type", "phone"));
    JsonObject answered = api.get("/tickets/" + id, agent).bodyAsJsonObject();
    assertEquals(0, answered.getLong("escalation_response_time"));
    assertTrue(answered.getLong("escalation_update_time") >= update - 5, "the update time restarts from the answer");
    assertEquals(answered.getLong("escalation_update_time"), answered.getLong("escalation_time"));
  }

  @Test
  @DisplayName("while pending there is no update deadline, and time spent pending does not count against it")
  void updatePausesWhilePending() {
    int sla = sla(new JsonObject().put("name", "Updates").put("update_time", 60));
    long id = ticket(sla, "Pause me").getLong("id");
    server.sql("UPDATE ticket SET create_time = create_time - interval '50 minutes' WHERE id = ?", id);
    server.sql("UPDATE article SET create_time = create_time - interval '50 minutes' WHERE ticket_id = ?", id);
    server.sql("UPDATE ticket_history SET create_time = create_time - interval '50 minutes' WHERE ticket_id = ?", id);
    long pendingUntil = Instant.now().plusSeconds(86_400).getEpochSecond();
    JsonObject pending = patch(id, new JsonObject().put("state", "pending reminder").put("until_time", pendingUntil));
    assertEquals(0, pending.getLong("escalation_update_time"));
    assertEquals(0, pending.getLong("escalation_time"));
    server.sql("""
        UPDATE ticket_history SET create_time = create_time - interval '40 minutes'
         WHERE ticket_id = ? AND history_type_id = (SELECT id FROM ticket_history_type WHERE name = 'StateUpdate')""", id);
    JsonObject open = patch(id, new JsonObject().put("state", "open"));
    long now = ((Number) server.scalar("SELECT extract(epoch FROM now())::bigint")).longValue();
    long expected = now + 50 * 60;  // contact 50 min ago + 60 min + 40 min spent pending
    assertTrue(Math.abs(open.getLong("escalation_update_time") - expected) <= 5,
        "update deadline " + open.getLong("escalation_update_time") + " should be about " + expected);
  }

  @Test
  @DisplayName("closing clears every deadline; reopening brings back the response deadline but the solution stays done")
  void closingClears() {
    int sla = sla(new JsonObject().put("name", "Solve").put("first_response_time", 60).put("solution_time", 480));
    long id = ticket(sla, "Close me").getLong("id");
    JsonObject closed = patch(id, new JsonObject().put("state", "closed successful"));
    assertEquals(0, closed.getLong("escalation_time"));
    assertEquals(0, closed.getLong("escalation_response_time"));
    assertEquals(0, closed.getLong("escalation_solution_time"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM escalation_alert WHERE ticket_id = ?", id));
    JsonObject reopened = patch(id, new JsonObject().put("state", "open"));
    assertTrue(reopened.getLong("escalation_response_time") > 0);
    assertEquals(0, reopened.getLong("escalation_solution_time"), "OTRS counts a ticket once closed as solved");
  }

  @Test
  @DisplayName("sla_id: null takes the SLA off a ticket, with its deadlines and pending alerts, and says so in the history")
  void clearingTheSla() {
    int sla = sla(new JsonObject().put("name", "Taken off").put("first_response_time", 60));
    long id = ticket(sla, "Under an SLA for now").getLong("id");
    JsonObject cleared = patch(id, new JsonObject().putNull("sla_id"));
    assertNull(cleared.getValue("sla_id"));
    assertEquals(0, cleared.getLong("escalation_response_time"));
    assertEquals(0, cleared.getLong("escalation_time"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM escalation_alert WHERE ticket_id = ?", id));
    assertEquals(1L, server.scalar("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? AND ht.name = 'SLAUpdate'""", id));
    assertEquals(422, api.patch("/tickets/" + id, agent, new JsonObject().put("sla_id", "none"))
        .statusCode(), "anything but an id or null is refused");
  }

  @Test
  @DisplayName("changing an SLA's times moves the deadlines of its open tickets")
  void slaChangeMovesDeadlines() {
    int sla = sla(new JsonObject().put("name", "Changing").put("solution_time", 60));
    JsonObject ticket = ticket(sla, "Under a changing SLA");
    long id = ticket.getLong("id");
    long created = Instant.parse(ticket.getString("create_time")).getEpochSecond();
    assertEquals(created + 60 * 60, ticket.getLong("escalation_solution_time"));
    assertEquals(200, api.patch("/slas/" + sla, admin, new JsonObject().put("solution_time", 120))
        .statusCode());
    Await.until(Duration.ofSeconds(10), () -> api.get("/tickets/" + id, agent).bodyAsJsonObject()
        .getLong("escalation_solution_time") == created + 120 * 60, () -> "the deadline did not move");
  }

  @Test
  @DisplayName("a ticket without an SLA of its own takes its queue's, and one without either has no deadlines")
  void queueSla() {
    int sla = sla(new JsonObject().put("name", "Queue SLA").put("solution_time", 30));
    long none = ticket(null, "No SLA").getLong("id");
    assertEquals(0, touch(none).getLong("escalation_time"));
    server.sql("UPDATE queue SET sla_id = ? WHERE id = ?", sla, queue);
    try {
      JsonObject ticket = ticket(null, "Queue's SLA");
      long created = Instant.parse(ticket.getString("create_time")).getEpochSecond();
      assertEquals(created + 30 * 60, ticket.getLong("escalation_solution_time"));
    } finally {
      server.sql("UPDATE queue SET sla_id = NULL WHERE id = ?", queue);
    }
  }
}
