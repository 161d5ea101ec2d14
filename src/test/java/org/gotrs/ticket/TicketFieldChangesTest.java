package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code PATCH /tickets/{id}} for the fields beyond title, state, priority and queue: each change writes its OTRS
 * history type, and each rejected change leaves the ticket, its history and the event log as they were.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketFieldChangesTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int queue;
  private String agent;
  private final String admin;
  private UUID colleague;
  private UUID departed;

  TicketFieldChangesTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("changes");
    queue = fixtures.queue("Changes", group);
    fixtures.agent("change-agent", "pw-change", group, "rw");
    colleague = fixtures.agent("colleague", "pw-colleague", group, "rw");
    departed = fixtures.agent("departed", "pw-departed", group, "rw");
    server.sql("UPDATE users SET valid_id = 2 WHERE id = ?", departed);
    fixtures.company("acme");
    fixtures.customer("alice", "pw-alice", "acme");
    agent = server.login("change-agent", "pw-change");
  }

  private long ticket(String title) {
    return fixtures.ticket(agent, queue, title, "body").getLong("id");
  }

  private HttpResponse<Buffer> patch(long id, JsonObject changes) {
    return server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, changes);
  }

  private JsonObject changed(long id, JsonObject changes) {
    var response = patch(id, changes);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private int create(String path, JsonObject body) {
    var response = server.send(HttpMethod.POST, "/api/v1" + path, admin, body);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getInteger("id");
  }

  /** The history types written after the ticket and its first article, in order. */
  private List<String> historyTypes(long id) {
    List<String> types = new ArrayList<>();
    server.send(HttpMethod.GET, "/api/v1/tickets/" + id + "/history", agent, null).bodyAsJsonObject()
        .getJsonArray("items").forEach(item -> types.add(((JsonObject) item).getString("history_type")));
    assertEquals(List.of("NewTicket", "AddNote"), types.subList(0, 2));
    return types.subList(2, types.size());
  }

  /** Everything a change could touch, to compare before and after a rejected one. */
  private List<Object> snapshot(long id) {
    return List.of(server.scalar("SELECT row_to_json(t)::text FROM ticket t WHERE id = ?", id),
        server.scalar("SELECT count(*) FROM ticket_history WHERE ticket_id = ?", id),
        server.scalar("SELECT count(*) FROM event_log WHERE ? = ANY (topics)", "ticket:" + id),
        server.scalar("SELECT count(*) FROM audit_log WHERE object_type = 'ticket' AND object_id = ?", String.valueOf(id)));
  }

  /** A rejected change: the status, the field it names, and nothing written. */
  private void rejected(long id, JsonObject changes, int status, String field) {
    List<Object> before = snapshot(id);
    var response = patch(id, changes);
    assertEquals(status, response.statusCode(), changes.encode() + ": " + response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"), changes.encode());
    if (field != null) {
      List<String> fields = new ArrayList<>();
      response.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
      assertTrue(fields.contains(field), changes.encode() + " names " + fields);
    }
    assertEquals(before, snapshot(id), changes.encode() + " wrote nothing");
  }

  @Test
  @DisplayName("type, service and SLA change with TypeUpdate, ServiceUpdate and SLAUpdate; null takes service and SLA off")
  void typeServiceSla() {
    long id = ticket("Classify me");
    int type = create("/types", new JsonObject().put("name", "Incident"));
    create("/types", new JsonObject().put("name", "Problem"));
    int service = create("/services", new JsonObject().put("name", "Printing"));
    int sla = create("/slas", new JsonObject().put("name", "Printing SLA").put("solution_time", 480));
    JsonObject ticket = changed(id, new JsonObject().put("type_id", type).put("service_id", service).put("sla_id", sla));
    assertEquals("Incident", ticket.getString("type"));
    assertEquals(service, ticket.getInteger("service_id"));
    assertEquals(sla, ticket.getInteger("sla_id"));
    assertTrue(ticket.getLong("escalation_solution_time") > 0, "the SLA sets a solution deadline");
    assertEquals("Problem", changed(id, new JsonObject().put("type", "Problem")).getString("type"));
    JsonObject cleared = changed(id, new JsonObject().putNull("service_id").putNull("sla_id"));
    assertNull(cleared.getInteger("service_id"));
    assertNull(cleared.getInteger("sla_id"));
    assertEquals(List.of("TypeUpdate", "ServiceUpdate", "SLAUpdate", "TypeUpdate", "ServiceUpdate", "SLAUpdate"),
        historyTypes(id).stream().filter(t -> t.endsWith("Update")).toList());
  }

  @Test
  @DisplayName("an invalid type, service or SLA cannot be chosen, and an unknown one is a 422 naming it")
  void invalidLookupsAreRefused() {
    long id = ticket("Keep my lookups");
    int type = create("/types", new JsonObject().put("name", "Retired type"));
    int service = create("/services", new JsonObject().put("name", "Retired service"));
    int sla = create("/slas", new JsonObject().put("name", "Retired SLA"));
    for (String path : List.of("/types/" + type, "/services/" + service, "/slas/" + sla)) {
      assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1" + path, admin, null).statusCode(), path);
    }
    rejected(id, new JsonObject().put("type_id", type), 422, "type_id");
    rejected(id, new JsonObject().put("type", "No such type"), 422, "type");
    rejected(id, new JsonObject().put("service_id", service), 422, "service_id");
    rejected(id, new JsonObject().put("sla_id", sla), 422, "sla_id");
    rejected(id, new JsonObject().put("sla_id", 99999).put("title", "Half of a change"), 422, "sla_id");
    rejected(id, new JsonObject().put("type_id", "Incident"), 422, "type_id");
  }

  @Test
  @DisplayName("owner and responsible change to valid agents with OwnerUpdate and ResponsibleUpdate; others are refused")
  void ownerAndResponsible() {
    long id = ticket("Who owns this");
    JsonObject ticket = changed(id, new JsonObject().put("user_id", colleague.toString())
        .put("responsible_user_id", colleague.toString()));
    assertEquals("colleague", ticket.getString("owner"));
    assertEquals(colleague.toString(), ticket.getString("responsible_user_id"));
    assertEquals(List.of("OwnerUpdate", "ResponsibleUpdate"), historyTypes(id));
    rejected(id, new JsonObject().put("user_id", departed.toString()), 422, "user_id");
    rejected(id, new JsonObject().put("responsible_user_id", UUID.randomUUID().toString()), 422, "responsible_user_id");
    rejected(id, new JsonObject().put("responsible_user_id", "colleague"), 422, "responsible_user_id");
    assertNull(changed(id, new JsonObject().putNull("responsible_user_id")).getString("responsible_user_id"));
  }

  @Test
  @DisplayName("lock and unlock write Lock and Unlock; only 1 and 2 are lock states")
  void lockAndUnlock() {
    long id = ticket("Lock me");
    assertEquals("lock", changed(id, new JsonObject().put("ticket_lock_id", 2)).getString("lock"));
    assertEquals("unlock", changed(id, new JsonObject().put("ticket_lock_id", 1)).getString("lock"));
    assertEquals(List.of("OwnerUpdate", "Lock", "Unlock"), historyTypes(id), "locking an unowned ticket takes it");
    rejected(id, new JsonObject().put("ticket_lock_id", 3), 422, "ticket_lock_id");
    rejected(id, new JsonObject().put("ticket_lock_id", true), 422, "ticket_lock_id");
  }

  @Test
  @DisplayName("the customer changes by login, taking the customer's company, with CustomerUpdate")
  void customer() {
    long id = ticket("For a customer");
    JsonObject ticket = changed(id, new JsonObject().put("customer_user", "alice"));
    assertEquals("alice", ticket.getString("customer_user"));
    assertEquals("acme", ticket.getString("customer_id"));
    assertTrue(historyTypes(id).contains("CustomerUpdate"));
    rejected(id, new JsonObject().put("customer_user", "mallory"), 422, "customer_user");
    rejected(id, new JsonObject().put("customer_id", "x".repeat(151)), 422, "customer_id");
  }

  @Test
  @DisplayName("tags are replaced as a set: trimmed, without duplicates; too many or blank tags are refused")
  void tags() {
    long id = ticket("Tag me");
    JsonObject ticket = changed(id, new JsonObject().put("tags", new JsonArray().add(" vip ").add("vip").add("billing")));
    assertEquals(new JsonArray().add("vip").add("billing"), ticket.getJsonArray("tags"));
    int historyRows = historyTypes(id).size();
    changed(id, new JsonObject().put("tags", new JsonArray().add("billing").add("vip")));
    assertEquals(historyRows, historyTypes(id).size(), "the same set again changes nothing");
    JsonArray tooMany = new JsonArray();
    IntStream.range(0, 51).forEach(i -> tooMany.add("tag" + i));
    rejected(id, new JsonObject().put("tags", tooMany), 422, "tags");
    rejected(id, new JsonObject().put("tags", new JsonArray().add("ok").add("  ")), 422, "tags");
    rejected(id, new JsonObject().put("tags", "vip"), 422, "tags");
    assertEquals(new JsonArray(), changed(id, new JsonObject().put("tags", new JsonArray())).getJsonArray("tags"));
  }

  @Test
  @DisplayName("a pending state takes until_time as epoch seconds or ISO time; leaving it clears the time")
  void pendingTime() {
    long id = ticket("Wait for me");
    JsonObject pending = changed(id, new JsonObject().put("state", "pending auto close+").put("until_time", 2051222400L));
    assertEquals(2051222400L, pending.getLong("until_time"));
    assertEquals(2082758400L, changed(id, new JsonObject().put("until_time", "2036-01-01T00:00:00Z")).getLong("until_time"));
    rejected(id, new JsonObject().put("until_time", "2001-01-01T00:00:00Z"), 422, "until_time");
    rejected(id, new JsonObject().put("until_time", "2100-01-01T00:00:00Z"), 422, "until_time");
    rejected(id, new JsonObject().put("until_time", "next week"), 422, "until_time");
    assertEquals(0L, changed(id, new JsonObject().put("state", "open")).getLong("until_time"));
    assertEquals(List.of("StateUpdate", "SetPendingTime", "SetPendingTime", "StateUpdate", "SetPendingTime"),
        historyTypes(id));
  }

  @Test
  @DisplayName("archiving writes ArchiveFlagUpdate and takes the ticket out of default lists; restoring brings it back")
  void archive() {
    long id = ticket("Archive me");
    assertEquals(1, changed(id, new JsonObject().put("archive_flag", 1)).getInteger("archive_flag"));
    assertFalse(listed(id, ""), "archived tickets leave the default list");
    assertTrue(listed(id, "&archived=true"));
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/tickets/" + id, agent, null).statusCode(),
        "an archived ticket is still readable");
    rejected(id, new JsonObject().put("archive_flag", 2), 422, "archive_flag");
    assertEquals(0, changed(id, new JsonObject().put("archive_flag", 0)).getInteger("archive_flag"));
    assertTrue(listed(id, ""));
    assertEquals(List.of("ArchiveFlagUpdate", "ArchiveFlagUpdate"), historyTypes(id));
  }

  private boolean listed(long id, String query) {
    return server.send(HttpMethod.GET, "/api/v1/tickets?queue_id=" + queue + "&limit=500" + query, agent, null)
        .bodyAsJsonObject().getJsonArray("items").stream().anyMatch(t -> ((JsonObject) t).getLong("id") == id);
  }

  @Test
  @DisplayName("a change publishes ticket.updated naming the changed fields, in the same transaction as its history")
  void changePublishesItsFields() {
    long id = ticket("Watch me");
    changed(id, new JsonObject().put("title", "Watched").put("tags", new JsonArray().add("seen")));
    var event = server.sql("SELECT data FROM event_log WHERE name = 'ticket.updated' AND ? = ANY (topics) ORDER BY seq DESC "
        + "LIMIT 1", "ticket:" + id).get(0).get("data");
    JsonObject data = new JsonObject(String.valueOf(event));
    assertEquals(new JsonArray().add("title").add("tags"), data.getJsonArray("changed"));
    assertEquals("Watched", data.getJsonObject("ticket").getString("title"));
  }

  @Test
  @DisplayName("a malformed or empty body, a wrong type, an unknown ticket or one out of reach is refused and writes nothing")
  void badRequests() {
    long id = ticket("Stay as I am");
    List<Object> before = snapshot(id);
    assertEquals(400, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, Buffer.buffer("{\"title\":")).statusCode());
    assertEquals(400, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent, Buffer.buffer("[1, 2]")).statusCode());
    rejected(id, new JsonObject(), 422, "body");
    rejected(id, new JsonObject().put("title", 5), 422, "title");
    rejected(id, new JsonObject().put("title", " "), 422, "title");
    rejected(id, new JsonObject().put("title", "x".repeat(256)), 422, "title");
    rejected(id, new JsonObject().put("queue_id", "Support"), 422, "queue_id");
    rejected(id, new JsonObject().put("custom_fields", "none"), 422, "custom_fields");
    assertEquals(before, snapshot(id));
    assertEquals(404, patch(987654321L, new JsonObject().put("title", "ghost")).statusCode());
    String stranger = strangerToken();
    assertEquals(404, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, stranger,
        new JsonObject().put("title", "mine now")).statusCode(), "a ticket out of reach does not exist for the caller");
    assertEquals(before, snapshot(id));
  }

  private String strangerToken() {
    fixtures.agent("stranger", "pw-stranger", null);
    return server.login("stranger", "pw-stranger");
  }
}
