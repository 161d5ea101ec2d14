package org.gotrs.escalation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * {@code rebuild-escalations}: tickets that arrived without deadlines (an OTRS import, the demo data) get theirs;
 * deadlines already past are recorded as breached in the history and never alert, future ones alert as usual.
 */
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RebuildEscalationsTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private int queue;
  private int slaId;
  private String agent;

  RebuildEscalationsTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("imported");
    queue = fixtures.queue("Imported", group);
    fixtures.agent("importer", "pw-importer", group, "rw");
    agent = server.login("importer", "pw-importer");
    var sla = api.post("/slas", admin, new JsonObject().put("name", "One hour, one week")
        .put("first_response_time", 60).put("first_response_notify", 50)
        .put("solution_time", 7 * 24 * 60).put("solution_notify", 80));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    slaId = sla.bodyAsJsonObject().getInteger("id");
  }

  /** A customer's phone ticket under the SLA, its deadlines then wiped as an import leaves them, created days ago. */
  private long importedTicket(String title, int daysAgo) {
    var created = api.post("/tickets", agent, new JsonObject().put("title", title).put("queue_id", queue)
        .put("sla_id", slaId).put("article", new JsonObject().put("body", "help").put("article_type", "phone")
            .put("article_sender_type_id", 3)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    server.sql("DELETE FROM escalation_alert WHERE ticket_id = ?", id);
    server.sql("""
        UPDATE ticket SET create_time = create_time - make_interval(days => ?), escalation_time = 0,
               escalation_response_time = 0, escalation_update_time = 0, escalation_solution_time = 0
         WHERE id = ?""", daysAgo, id);
    server.sql("UPDATE article SET create_time = create_time - make_interval(days => ?) WHERE ticket_id = ?",
        daysAgo, id);
    server.sql("UPDATE ticket_history SET create_time = create_time - make_interval(days => ?) WHERE ticket_id = ?",
        daysAgo, id);
    return id;
  }

  private long count(String sql, Object... parameters) {
    return ((Number) server.scalar(sql, parameters)).longValue();
  }

  private String run(String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int exit = RebuildEscalationsCommand.run(server.app().config(), List.of(args),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    assertEquals(0, exit, err.toString(StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("past deadlines of imported tickets are recorded as breached without alerts; future ones stay to alert")
  void pastDeadlinesRecordedWithoutAlerts() {
    long old = importedTicket("Imported last month", 30);
    long fresh = importedTicket("Imported just now", 0);
    long now = System.currentTimeMillis() / 1000;

    String report = run();
    assertTrue(report.contains("already past"), report);

    long oldDeadline = count("SELECT escalation_time FROM ticket WHERE id = ?", old);
    assertTrue(oldDeadline > 0 && oldDeadline <= now, "the old ticket escalated long ago: " + oldDeadline);
    assertEquals(1, count("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type y ON y.id = h.history_type_id
         WHERE h.ticket_id = ? AND y.name = 'EscalationResponseTimeStart'""", old));
    assertEquals(0, count("SELECT count(*) FROM escalation_alert WHERE ticket_id = ? AND fired_at IS NULL", old));
    assertTrue(count("SELECT escalation_time FROM ticket WHERE id = ?", fresh) > now, "the new ticket's deadline is ahead");
    assertTrue(count("SELECT count(*) FROM escalation_alert WHERE ticket_id = ? AND fired_at IS NULL", fresh) > 0,
        "the new ticket's alerts wait for their time");

    // The escalation timer runs on this server all along: nothing is sent for the old ticket.
    Await.during(Duration.ofSeconds(2));
    assertEquals(0, count("SELECT count(*) FROM event_log WHERE name LIKE 'escalation.%' "
        + "AND (data->>'ticket_id')::bigint = ?", old));
    var listed = api.get("/tickets?escalated=true&queue_id=" + queue, agent).bodyAsJsonObject().getJsonArray("items");
    assertTrue(listed.stream().anyMatch(t -> ((JsonObject) t).getLong("id") == old), listed.encode());
  }

  @Test
  @DisplayName("a second run finds nothing left to compute; bad arguments exit 2")
  void rerunIsANoOp() {
    importedTicket("Imported twice", 3);
    run();
    String again = run();
    assertTrue(again.contains("for 0 open"), again);
    var err = new ByteArrayOutputStream();
    assertEquals(2, RebuildEscalationsCommand.run(server.app().config(), List.of("--bogus"),
        new PrintStream(new ByteArrayOutputStream()), new PrintStream(err)));
  }
}
