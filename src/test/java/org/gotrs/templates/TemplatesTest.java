package org.gotrs.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Standard templates over HTTP: managed by administrators, offered per queue, rendered for a ticket. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TemplatesTest {

  private TestServer server;
  private Fixtures fixtures;
  private int supportGroup;
  private String admin;
  private String anna;
  private String outsider;
  private String customer;
  private int support;
  private int sales;
  private long ticketId;
  private String tn;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("http", new JsonObject().put("public_url", "https://desk.example.com/"))
        .put("auth", new JsonObject().put("login_rate_per_minute", 1000)));
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    supportGroup = fixtures.group("support");
    support = fixtures.queue("Support", supportGroup);
    sales = fixtures.queue("Sales", fixtures.group("sales"));
    UUID annaId = fixtures.agent("anna", "anna-password", supportGroup, "rw");
    UUID benId = fixtures.agent("ben", "ben-password", supportGroup, "rw");
    fixtures.agent("olga", "olga-password", null);
    server.sql("UPDATE users SET first_name = 'Anna', last_name = 'Alvarez', email = 'anna@desk.example' WHERE id = ?",
        annaId);
    server.sql("UPDATE users SET first_name = 'Ben', last_name = 'Brandt', email = 'ben@desk.example' WHERE id = ?",
        benId);
    fixtures.company("acme");
    UUID maria = fixtures.customer("maria", "maria-password", "acme");
    server.sql("UPDATE customer_user SET first_name = 'Maria', last_name = 'García', email = 'maria@acme.example' "
        + "WHERE id = ?", maria);
    anna = server.login("anna", "anna-password");
    outsider = server.login("olga", "olga-password");
    customer = fixtures.customerLogin("maria", "maria-password");

    JsonObject ticket = fixtures.ticket(anna, support, "Printer on fire", "It smokes.");
    ticketId = ticket.getLong("id");
    tn = ticket.getString("tn");
    int service = ((Number) server.scalar("INSERT INTO service (name) VALUES ('Printing') RETURNING id")).intValue();
    int sla = ((Number) server.scalar("INSERT INTO sla (name) VALUES ('Gold') RETURNING id")).intValue();
    server.sql("""
        UPDATE ticket SET customer_user_id = ?, customer_id = 'acme', user_id = ?, responsible_user_id = ?,
                          type_id = 1, service_id = ?, sla_id = ?, ticket_priority_id = 4
         WHERE id = ?""", maria, benId, annaId, service, sla, ticketId);
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private JsonObject create(JsonObject template) {
    var created = send(HttpMethod.POST, "/templates", admin, template);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private JsonObject template(String name, String text, int... queues) {
    JsonArray ids = new JsonArray();
    for (int queue : queues) {
      ids.add(queue);
    }
    return new JsonObject().put("name", name).put("text", text).put("queue_ids", ids);
  }

  private HttpResponse<Buffer> render(int template, String token) {
    return send(HttpMethod.POST, "/templates/" + template + "/render", token, new JsonObject().put("ticket_id", ticketId));
  }

  private String body(int template) {
    var rendered = render(template, anna);
    assertEquals(200, rendered.statusCode(), rendered.bodyAsString());
    return rendered.bodyAsJsonObject().getString("body");
  }

  private long templates() {
    return (Long) server.scalar("SELECT count(*) FROM standard_template");
  }

  private long assignments() {
    return (Long) server.scalar("SELECT count(*) FROM queue_standard_template");
  }

  private List<String> names(HttpResponse<Buffer> list) {
    assertEquals(200, list.statusCode(), list.bodyAsString());
    return list.bodyAsJsonObject().getJsonArray("items").stream().map(i -> ((JsonObject) i).getString("name")).toList();
  }

  @Test
  @DisplayName("an administrator creates a template assigned to queues; agents read it and find it by queue and type")
  void createAndFind() {
    int printers = fixtures.queue("Printers", supportGroup);
    JsonObject created = create(template("Printer help", "Try turning it off.", printers, sales)
        .put("template_type", "Answer").put("comments", "first line"));
    assertEquals(List.of(sales, printers), created.getJsonArray("queue_ids").getList(), "in the order of their ids");
    assertEquals("text/plain; charset=utf-8", created.getString("content_type"));
    assertEquals(1, created.getInteger("valid_id"));
    create(template("Forward to vendor", "See below.", printers).put("template_type", "Forward"));
    create(template("Sales greeting", "Hello!", sales));

    var read = send(HttpMethod.GET, "/templates/" + created.getInteger("id"), anna, null);
    assertEquals(200, read.statusCode());
    assertEquals("Try turning it off.", read.bodyAsJsonObject().getString("text"));

    assertEquals(List.of("Forward to vendor", "Printer help"),
        names(send(HttpMethod.GET, "/templates?queue_id=" + printers, anna, null)));
    assertEquals(List.of("Printer help"),
        names(send(HttpMethod.GET, "/templates?queue_id=" + printers + "&template_type=Answer", anna, null)));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'template.create' AND object_id = ?",
        String.valueOf(created.getInteger("id"))));
  }

  @Test
  @DisplayName("OTRS's default templates are there, 'empty answer' offered in the four default queues")
  void otrsDefaults() {
    JsonObject empty = send(HttpMethod.GET, "/templates?template_type=Answer", admin, null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(t -> t.getString("name").equals("empty answer")).findFirst().orElseThrow();
    assertEquals(List.of(1, 2, 3, 4), empty.getJsonArray("queue_ids").getList());
    assertTrue(names(send(HttpMethod.GET, "/templates", anna, null)).contains("test answer"));
  }

  @Test
  @DisplayName("rendering fills every documented tag for the ticket, its customer, owner, responsible and the caller")
  void everyDocumentedTag() {
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("OTRS_TICKET_TicketNumber", tn);
    expected.put("OTRS_TICKET_TicketID", String.valueOf(ticketId));
    expected.put("OTRS_TICKET_Title", "Printer on fire");
    expected.put("OTRS_TICKET_Queue", "Support");
    expected.put("OTRS_TICKET_State", "new");
    expected.put("OTRS_TICKET_Priority", "4 high");
    expected.put("OTRS_TICKET_Type", "Unclassified");
    expected.put("OTRS_TICKET_Service", "Printing");
    expected.put("OTRS_TICKET_SLA", "Gold");
    expected.put("OTRS_TICKET_CustomerID", "acme");
    expected.put("OTRS_TICKET_CustomerUserID", "maria");
    expected.put("OTRS_TICKET_Owner", "ben");
    expected.put("OTRS_TICKET_Responsible", "anna");
    expected.put("OTRS_CUSTOMER_REALNAME", "Maria García");
    expected.put("OTRS_CUSTOMER_Email", "maria@acme.example");
    expected.put("OTRS_CUSTOMER_SUBJECT", null);
    for (String prefix : List.of("OTRS_CUSTOMER_", "OTRS_CUSTOMER_DATA_")) {
      expected.put(prefix + "UserFirstname", "Maria");
      expected.put(prefix + "UserLastname", "García");
      expected.put(prefix + "UserLogin", "maria");
      expected.put(prefix + "UserEmail", "maria@acme.example");
      expected.put(prefix + "UserCustomerID", "acme");
      expected.put(prefix + "UserTitle", "");
    }
    for (String prefix : List.of("OTRS_Agent_", "OTRS_OWNER_")) {
      agent(expected, prefix, "Ben", "Brandt", "ben", "ben@desk.example");
    }
    agent(expected, "OTRS_RESPONSIBLE_", "Anna", "Alvarez", "anna", "anna@desk.example");
    agent(expected, "OTRS_CURRENT_", "Anna", "Alvarez", "anna", "anna@desk.example");
    expected.put("OTRS_CONFIG_ProductName", "GOTRS");
    expected.put("OTRS_CONFIG_SystemID", "10");
    expected.put("OTRS_CONFIG_HttpType", "https");
    expected.put("OTRS_CONFIG_FQDN", "desk.example.com");
    expected.put("OTRS_CONFIG_PublicURL", "https://desk.example.com");

    StringBuilder text = new StringBuilder();
    expected.keySet().forEach(tag -> text.append(tag).append("=<").append(tag).append(">\n"));
    int id = create(template("All tags", text.toString(), support)).getInteger("id");
    String subject = server.scalar("SELECT subject FROM article WHERE ticket_id = ? ORDER BY id LIMIT 1", ticketId)
        .toString();
    expected.put("OTRS_CUSTOMER_SUBJECT", subject);
    server.sql("UPDATE article SET article_sender_type_id = 3 WHERE ticket_id = ?", ticketId);

    StringBuilder wanted = new StringBuilder();
    expected.forEach((tag, value) -> wanted.append(tag).append('=').append(value).append('\n'));
    assertEquals(wanted.toString(), body(id));
  }

  private static void agent(Map<String, String> expected, String prefix, String first, String last, String login,
                            String email) {
    expected.put(prefix + "UserFirstname", first);
    expected.put(prefix + "UserLastname", last);
    expected.put(prefix + "UserFullname", first + " " + last);
    expected.put(prefix + "UserLogin", login);
    expected.put(prefix + "UserEmail", email);
  }

  @Test
  @DisplayName("tags are matched whatever their case; unknown tags and settings outside the safe list stay as written")
  void unknownTagsStay() {
    int id = create(template("Odd tags", "Dear <otrs_customer_realname>, <OTRS_TICKET_Nonsense> "
        + "<OTRS_CONFIG_DatabasePw> <OTRS_CUSTOMER_DATA_UserPassword> <NOT_A_TAG>", support)).getInteger("id");
    assertEquals("Dear Maria García, <OTRS_TICKET_Nonsense> <OTRS_CONFIG_DatabasePw> "
        + "<OTRS_CUSTOMER_DATA_UserPassword> <NOT_A_TAG>", body(id));
  }

  @Test
  @DisplayName("an HTML template gets its values HTML-escaped, tags stored escaped by an editor included")
  void htmlValuesAreEscaped() {
    server.sql("UPDATE ticket SET title = ? WHERE id = ?", "Fish & <b>chips</b>", ticketId);
    try {
      int id = create(template("Html", "<p>About <OTRS_TICKET_Title>, &lt;OTRS_CUSTOMER_UserFirstname&gt;</p>", support)
          .put("content_type", "text/html")).getInteger("id");
      var rendered = render(id, anna).bodyAsJsonObject();
      assertEquals("<p>About Fish &amp; &lt;b&gt;chips&lt;/b&gt;, Maria</p>", rendered.getString("body"));
      assertEquals("text/html; charset=utf-8", rendered.getString("content_type"));
      assertEquals("RE: Fish & <b>chips</b>", rendered.getString("subject"), "the subject is plain text");
    } finally {
      server.sql("UPDATE ticket SET title = 'Printer on fire' WHERE id = ?", ticketId);
    }
  }

  @Test
  @DisplayName("a template is rendered only for tickets in the queues it is assigned to (422), and never for a ticket the caller cannot read (404)")
  void restrictedToItsQueues() {
    int elsewhere = create(template("Sales only", "Buy more.", sales)).getInteger("id");
    int nowhere = create(template("Unassigned", "Nobody sees this.")).getInteger("id");
    int here = create(template("Support only", "We are on it.", support).put("template_type", "Note")).getInteger("id");

    var refused = render(elsewhere, anna);
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertEquals("ticket_id", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(422, render(nowhere, anna).statusCode());
    assertEquals(404, render(here, outsider).statusCode(), "olga may not read the ticket");
    assertEquals(404, render(999_999, anna).statusCode());
    JsonObject rendered = render(here, anna).bodyAsJsonObject();
    assertEquals("We are on it.", rendered.getString("body"));
    assertEquals("Printer on fire", rendered.getString("subject"));

    assertEquals(204, send(HttpMethod.DELETE, "/templates/" + here, admin, null).statusCode());
    assertEquals(404, render(here, anna).statusCode());
  }

  @Test
  @DisplayName("an invalid template is not rendered")
  void invalidTemplateIsNotRendered() {
    int id = create(template("Retired", "Old text", support).put("valid_id", 2)).getInteger("id");
    assertEquals(422, render(id, anna).statusCode());
    assertEquals(List.of(), names(send(HttpMethod.GET, "/templates?valid_id=1&queue_id=" + support, anna, null))
        .stream().filter("Retired"::equals).toList());
  }

  @Test
  @DisplayName("a PATCH with queue_ids replaces the assignments, without them keeps them; DELETE removes the template")
  void patchAndDelete() {
    int id = create(template("Moving", "Text", support)).getInteger("id");
    var renamed = send(HttpMethod.PATCH, "/templates/" + id, admin, new JsonObject().put("name", "Moved"));
    assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
    assertEquals(List.of(support), renamed.bodyAsJsonObject().getJsonArray("queue_ids").getList());
    var moved = send(HttpMethod.PATCH, "/templates/" + id, admin, new JsonObject().put("queue_ids", List.of(sales)));
    assertEquals(List.of(sales), moved.bodyAsJsonObject().getJsonArray("queue_ids").getList());
    assertEquals(422, render(id, anna).statusCode());

    assertEquals(204, send(HttpMethod.DELETE, "/templates/" + id, admin, null).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM queue_standard_template WHERE standard_template_id = ?", id));
    assertEquals(404, send(HttpMethod.GET, "/templates/" + id, anna, null).statusCode());
    assertEquals(404, send(HttpMethod.DELETE, "/templates/" + id, admin, null).statusCode());
  }

  @Test
  @DisplayName("only administrators write templates: an agent's create, change and delete are 403 and change nothing")
  void agentsCannotWrite() {
    int id = create(template("Locked", "Keep me", support)).getInteger("id");
    long before = templates();
    long assigned = assignments();
    assertEquals(403, send(HttpMethod.POST, "/templates", anna, template("Mine", "x", support)).statusCode());
    assertEquals(403, send(HttpMethod.PATCH, "/templates/" + id, anna, new JsonObject().put("text", "changed"))
        .statusCode());
    assertEquals(403, send(HttpMethod.DELETE, "/templates/" + id, anna, null).statusCode());
    assertEquals(before, templates());
    assertEquals(assigned, assignments());
    assertEquals("Keep me", server.scalar("SELECT text FROM standard_template WHERE id = ?", id));
  }

  @Test
  @DisplayName("customers neither list nor render templates")
  void customersGet403() {
    assertEquals(403, send(HttpMethod.GET, "/templates", customer, null).statusCode());
    assertEquals(403, render(1, customer).statusCode());
    assertEquals(401, send(HttpMethod.GET, "/templates", null, null).statusCode());
  }

  @Test
  @DisplayName("bad input is 422 naming each field and writes nothing: type, content type, queues, name")
  void badInputWritesNothing() {
    long before = templates();
    long assigned = assignments();
    var bad = send(HttpMethod.POST, "/templates", admin, new JsonObject().put("name", " ")
        .put("template_type", "Letter").put("content_type", "application/pdf").put("queue_ids", List.of("one")));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    List<String> fields = bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).sorted().toList();
    assertEquals(List.of("content_type", "name", "queue_ids", "template_type"), fields);

    var noQueue = send(HttpMethod.POST, "/templates", admin, template("Ghost queue", "x", support, 999_999));
    assertEquals(422, noQueue.statusCode(), noQueue.bodyAsString());
    assertTrue(noQueue.bodyAsJsonObject().getString("detail").contains("999999"));
    assertEquals(before, templates());
    assertEquals(assigned, assignments());

    int id = create(template("Stable", "x", support)).getInteger("id");
    var badPatch = send(HttpMethod.PATCH, "/templates/" + id, admin, new JsonObject().put("queue_ids", List.of(999_999))
        .put("text", "changed"));
    assertEquals(422, badPatch.statusCode());
    assertEquals("x", server.scalar("SELECT text FROM standard_template WHERE id = ?", id));
    assertEquals(List.of(support), send(HttpMethod.GET, "/templates/" + id, admin, null).bodyAsJsonObject()
        .getJsonArray("queue_ids").getList());
    assertEquals(409, send(HttpMethod.POST, "/templates", admin, template("Stable", "again")).statusCode());
    assertEquals(422, send(HttpMethod.GET, "/templates?template_type=Letter", anna, null).statusCode());
    assertEquals(422, send(HttpMethod.POST, "/templates/" + id + "/render", anna, new JsonObject()).statusCode());
  }
}
