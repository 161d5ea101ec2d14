package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code GET /tickets}: every filter narrows to exactly its tickets, every sort pages through all, bad values are 422. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketListFiltersTest {

  private final TestServer server;
  private int queue;
  private String agent;
  private String outsider;
  private String customer;
  private UUID agentId;
  private UUID colleagueId;
  private UUID aliceId;
  private JsonObject urgent;
  private JsonObject assigned;
  private JsonObject closed;
  private JsonObject archived;
  private JsonObject escalated;
  private JsonObject old;

  TicketListFiltersTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    int group = fixtures.group("filters");
    queue = fixtures.queue("Filters", group);
    agentId = fixtures.agent("filter-agent", "pw-filter", group, "rw");
    colleagueId = fixtures.agent("colleague", "pw-colleague", group, "rw");
    fixtures.agent("stranger", "pw-stranger", null);
    fixtures.company("acme");
    fixtures.company("globex");
    aliceId = fixtures.customer("alice", "pw-alice", "acme");
    fixtures.customer("bob", "pw-bob", "globex");
    agent = server.login("filter-agent", "pw-filter");
    outsider = server.login("stranger", "pw-stranger");
    customer = fixtures.customerLogin("bob", "pw-bob");

    urgent = create(new JsonObject().put("title", "Urgent").put("priority", "5 very high").put("state", "open")
        .put("customer_user", "alice").put("tags", new JsonArray().add("vip").add("billing")));
    assigned = create(new JsonObject().put("title", "Assigned").put("priority", "1 very low"));
    assigned = patch(assigned, new JsonObject().put("user_id", colleagueId.toString())
        .put("responsible_user_id", agentId.toString()));
    closed = create(new JsonObject().put("title", "Closed").put("state", "closed successful")
        .put("customer_user", "bob").put("tags", new JsonArray().add("billing")));
    archived = patch(create(new JsonObject().put("title", "Archived")), new JsonObject().put("archive_flag", 1));
    escalated = create(new JsonObject().put("title", "Escalated"));
    server.sql("UPDATE ticket SET escalation_time = extract(epoch FROM now())::int - 600 WHERE id = ?",
        escalated.getLong("id"));
    old = create(new JsonObject().put("title", "Old"));
    server.sql("UPDATE ticket SET create_time = '2020-03-01 12:00', change_time = '2020-03-02 12:00' WHERE id = ?",
        old.getLong("id"));
  }

  private JsonObject create(JsonObject ticket) {
    var response = server.send(HttpMethod.POST, "/api/v1/tickets", agent, ticket.put("queue_id", queue)
        .put("article", new JsonObject().put("subject", ticket.getString("title")).put("body", "words")));
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private JsonObject patch(JsonObject ticket, JsonObject changes) {
    var response = server.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticket.getLong("id"), agent, changes);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private HttpResponse<Buffer> list(String token, String query) {
    return server.send(HttpMethod.GET, "/api/v1/tickets?queue_id=" + queue + "&" + query, token, null);
  }

  /** The titles a filter leaves in this class's queue, newest first. */
  private List<String> titles(String query) {
    return titles(agent, query);
  }

  private List<String> titles(String token, String query) {
    var response = list(token, query);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    List<String> titles = new ArrayList<>();
    response.bodyAsJsonObject().getJsonArray("items").forEach(item -> titles.add(((JsonObject) item).getString("title")));
    return titles;
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  @DisplayName("without filters the queue lists its unarchived tickets newest first")
  void noFilter() {
    assertEquals(List.of("Old", "Escalated", "Closed", "Assigned", "Urgent"), titles(""));
  }

  @Test
  @DisplayName("state, state_id and state_type keep only tickets in that state")
  void byState() {
    assertEquals(List.of("Urgent"), titles("state=open"));
    assertEquals(List.of("Closed"), titles("state_id=" + closed.getInteger("state_id")));
    assertEquals(List.of("Closed"), titles("state_type=closed"));
    assertEquals(List.of("Old", "Escalated", "Assigned"), titles("state_type=new"));
    assertEquals(List.of(), titles("state=" + encoded("no such state")));
  }

  @Test
  @DisplayName("priority_id, owner_id and responsible_user_id keep only tickets with that value")
  void byPriorityOwnerResponsible() {
    assertEquals(List.of("Urgent"), titles("priority_id=" + urgent.getInteger("priority_id")));
    assertEquals(List.of("Assigned"), titles("priority_id=1"));
    assertEquals(List.of("Assigned"), titles("owner_id=" + colleagueId));
    assertEquals(List.of("Assigned"), titles("responsible_user_id=" + agentId));
    assertEquals(List.of(), titles("owner_id=" + UUID.randomUUID()));
  }

  @Test
  @DisplayName("customer_id and customer_user_id keep only that customer's tickets")
  void byCustomer() {
    assertEquals(List.of("Urgent"), titles("customer_id=acme"));
    assertEquals(List.of("Closed"), titles("customer_id=globex"));
    assertEquals(List.of("Urgent"), titles("customer_user_id=" + aliceId));
  }

  @Test
  @DisplayName("tag keeps tickets carrying the tag; filters combine with AND")
  void byTagAndCombined() {
    assertEquals(List.of("Closed", "Urgent"), titles("tag=billing"));
    assertEquals(List.of("Urgent"), titles("tag=vip"));
    assertEquals(List.of("Urgent"), titles("tag=billing&state=open"));
    assertEquals(List.of(), titles("tag=vip&customer_id=globex"));
  }

  @Test
  @DisplayName("created and changed ranges: after is inclusive, before exclusive")
  void byTimeRanges() {
    assertEquals(List.of("Old"), titles("created_before=2021-01-01T00:00:00Z"));
    assertEquals(List.of("Escalated", "Closed", "Assigned", "Urgent"), titles("created_after=2021-01-01T00:00:00Z"));
    assertEquals(List.of("Old"), titles("changed_before=2020-03-02T12:00:01Z&changed_after=2020-03-02T12:00:00Z"));
    assertEquals(List.of(), titles("created_after=2020-03-01T12:00:01Z&created_before=2021-01-01T00:00:00Z"));
    String assignedChange = assigned.getString("change_time");
    assertTrue(titles("changed_after=" + encoded(assignedChange)).contains("Assigned"));
    assertTrue(!titles("changed_before=" + encoded(assignedChange)).contains("Assigned"));
  }

  @Test
  @DisplayName("escalated=true keeps tickets past their escalation time, false the others")
  void byEscalation() {
    assertEquals(List.of("Escalated"), titles("escalated=true"));
    assertEquals(List.of("Old", "Closed", "Assigned", "Urgent"), titles("escalated=false"));
  }

  @Test
  @DisplayName("archived tickets appear only with archived=true or archived=all")
  void byArchiveFlag() {
    assertEquals(List.of("Archived"), titles("archived=true"));
    assertEquals(6, titles("archived=all").size());
    assertTrue(!titles("archived=false").contains("Archived"));
  }

  @Test
  @DisplayName("every sort pages through all tickets in its order, one by one, without overlap or gap")
  void everySortPages() {
    record Expected(String sort, Comparator<JsonObject> order) {}
    Comparator<JsonObject> byId = Comparator.comparing(t -> t.getLong("id"));
    List<Expected> sorts = List.of(
        new Expected("created", byId),
        new Expected("-created", byId.reversed()),
        new Expected("priority", Comparator.<JsonObject, Integer>comparing(t -> t.getInteger("priority_id")).thenComparing(byId)),
        new Expected("-priority", Comparator.<JsonObject, Integer>comparing(t -> t.getInteger("priority_id")).thenComparing(byId)
            .reversed()),
        new Expected("changed", Comparator.<JsonObject, Instant>comparing(t -> Instant.parse(t.getString("change_time"))).thenComparing(byId)),
        new Expected("-changed", Comparator.<JsonObject, Instant>comparing(t -> Instant.parse(t.getString("change_time"))).thenComparing(byId)
            .reversed()),
        new Expected("escalation", Comparator.<JsonObject, Long>comparing(t -> t.getLong("escalation_time"))
            .thenComparing(byId)));
    List<JsonObject> all = new ArrayList<>();
    list(agent, "limit=500").bodyAsJsonObject().getJsonArray("items").forEach(t -> all.add((JsonObject) t));
    assertEquals(5, all.size());
    for (Expected expected : sorts) {
      List<Long> paged = new ArrayList<>();
      String cursor = "";
      do {
        var response = list(agent, "limit=1&sort=" + expected.sort() + cursor);
        assertEquals(200, response.statusCode(), expected.sort() + ": " + response.bodyAsString());
        JsonObject page = response.bodyAsJsonObject();
        page.getJsonArray("items").forEach(t -> paged.add(((JsonObject) t).getLong("id")));
        String next = page.getString("next_cursor");
        cursor = next == null ? null : "&cursor=" + next;
      } while (cursor != null);
      assertEquals(all.stream().sorted(expected.order()).map(t -> t.getLong("id")).toList(), paged, expected.sort());
    }
  }

  @Test
  @DisplayName("a filter never widens what the caller may see")
  void filtersStayWithinPermissions() {
    assertEquals(List.of(), titles(outsider, "state=open"));
    assertEquals(List.of(), titles(outsider, "archived=all"));
    assertEquals(List.of("Closed"), titles(customer, "archived=all"), "a customer sees only their own tickets");
    assertEquals(List.of(), titles(customer, "customer_id=acme"));
    assertEquals(401, list(null, "state=open").statusCode());
  }

  @Test
  @DisplayName("a malformed filter, sort, limit or cursor is a 422 problem naming the parameter")
  void badParameters() {
    List<String[]> cases = List.of(
        new String[] {"queue_id", "queue_id=first"},
        new String[] {"state_id", "state_id=1.5"},
        new String[] {"priority_id", "priority_id=high"},
        new String[] {"owner_id", "owner_id=42"},
        new String[] {"responsible_user_id", "responsible_user_id=me"},
        new String[] {"customer_user_id", "customer_user_id=alice"},
        new String[] {"created_after", "created_after=yesterday"},
        new String[] {"changed_before", "changed_before=2024-13-01"},
        new String[] {"escalated", "escalated=maybe"},
        new String[] {"archived", "archived=sometimes"},
        new String[] {"sort", "sort=size"},
        new String[] {"sort", "sort=relevance"},
        new String[] {"limit", "limit=501"},
        new String[] {"limit", "limit=ten"},
        new String[] {"tag", "tag=" + "x".repeat(101)},
        new String[] {"q", "q=" + "x".repeat(501)},
        new String[] {"custom_field.Bad-Name", "custom_field.Bad-Name=1"});
    for (String[] bad : cases) {
      var response = server.send(HttpMethod.GET, "/api/v1/tickets?" + bad[1], agent, null);
      assertEquals(422, response.statusCode(), bad[1] + ": " + response.bodyAsString());
      assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"), bad[1]);
      Set<String> fields = new HashSet<>();
      response.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
      assertTrue(fields.contains(bad[0]), bad[1] + " names " + fields);
    }
    String priorityCursor = list(agent, "limit=1&sort=priority").bodyAsJsonObject().getString("next_cursor");
    var mixed = list(agent, "limit=1&sort=changed&cursor=" + priorityCursor);
    assertEquals(422, mixed.statusCode(), "a cursor belongs to its sort");
    assertEquals("cursor", mixed.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertNull(list(agent, "limit=500").bodyAsJsonObject().getString("next_cursor"));
  }
}
