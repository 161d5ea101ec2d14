package org.gotrs.timeaccounting;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("Time accounting: time units on agents' articles, the ticket's total, queues that ask for them, the report")
class TimeAccountingTest {

  private static TestServer server;
  private static Fixtures fixtures;
  private static int desk;
  private static int strict;
  private static UUID accountantId;
  private static String accountant;
  private static String outsider;
  private static String customer;

  @BeforeAll
  static void data(TestServer started, Fixtures given) {
    server = started;
    fixtures = given;
    int group = fixtures.group("time");
    desk = fixtures.queue("Time desk", group);
    strict = fixtures.queue("Time strict", group);
    server.sql("UPDATE queue SET time_units_required = true WHERE id = ?", strict);
    accountantId = fixtures.agent("accountant", "accountant-pass", group, "rw");
    fixtures.agent("time-outsider", "outsider-pass", null);
    fixtures.company("time-co");
    fixtures.customer("time-customer", "customer-pass", "time-co");
    fixtures.offerToCustomers(desk);
    accountant = server.login("accountant", "accountant-pass");
    outsider = server.login("time-outsider", "outsider-pass");
    customer = fixtures.customerLogin("time-customer", "customer-pass");
  }

  private static long ticket(int queue, String title) {
    return fixtures.ticket(accountant, queue, title, "x").getLong("id");
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> note(String token, long ticket,
                                                                                         Object units) {
    JsonObject body = new JsonObject().put("subject", "Work").put("body", "done");
    if (units != null) {
      body.put("time_unit", units);
    }
    return server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", token, body);
  }

  private static JsonObject ticketJson(String token, long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, token, null).bodyAsJsonObject();
  }

  @Test
  @DisplayName("an agent's article accounts its time units: shown on the article, summed on the ticket, in history as OTRS")
  void accountsUnits() {
    long id = ticket(desk, "Accounted");
    var first = note(accountant, id, 1.5);
    assertEquals(201, first.statusCode(), first.bodyAsString());
    assertEquals(0, new BigDecimal("1.5").compareTo(new BigDecimal(first.bodyAsJsonObject().getValue("time_unit")
        .toString())));
    assertEquals(201, note(accountant, id, "2,25").statusCode(), "a decimal comma is read as OTRS reads it");
    assertEquals(201, note(accountant, id, null).statusCode());
    assertEquals(3.75, ticketJson(accountant, id).getDouble("time_units_total"));
    JsonArray articles = server.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/articles", accountant, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(2.25, articles.getJsonObject(2).getDouble("time_unit"));
    assertEquals(null, articles.getJsonObject(3).getValue("time_unit"));
    assertEquals(java.util.List.of("%%1.5%%1.5", "%%2.25%%3.75"), server.sql("""
        SELECT h.name FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'TimeAccounting' AND h.article_id IS NOT NULL ORDER BY h.id""", id)
        .stream().map(row -> row.get("name")).toList());
    assertEquals(2L, ((Number) server.scalar("SELECT count(*) FROM time_accounting WHERE ticket_id = ? AND create_by = ?",
        id, accountantId)).longValue());
  }

  @Test
  @DisplayName("a ticket created with time units on its first article accounts them")
  void onCreate() {
    var created = server.send(HttpMethod.POST, "/api/v1/tickets", accountant, new JsonObject().put("title", "Phone")
        .put("queue_id", desk).put("article", new JsonObject().put("body", "call").put("time_unit", 4)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(4, created.bodyAsJsonObject().getInteger("time_units_total"));
  }

  @Test
  @DisplayName("a queue that asks for time units refuses an agent's article without them (422), and takes 0")
  void requiredByQueue() {
    long id = ticket(desk, "Moving to strict");
    server.sql("UPDATE ticket SET queue_id = ? WHERE id = ?", strict, id);
    var refused = note(accountant, id, null);
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("time_unit"), refused.bodyAsString());
    assertEquals(1L, ((Number) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", id)).longValue());
    assertEquals(201, note(accountant, id, 0).statusCode());
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM time_accounting WHERE ticket_id = ?", id)).longValue());
    var create = server.send(HttpMethod.POST, "/api/v1/tickets", accountant, new JsonObject().put("title", "No time")
        .put("queue_id", strict).put("article", new JsonObject().put("body", "x")));
    assertEquals(422, create.statusCode(), create.bodyAsString());
    assertTrue(create.bodyAsString().contains("article.time_unit"), create.bodyAsString());
    var queue = server.send(HttpMethod.GET, "/api/v1/queues/" + strict, accountant, null).bodyAsJsonObject();
    assertEquals(true, queue.getBoolean("time_units_required"), queue.encode());
  }

  @Test
  @DisplayName("the ticket's customer never sees the time agents accounted on it, in the ticket or in a list")
  void hiddenFromCustomers() {
    long mine = server.send(HttpMethod.POST, "/api/v1/tickets", customer, new JsonObject().put("title", "Billed")
        .put("queue_id", desk).put("article", new JsonObject().put("body", "hi"))).bodyAsJsonObject().getLong("id");
    assertEquals(201, note(accountant, mine, 2).statusCode());
    JsonObject agentView = server.send(HttpMethod.GET, "/api/v1/tickets/" + mine, accountant, null).bodyAsJsonObject();
    assertEquals(2.0, ((Number) agentView.getValue("time_units_total")).doubleValue());
    JsonObject customerView = server.send(HttpMethod.GET, "/api/v1/tickets/" + mine, customer, null).bodyAsJsonObject();
    assertNull(customerView.getValue("time_units_total"));
    JsonObject listed = server.send(HttpMethod.GET, "/api/v1/tickets?limit=50", customer, null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(ticket -> ticket.getLong("id") == mine).findFirst().orElseThrow();
    assertNull(listed.getValue("time_units_total"));
  }

  @Test
  @DisplayName("time units that are no number, too long, or from a customer are refused with 422; nothing is written")
  void refusesBadUnits() {
    long id = ticket(desk, "Bad units");
    for (Object bad : new Object[] {"abc", "1.234", "123456789", new JsonObject(), true, -1}) {
      var answer = note(accountant, id, bad);
      assertEquals(422, answer.statusCode(), bad + ": " + answer.bodyAsString());
    }
    long mine = server.send(HttpMethod.POST, "/api/v1/tickets", customer, new JsonObject().put("title", "Mine")
        .put("queue_id", desk).put("article", new JsonObject().put("body", "hi"))).bodyAsJsonObject().getLong("id");
    assertEquals(422, note(customer, mine, 1).statusCode());
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM time_accounting WHERE ticket_id IN (?, ?)", id, mine))
        .longValue());
  }

  @Test
  @DisplayName("the report sums per ticket, agent and queue within a window, for the tickets the agent may read")
  void report() {
    long a = ticket(desk, "Report A");
    long b = ticket(desk, "Report B");
    note(accountant, a, 2);
    note(accountant, a, 1);
    note(accountant, b, "0.5");
    server.sql("UPDATE time_accounting SET create_time = create_time - interval '40 days' WHERE ticket_id = ? "
        + "AND time_unit = 1", a);
    String from = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
    var answer = server.send(HttpMethod.GET, "/api/v1/time-accounting?from=" + from + "&queue_id=" + desk, accountant,
        null);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    JsonObject report = answer.bodyAsJsonObject();
    JsonObject ticketA = report.getJsonArray("tickets").stream().map(JsonObject.class::cast)
        .filter(row -> row.getLong("ticket_id") == a).findFirst().orElseThrow();
    assertEquals(2, ticketA.getInteger("time_units"), "the units accounted before the window are left out");
    JsonObject agent = report.getJsonArray("agents").getJsonObject(0);
    assertEquals("accountant", agent.getString("login"));
    assertEquals(report.getDouble("time_units"), agent.getDouble("time_units"));
    assertEquals(report.getDouble("time_units"), report.getJsonArray("queues").getJsonObject(0).getDouble("time_units"));
    assertTrue(report.getDouble("time_units") >= 2.5, report.encode());

    JsonObject byAgent = server.send(HttpMethod.GET, "/api/v1/time-accounting?group_by=agent&from=" + from, accountant,
        null).bodyAsJsonObject();
    assertEquals("agent", byAgent.getString("group_by"));
    assertEquals("accountant", byAgent.getJsonArray("items").getJsonObject(0).getString("login"));
    assertEquals(422, server.send(HttpMethod.GET, "/api/v1/time-accounting?group_by=day", accountant, null).statusCode());

    JsonObject hidden = server.send(HttpMethod.GET, "/api/v1/time-accounting", outsider, null).bodyAsJsonObject();
    assertEquals(0, hidden.getJsonArray("tickets").size(), "an agent without the queue sees nothing of it");
    assertEquals(0, hidden.getInteger("time_units"));
    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/time-accounting", customer, null).statusCode());
    for (String bad : new String[] {"from=yesterday", "queue_id=x", "agent_id=42", "from=2026-02-01&to=2026-01-01"}) {
      assertEquals(422, server.send(HttpMethod.GET, "/api/v1/time-accounting?" + bad, accountant, null).statusCode(), bad);
    }
  }

  @Test
  @DisplayName("the GenericInterface takes TimeUnit on TicketCreate and TicketUpdate articles and shows it in TicketGet")
  void genericInterface() {
    String base = GenericTicketConnector.BASE;
    JsonObject created = server.send(HttpMethod.POST, base + "/Ticket", null, new JsonObject()
        .put("UserLogin", "accountant").put("Password", "accountant-pass")
        .put("Ticket", new JsonObject().put("Title", "GI time").put("Queue", "Time desk").put("State", "open")
            .put("Priority", "3 normal").put("CustomerUser", "time-customer"))
        .put("Article", new JsonObject().put("CommunicationChannel", "Internal").put("Subject", "s").put("Body", "b")
            .put("ContentType", "text/plain; charset=utf8").put("TimeUnit", "3"))).bodyAsJsonObject();
    String id = created.getString("TicketID");
    JsonObject updated = server.send(HttpMethod.PATCH, base + "/Ticket/" + id, null, new JsonObject()
        .put("UserLogin", "accountant").put("Password", "accountant-pass")
        .put("Article", new JsonObject().put("Subject", "more").put("Body", "b").put("ContentType", "text/plain")
            .put("TimeUnit", 1.5))).bodyAsJsonObject();
    assertTrue(updated.containsKey("ArticleID"), updated.encode());
    JsonObject bad = server.send(HttpMethod.PATCH, base + "/Ticket/" + id, null, new JsonObject()
        .put("UserLogin", "accountant").put("Password", "accountant-pass")
        .put("Article", new JsonObject().put("Subject", "more").put("Body", "b").put("ContentType", "text/plain")
            .put("TimeUnit", "lots"))).bodyAsJsonObject();
    assertEquals("TicketUpdate.InvalidParameter", bad.getJsonObject("Error").getString("ErrorCode"), bad.encode());
    JsonObject got = server.send(HttpMethod.GET, base + "/Ticket/" + id + "?UserLogin=accountant&Password=accountant-pass"
        + "&AllArticles=1", null, null).bodyAsJsonObject().getJsonArray("Ticket").getJsonObject(0);
    JsonArray articles = got.getJsonArray("Article");
    assertEquals(3, articles.getJsonObject(0).getInteger("TimeUnit"));
    assertEquals(1.5, articles.getJsonObject(1).getDouble("TimeUnit"));
    assertEquals(4.5, got.getDouble("TimeUnit"));

    server.sql("UPDATE ticket SET queue_id = ? WHERE id = ?", strict, Long.parseLong(id));
    JsonObject refused = server.send(HttpMethod.PATCH, base + "/Ticket/" + id, null, new JsonObject()
        .put("UserLogin", "accountant").put("Password", "accountant-pass")
        .put("Ticket", new JsonObject().put("Title", "Changed anyway?"))
        .put("Article", new JsonObject().put("Subject", "no time").put("Body", "b").put("ContentType", "text/plain")))
        .bodyAsJsonObject();
    assertEquals("TicketUpdate.MissingParameter", refused.getJsonObject("Error").getString("ErrorCode"), refused.encode());
    assertEquals("GI time", server.scalar("SELECT title FROM ticket WHERE id = ?", Long.parseLong(id)),
        "the refused article leaves the ticket as it was");
  }

  @Test
  @DisplayName("merging a ticket takes its accounted time along with its articles")
  void merge() {
    long source = ticket(desk, "Merge source");
    long target = ticket(desk, "Merge target");
    note(accountant, source, 2);
    var merged = server.send(HttpMethod.POST, "/api/v1/tickets/" + source + "/merge", accountant,
        new JsonObject().put("into_ticket_id", target));
    assertTrue(merged.statusCode() < 300, merged.bodyAsString());
    assertEquals(2, ticketJson(accountant, target).getInteger("time_units_total"));
  }
}
