package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Every write follows the same rules, whatever the route: custom field values need {@code rw} like any other field
 * (native API and GenericInterface), and customers create and change only what is theirs to set.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketWriteRulesTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private int billing;
  private int support;
  private int internal;
  private UUID ritaId;
  private final String admin;
  private String ben;
  private String rita;
  private String maria;

  TicketWriteRulesTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int billingGroup = fixtures.group("billing");
    int supportGroup = fixtures.group("support");
    billing = fixtures.queue("Billing", billingGroup);
    support = fixtures.queue("Support", supportGroup);
    internal = fixtures.queue("Internal", supportGroup);
    int retired = fixtures.queue("Retired", supportGroup);
    fixtures.offerToCustomers(support);
    fixtures.offerToCustomers(retired);
    server.sql("UPDATE queue SET valid_id = 2 WHERE id = ?", retired);
    fixtures.agent("ben", "pw-ben", billingGroup, "ro");
    ritaId = fixtures.agent("rita", "pw-rita", billingGroup, "rw");
    fixtures.grant(ritaId, supportGroup, "rw");
    fixtures.company("acme");
    fixtures.customer("maria", "pw-maria", "acme");
    fixtures.company("globex");
    fixtures.customer("otto", "pw-otto", "globex");
    server.sql("""
        INSERT INTO custom_field_definitions (object_type, field_name, field_type, visible_for_customer)
        VALUES ('ticket', 'contract_number', 'text', true), ('ticket', 'internal_rating', 'number', false)""");
    ben = server.login("ben", "pw-ben");
    rita = server.login("rita", "pw-rita");
    maria = fixtures.customerLogin("maria", "pw-maria");
  }

  private JsonObject gi(HttpMethod method, String path, JsonObject body) {
    var response = server.send(method, GenericTicketConnector.BASE + path, null, body);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<String> fields(HttpResponse<Buffer> problem) {
    return problem.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
  }

  private long tickets() {
    return (Long) server.scalar("SELECT count(*) FROM ticket");
  }

  /** Maria's billing ticket, written by rita, with a contract number on it. */
  private long billingTicket(String title) {
    var created = api.post("/tickets", rita, new JsonObject().put("title", title).put("queue_id", billing)
        .put("customer_user", "maria").put("custom_fields", new JsonObject().put("contract_number", "C-1"))
        .put("article", new JsonObject().put("body", "about the invoice")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  private void assertContractNumber(long ticket, String expected) {
    assertEquals(expected, server.scalar("SELECT custom_fields ->> 'contract_number' FROM ticket WHERE id = ?", ticket));
    assertEquals(expected, server.scalar("SELECT v.value_text FROM custom_field_values v JOIN custom_field_definitions d "
        + "ON d.id = v.field_id WHERE d.field_name = 'contract_number' AND v.object_id = ?", String.valueOf(ticket)));
  }

  private JsonObject customerCreate(String title) {
    return new JsonObject().put("title", title).put("article", new JsonObject().put("body", "please help"));
  }

  @Test
  @DisplayName("an agent with only ro on the queue cannot set a custom field, as they cannot set the title")
  void roAgentCannotSetCustomFields() {
    long ticket = billingTicket("Invoice 415");
    var title = api.patch("/tickets/" + ticket, ben, new JsonObject().put("title", "x"));
    assertEquals(403, title.statusCode());
    var custom = api.patch("/tickets/" + ticket, ben,
        new JsonObject().put("custom_fields", new JsonObject().put("contract_number", "x")));
    assertEquals(403, custom.statusCode(), custom.bodyAsString());
    assertTrue(custom.getHeader("Content-Type").startsWith("application/problem+json"));
    assertTrue(custom.bodyAsJsonObject().getString("detail").contains("rw"), custom.bodyAsString());
    assertContractNumber(ticket, "C-1");
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket_history h JOIN ticket_history_type t "
        + "ON t.id = h.history_type_id WHERE h.ticket_id = ? AND t.name = 'TicketDynamicFieldUpdate'", ticket));
  }

  @Test
  @DisplayName("the GenericInterface refuses a ro agent's DynamicField the same way, and writes nothing")
  void roAgentCannotSetDynamicFieldsThroughTheGenericInterface() {
    long ticket = billingTicket("Invoice 416");
    JsonObject answer = gi(HttpMethod.PATCH, "/Ticket/" + ticket, new JsonObject().put("UserLogin", "ben")
        .put("Password", "pw-ben")
        .put("DynamicField", new JsonArray().add(new JsonObject().put("Name", "contract_number").put("Value", "x"))));
    assertEquals("TicketUpdate.AccessDenied", answer.getJsonObject("Error").getString("ErrorCode"), answer.encode());
    assertContractNumber(ticket, "C-1");
  }

  @Test
  @DisplayName("an agent with rw sets a custom field, natively and through the GenericInterface")
  void rwAgentSetsCustomFields() {
    long ticket = billingTicket("Invoice 417");
    var changed = api.patch("/tickets/" + ticket, rita,
        new JsonObject().put("custom_fields", new JsonObject().put("contract_number", "C-2")));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("C-2", changed.bodyAsJsonObject().getJsonObject("custom_fields").getString("contract_number"));
    assertContractNumber(ticket, "C-2");
    JsonObject answer = gi(HttpMethod.PATCH, "/Ticket/" + ticket, new JsonObject().put("UserLogin", "rita")
        .put("Password", "pw-rita")
        .put("DynamicField", new JsonArray().add(new JsonObject().put("Name", "contract_number").put("Value", "C-3"))));
    assertEquals(String.valueOf(ticket), answer.getString("TicketID"), answer.encode());
    assertContractNumber(ticket, "C-3");
  }

  @Test
  @DisplayName("a customer's new ticket naming a field customers may not set is a 422 naming it, and writes no ticket")
  void customerCreateRefusesEachForeignField() {
    Map<String, Object> refused = Map.ofEntries(Map.entry("state", "closed successful"), Map.entry("state_id", 4),
        Map.entry("priority", "5 very high"), Map.entry("priority_id", 5), Map.entry("user_id", ritaId.toString()),
        Map.entry("owner_id", ritaId.toString()), Map.entry("responsible_user_id", ritaId.toString()),
        Map.entry("tags", new JsonArray().add("vip")), Map.entry("customer_user", "maria"),
        Map.entry("customer_id", "acme"), Map.entry("sla_id", 1), Map.entry("source", "phone"),
        Map.entry("until_time", 0), Map.entry("ticket_lock_id", 2), Map.entry("archive_flag", 1));
    long before = tickets();
    refused.forEach((field, value) -> {
      var response = api.post("/tickets", maria, customerCreate("Sneaky " + field)
          .put("queue_id", support).put(field, value));
      assertEquals(422, response.statusCode(), field + ": " + response.bodyAsString());
      assertTrue(fields(response).contains(field), field + ": " + response.bodyAsString());
    });
    assertEquals(before, tickets());
  }

  @Test
  @DisplayName("a customer's ticket with a closed state, a high priority, an owner and tags in Junk is refused for "
      + "each of them at once")
  void customerCreateNamesEveryRefusal() {
    long before = tickets();
    var response = api.post("/tickets", maria, customerCreate("All of it").put("queue", "Junk")
        .put("state", "closed successful").put("priority", "5 very high").put("owner_id", ritaId.toString())
        .put("tags", new JsonArray().add("vip")));
    assertEquals(422, response.statusCode(), response.bodyAsString());
    assertTrue(fields(response).containsAll(List.of("queue", "state", "priority", "owner_id", "tags")),
        response.bodyAsString());
    assertEquals(before, tickets());
  }

  @Test
  @DisplayName("a customer names only a queue offered to customers; any other, invalid ones included, is a 422")
  void customerCreateInAQueueNotOffered() {
    long before = tickets();
    var byId = api.post("/tickets", maria, customerCreate("Wrong queue").put("queue_id", internal));
    assertEquals(422, byId.statusCode(), byId.bodyAsString());
    assertEquals(List.of("queue_id"), fields(byId));
    var byName = api.post("/tickets", maria, customerCreate("Wrong queue").put("queue", "Billing"));
    assertEquals(List.of("queue"), fields(byName));
    var retired = api.post("/tickets", maria, customerCreate("Retired queue").put("queue", "Retired"));
    assertEquals(422, retired.statusCode(), retired.bodyAsString());
    assertEquals(List.of("queue"), fields(retired));
    assertEquals(before, tickets());
  }

  @Test
  @DisplayName("a customer's ticket in an offered queue, with a type and a custom field shown to customers, is created")
  void customerCreateInAnOfferedQueue() {
    var created = api.post("/tickets", maria, customerCreate("Printer").put("queue", "Support")
        .put("type", "Unclassified").put("custom_fields", new JsonObject().put("contract_number", "M-7")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject ticket = created.bodyAsJsonObject();
    assertEquals(support, ticket.getInteger("queue_id"));
    assertEquals("new", ticket.getString("state"));
    assertEquals("3 normal", ticket.getString("priority"));
    assertNull(ticket.getString("user_id"));
    assertContractNumber(ticket.getLong("id"), "M-7");
    long before = tickets();
    var hidden = api.post("/tickets", maria, customerCreate("Rated").put("queue", "Support")
        .put("custom_fields", new JsonObject().put("internal_rating", 5)));
    assertEquals(422, hidden.statusCode(), hidden.bodyAsString());
    assertEquals(List.of("custom_fields.internal_rating"), fields(hidden));
    assertEquals(before, tickets());
  }

  @Test
  @DisplayName("the portal's form filled in by a program (its hidden field set, or sent within 3 s of showing) is "
      + "answered 202 and opens nothing; a person's, slower and with the field empty, opens the ticket")
  void customerFormTrap() {
    long before = tickets();
    var trapped = api.post("/tickets", maria, customerCreate("Cheap pills").put("website", "http://spam.example")
        .put("form_ms", 9_000));
    assertEquals(202, trapped.statusCode(), trapped.bodyAsString());
    assertEquals("accepted", trapped.bodyAsJsonObject().getString("status"));
    var hurried = api.post("/tickets", maria, customerCreate("Cheap pills").put("website", "").put("form_ms", 400));
    assertEquals(202, hurried.statusCode(), hurried.bodyAsString());
    assertEquals(before, tickets());

    var person = api.post("/tickets", maria, customerCreate("Printer jam").put("website", "").put("form_ms", 9_000));
    assertEquals(201, person.statusCode(), person.bodyAsString());
    assertEquals(before + 1, tickets());
  }

  @Test
  @DisplayName("a customer's ticket that names no queue goes to the portal's intake queue: here the one offered to customers")
  void customerCreateWithoutQueue() {
    var created = api.post("/tickets", maria, customerCreate("Somewhere"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(support, created.bodyAsJsonObject().getInteger("queue_id"));
  }

  @Test
  @DisplayName("GET /portal/queues lists the valid queues offered to customers, to customers and agents alike")
  void portalQueues() {
    for (String token : List.of(maria, ben)) {
      var listed = api.get("/portal/queues", token);
      assertEquals(200, listed.statusCode(), listed.bodyAsString());
      JsonArray items = listed.bodyAsJsonObject().getJsonArray("items");
      assertEquals(List.of("Support"), items.stream().map(q -> ((JsonObject) q).getString("name")).toList());
      assertEquals(support, items.getJsonObject(0).getInteger("id"));
    }
    assertEquals(401, api.get("/portal/queues", null).statusCode());
  }

  @Test
  @DisplayName("a customer closes their own ticket and sets a custom field shown to customers")
  void customerClosesAndSetsAVisibleField() {
    long ticket = billingTicket("Close me");
    var closed = api.patch("/tickets/" + ticket, maria, new JsonObject().put("state", "closed successful")
        .put("custom_fields", new JsonObject().put("contract_number", "C-9")));
    assertEquals(200, closed.statusCode(), closed.bodyAsString());
    assertEquals("closed successful", closed.bodyAsJsonObject().getString("state"));
    assertEquals("closed successful", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s "
        + "ON s.id = t.ticket_state_id WHERE t.id = ?", ticket));
    assertContractNumber(ticket, "C-9");
  }

  @Test
  @DisplayName("a customer changing any other field is refused with 403 naming each one, and nothing is written")
  void customerChangeRefusesOtherFields() {
    long ticket = billingTicket("Leave me");
    var response = api.patch("/tickets/" + ticket, maria, new JsonObject().put("title", "mine now")
        .put("priority", "5 very high").put("queue_id", support).put("tags", new JsonArray().add("vip"))
        .put("custom_fields", new JsonObject().put("contract_number", "C-0")));
    assertEquals(403, response.statusCode(), response.bodyAsString());
    assertEquals(List.of("priority", "queue_id", "tags", "title"), fields(response));
    assertEquals("Leave me", server.scalar("SELECT title FROM ticket WHERE id = ?", ticket));
    assertContractNumber(ticket, "C-1");
  }

  @Test
  @DisplayName("a customer sets no state but closed successful, and no custom field hidden from customers")
  void customerChangeOnlyCloses() {
    long ticket = billingTicket("Keep open");
    var reopened = api.patch("/tickets/" + ticket, maria, new JsonObject().put("state", "open"));
    assertEquals(403, reopened.statusCode(), reopened.bodyAsString());
    assertEquals(List.of("state"), fields(reopened));
    var hidden = api.patch("/tickets/" + ticket, maria,
        new JsonObject().put("custom_fields", new JsonObject().put("internal_rating", 1)));
    assertEquals(422, hidden.statusCode(), hidden.bodyAsString());
    assertEquals("new", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", ticket));
    assertNull(server.scalar("SELECT custom_fields ->> 'internal_rating' FROM ticket WHERE id = ?", ticket));
  }

  @Test
  @DisplayName("where portal.customers_may_close is off, a customer's close is refused")
  void customersMayNotCloseWhenConfigured() {
    try (TestServer closedPortal = TestServer.start(new JsonObject()
        .put("portal", new JsonObject().put("customers_may_close", false)))) {
      Fixtures world = new Fixtures(closedPortal);
      world.company("acme");
      world.customer("maria", "pw-maria", "acme");
      String customer = world.customerLogin("maria", "pw-maria");
      long ticket = closedPortal.send(HttpMethod.POST, "/api/v1/tickets", customer, customerCreate("Stay open"))
          .bodyAsJsonObject().getLong("id");
      var closing = closedPortal.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket, customer,
          new JsonObject().put("state", "closed successful"));
      assertEquals(403, closing.statusCode(), closing.bodyAsString());
      assertEquals(List.of("state"), fields(closing));
      assertEquals("new", closedPortal.scalar("SELECT s.name FROM ticket t JOIN ticket_state s "
          + "ON s.id = t.ticket_state_id WHERE t.id = ?", ticket));
    }
  }

  @Test
  @DisplayName("a customer's TicketCreate through the GenericInterface follows the same rules")
  void customerCreateThroughTheGenericInterface() {
    JsonObject article = new JsonObject().put("Subject", "help").put("Body", "please");
    long before = tickets();
    JsonObject refused = gi(HttpMethod.POST, "/Ticket", new JsonObject().put("CustomerUserLogin", "maria")
        .put("Password", "pw-maria").put("Article", article)
        .put("Ticket", new JsonObject().put("Title", "Sneaky").put("Queue", "Junk").put("State", "closed successful")
            .put("Priority", "5 very high").put("CustomerUser", "maria")));
    JsonObject error = refused.getJsonObject("Error");
    assertEquals("TicketCreate.InvalidParameter", error.getString("ErrorCode"), refused.encode());
    for (String field : List.of("queue", "state", "priority")) {
      assertTrue(error.getString("ErrorMessage").contains(field), refused.encode());
    }
    JsonObject someoneElse = gi(HttpMethod.POST, "/Ticket", new JsonObject().put("CustomerUserLogin", "maria")
        .put("Password", "pw-maria").put("Article", article)
        .put("Ticket", new JsonObject().put("Title", "For otto").put("Queue", "Support").put("CustomerUser", "otto")));
    assertEquals("TicketCreate.InvalidParameter", someoneElse.getJsonObject("Error").getString("ErrorCode"),
        someoneElse.encode());
    assertEquals(before, tickets());

    JsonObject created = gi(HttpMethod.POST, "/Ticket", new JsonObject().put("CustomerUserLogin", "maria")
        .put("Password", "pw-maria").put("Article", article)
        .put("Ticket", new JsonObject().put("Title", "Fair").put("Queue", "Support").put("CustomerUser", "maria")));
    long id = Long.parseLong(created.getString("TicketID"));
    assertEquals(support, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", id)).intValue());
    assertEquals("maria", server.scalar("SELECT c.login FROM ticket t JOIN customer_user c "
        + "ON c.id = t.customer_user_id WHERE t.id = ?", id));
  }
}
