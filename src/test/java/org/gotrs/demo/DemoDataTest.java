package org.gotrs.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.gotrs.ticket.number.DateChecksum;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoDataTest {

  private static final Map<String, String> DEMO = Map.of("GOTRS_DEMO_DATA", "true");

  private DatabaseTarget database;
  private TestServer server;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated();
    server = TestServer.start(database, DEMO).awaitReady();
  }

  @AfterAll
  void stop() {
    server.close();
  }

  @Test
  @DisplayName("the first start loads a few hundred tickets of the last 60 days, with conversations, history and tags")
  void loadsTickets() {
    assertEquals((long) TicketPlanner.TICKETS, server.scalar("""
        SELECT count(*) FROM ticket
         WHERE create_time < (SELECT started_at FROM migration_log WHERE migration_type = 'demo_data')"""));
    var shape = server.sql("""
        SELECT min(n) AS fewest, max(n) AS most FROM (SELECT count(*) AS n FROM article GROUP BY ticket_id) a""").get(0);
    assertEquals(1L, shape.get("fewest"));
    assertEquals((long) TicketPlanner.MAX_ARTICLES, shape.get("most"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket t WHERE NOT EXISTS (SELECT 1 FROM article a WHERE a.ticket_id = t.id)"));
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM ticket t WHERE (SELECT count(*) FROM ticket_history h WHERE h.ticket_id = t.id) < 2"""));
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM ticket WHERE create_time < now() AT TIME ZONE 'UTC' - interval '61 days'
            OR create_time > now() AT TIME ZONE 'UTC' OR change_time < create_time"""));
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM ticket WHERE (tags IS NULL OR cardinality(tags) = 0)
           AND create_time < (SELECT started_at FROM migration_log WHERE migration_type = 'demo_data')"""));
    assertTrue((Long) server.scalar("SELECT count(DISTINCT ticket_state_id) FROM ticket") >= 5, "new, open, pending, closed");
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM ticket t
          JOIN LATERAL (SELECT * FROM ticket_history h WHERE h.ticket_id = t.id ORDER BY h.id DESC LIMIT 1) last ON TRUE
         WHERE last.state_id <> t.ticket_state_id OR last.queue_id <> t.queue_id
            OR last.owner_id IS DISTINCT FROM t.user_id"""), "the history ends where the ticket stands");
    assertEquals(0L, server.scalar("""
        SELECT count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
         WHERE (s.type_id = 3 AND t.until_time = 0) OR (s.type_id = 4 AND t.ticket_lock_id = 2)
            OR (s.type_id <> 1 AND t.user_id IS NULL)"""), "pending tickets have a time, closed ones are unlocked");
    assertTrue((Long) server.scalar("SELECT count(DISTINCT user_id) FROM ticket") >= 6, "work spread over the agents");
    assertTrue((Long) server.scalar("SELECT count(*) FROM article WHERE internal_note") > 20, "internal notes");
    assertTrue((Long) server.scalar("SELECT count(*) FROM article WHERE html_body IS NOT NULL") > 50, "HTML mails");
    assertEquals(0L, server.scalar("SELECT count(*) FROM article WHERE html_body LIKE '%<script%'"));

  }

  @Test
  @DisplayName("demo tickets carry valid DateChecksum numbers of the day they were created")
  void ticketNumbersMatchTheirDays() {
    DateTimeFormatter day = DateTimeFormatter.ofPattern("yyyyMMdd");
    for (var row : server.sql("SELECT tn, create_time FROM ticket")) {
      String tn = (String) row.get("tn");
      LocalDateTime created = ((Timestamp) row.get("create_time")).toLocalDateTime();
      assertTrue(DateChecksum.isValid(tn), tn);
      assertTrue(tn.startsWith(created.format(day)), tn + " created " + created);
    }
  }

  @Test
  @DisplayName("a demo agent logs in with the demo password, lists only the tickets of its queues and creates one more")
  void agentWorksItsQueues() {
    String anna = server.login("anna", DemoData.PASSWORD);
    JsonArray items = server.send(HttpMethod.GET, "/api/v1/tickets?limit=500&archived=all", anna, null)
        .bodyAsJsonObject().getJsonArray("items");
    Set<String> queues = items.stream().map(item -> ((JsonObject) item).getString("queue")).collect(Collectors.toSet());
    assertFalse(items.isEmpty());
    assertEquals(Set.of("Support", "Support::Hardware", "Support::Software"), queues);
    assertEquals(server.scalar("""
        SELECT count(*) FROM ticket t JOIN queue q ON q.id = t.queue_id WHERE q.name LIKE 'Support%'"""), (long) items.size());
    assertTrue((Long) server.scalar("SELECT count(*) FROM ticket t JOIN queue q ON q.id = t.queue_id WHERE q.name = 'Billing'") > 0);

    var created = server.send(HttpMethod.POST, "/api/v1/tickets", anna, new JsonObject()
        .put("title", "Projector in room 4 flickers").put("queue", "Support")
        .put("article", new JsonObject().put("body", "Reported at the front desk.")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
  }

  @Test
  @DisplayName("a demo customer logs in with the demo password and sees only the tickets of its own company")
  void customerSeesOwnCompanyOnly() {
    var login = server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", "maria.jones").put("password", DemoData.PASSWORD));
    assertEquals(200, login.statusCode(), login.bodyAsString());
    String maria = login.bodyAsJsonObject().getString("access_token");
    JsonArray items = server.send(HttpMethod.GET, "/api/v1/tickets?limit=500&archived=all", maria, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertFalse(items.isEmpty());
    assertEquals(Set.of("northwind"),
        items.stream().map(item -> ((JsonObject) item).getString("customer_id")).collect(Collectors.toSet()));
    assertEquals(server.scalar("SELECT count(*) FROM ticket WHERE customer_id = 'northwind'"), (long) items.size());

    long someTicket = items.getJsonObject(0).getLong("id");
    JsonArray articles = server.send(HttpMethod.GET, "/api/v1/tickets/" + someTicket + "/articles", maria, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertTrue(articles.stream().noneMatch(article -> ((JsonObject) article).getBoolean("internal_note")));
    long otherCompanys = (Long) server.scalar("SELECT min(id) FROM ticket WHERE customer_id <> 'northwind'");
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/tickets/" + otherCompanys, maria, null).statusCode());
  }

  @Test
  @DisplayName("a demo customer is offered the Support queue and opens a ticket there")
  void customerIsOfferedSupport() {
    String maria = server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", "maria.jones").put("password", DemoData.PASSWORD)).bodyAsJsonObject()
        .getString("access_token");
    JsonArray offered = server.send(HttpMethod.GET, "/api/v1/portal/queues", maria, null).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals(List.of("Support"), offered.stream().map(queue -> ((JsonObject) queue).getString("name")).toList());
    var created = server.send(HttpMethod.POST, "/api/v1/tickets", maria, new JsonObject()
        .put("title", "The VPN drops every hour").put("queue", "Support")
        .put("article", new JsonObject().put("body", "Since Monday.")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("Support", created.bodyAsJsonObject().getString("queue"));
  }

  @Test
  @DisplayName("a demo customer's ticket without a queue lands in Support, the intake of every channel, where anna sees it")
  void intakeIsSupport() {
    String admin = server.loginAdmin();
    JsonObject intake = server.send(HttpMethod.GET, "/api/v1/settings/intake", admin, null).bodyAsJsonObject();
    int support = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Support'")).intValue();
    for (String channel : List.of("portal", "chat", "api")) {
      assertEquals(support, intake.getInteger(channel + "_queue_id"), channel);
    }
    intake.getJsonArray("channels").forEach(channel -> {
      assertTrue(((JsonObject) channel).getBoolean("chosen"));
      assertTrue(((JsonObject) channel).getLong("agents") >= 4, "the 1st-level agents work Support: " + channel);
    });
    String maria = server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", "maria.jones").put("password", DemoData.PASSWORD)).bodyAsJsonObject()
        .getString("access_token");
    var created = server.send(HttpMethod.POST, "/api/v1/tickets", maria, new JsonObject()
        .put("title", "Where does this go?").put("article", new JsonObject().put("body", "No queue chosen.")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("Support", created.bodyAsJsonObject().getString("queue"));
    String anna = server.login("anna", DemoData.PASSWORD);
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/tickets/" + created.bodyAsJsonObject().getLong("id"),
        anna, null).statusCode());
  }

  @Test
  @DisplayName("a restart does not load the demo data again")
  void restartLoadsNothingTwice() {
    long tickets = (Long) server.scalar("SELECT count(*) FROM ticket");
    long users = (Long) server.scalar("SELECT count(*) FROM users");
    server.close();
    server = TestServer.start(database, DEMO).awaitReady();
    assertEquals(tickets, server.scalar("SELECT count(*) FROM ticket"));
    assertEquals(users, server.scalar("SELECT count(*) FROM users"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM migration_log WHERE migration_type = 'demo_data'"));
  }

  @Test
  @DisplayName("two nodes starting together on one database load the demo data once")
  void twoNodesLoadOnce() {
    DatabaseTarget shared = TestDatabase.fresh();
    try (TestServer first = TestServer.start(shared, DEMO); TestServer second = TestServer.start(shared, DEMO)) {
      first.awaitReady();
      second.awaitReady();
      assertEquals(1L, first.scalar("SELECT count(*) FROM migration_log WHERE migration_type = 'demo_data'"));
      assertEquals((long) TicketPlanner.TICKETS, first.scalar("SELECT count(*) FROM ticket"));
      assertEquals(8L, first.scalar("SELECT count(*) FROM users WHERE email LIKE '%@example.com'"));
    }
  }

  @Test
  @DisplayName("without GOTRS_DEMO_DATA a new installation has no tickets and no demo accounts")
  void offByDefault() {
    try (TestServer plain = TestServer.start()) {
      assertEquals(0L, plain.scalar("SELECT count(*) FROM ticket"));
      assertEquals(0L, plain.scalar("SELECT count(*) FROM users WHERE login = 'anna'"));
    }
  }
}
