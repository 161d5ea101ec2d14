package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Merge, split and history: who may, what each writes, and what a refused call leaves untouched. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketMergeSplitTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int group;
  private int queue;
  private int hidden;
  private int retired;
  private String agent;
  private String reader;
  private final String admin;
  private String customer;

  TicketMergeSplitTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    group = fixtures.group("merging");
    queue = fixtures.queue("Merging", group);
    fixtures.offerToCustomers(queue);
    int elsewhere = fixtures.group("elsewhere");
    hidden = fixtures.queue("Elsewhere", elsewhere);
    fixtures.grant((java.util.UUID) server.scalar("SELECT id FROM users WHERE login = ?", TestServer.ADMIN_LOGIN),
        elsewhere, "rw");
    retired = fixtures.queue("Retired", group);
    server.sql("UPDATE queue SET valid_id = 2 WHERE id = ?", retired);
    fixtures.agent("merge-agent", "pw-merge", group, "rw");
    fixtures.agent("merge-reader", "pw-reader", group, "ro");
    fixtures.company("acme");
    fixtures.customer("alice", "pw-alice", "acme");
    agent = server.login("merge-agent", "pw-merge");
    reader = server.login("merge-reader", "pw-reader");
    customer = fixtures.customerLogin("alice", "pw-alice");
  }

  /** A ticket the customer opened through the portal. */
  private long customerTicket(String title) {
    return fixtures.ticket(customer, queue, title, "hello").getLong("id");
  }

  private HttpResponse<Buffer> merge(String token, long source, Object into) {
    return server.send(HttpMethod.POST, "/api/v1/tickets/" + source + "/merge", token,
        new JsonObject().put("into_ticket_id", into));
  }

  private HttpResponse<Buffer> split(String token, long ticket, long article, JsonObject body) {
    return server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles/" + article + "/split", token, body);
  }

  private long firstArticle(long ticket) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles", agent, null).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0).getLong("id");
  }

  /** The ticket rows, their articles and history, and the ticket count: what a refused call must leave alone. */
  private List<Object> snapshot(long... tickets) {
    List<Object> state = new ArrayList<>();
    state.add(server.scalar("SELECT count(*) FROM ticket"));
    for (long ticket : tickets) {
      state.add(server.scalar("SELECT row_to_json(t)::text FROM ticket t WHERE id = ?", ticket));
      state.add(server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket));
      state.add(server.scalar("SELECT count(*) FROM ticket_history WHERE ticket_id = ?", ticket));
    }
    return state;
  }

  private void refused(HttpResponse<Buffer> response, int status, String field) {
    assertEquals(status, response.statusCode(), response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"));
    if (field != null) {
      assertEquals(field, response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
  }

  @Test
  @DisplayName("a merge writes Merged history on both tickets, an event, and leaves a note on the source")
  void mergeRecordsBothSides() {
    long source = customerTicket("Duplicate request");
    long target = customerTicket("Original request");
    assertEquals(200, merge(agent, source, target).statusCode());
    for (long ticket : List.of(source, target)) {
      assertEquals(1L, server.scalar("SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht "
          + "ON ht.id = h.history_type_id WHERE h.ticket_id = ? AND ht.name = 'Merged'", ticket));
    }
    assertEquals(1L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'ticket.merged' AND ? = ANY (topics)",
        "ticket:" + target));
    assertTrue(server.send(HttpMethod.GET, "/api/v1/tickets/" + source + "/articles", agent, null).bodyAsString()
        .contains("merged into ticket"));
    assertEquals(2, server.send(HttpMethod.GET, "/api/v1/tickets/" + target + "/articles", customer, null)
        .bodyAsJsonObject().getJsonArray("items").size(), "the customer sees both conversations on the target");
  }

  @Test
  @DisplayName("a merge into an unknown, unreachable, merged or the same ticket, by a reader or a customer, is refused")
  void refusedMerges() {
    long source = customerTicket("Stay apart");
    long target = customerTicket("Also apart");
    long elsewhere = server.send(HttpMethod.POST, "/api/v1/tickets", admin, new JsonObject().put("title", "Hidden")
        .put("queue_id", hidden).put("article", new JsonObject().put("body", "x"))).bodyAsJsonObject().getLong("id");
    long merged = customerTicket("Gone");
    long survivor = customerTicket("Survivor");
    assertEquals(200, merge(agent, merged, survivor).statusCode());
    List<Object> before = snapshot(source, target);

    refused(merge(agent, source, 987654321L), 422, "into_ticket_id");
    refused(merge(agent, source, elsewhere), 422, "into_ticket_id");
    refused(merge(agent, source, source), 422, "into_ticket_id");
    refused(merge(agent, source, "target"), 422, "into_ticket_id");
    refused(server.send(HttpMethod.POST, "/api/v1/tickets/" + source + "/merge", agent, new JsonObject()), 422,
        "into_ticket_id");
    refused(merge(agent, source, merged), 409, null);
    refused(merge(reader, source, target), 403, null);
    refused(merge(customer, source, target), 403, null);
    refused(merge(agent, 987654321L, target), 404, null);
    assertEquals(before, snapshot(source, target));
  }

  @Test
  @DisplayName("a split copies the article into a new ticket in the same or another valid queue, with history on both")
  void splitIntoAnotherQueue() {
    long ticket = customerTicket("Two problems");
    long article = firstArticle(ticket);
    var split = split(agent, ticket, article, new JsonObject().put("title", "Second problem"));
    assertEquals(201, split.statusCode(), split.bodyAsString());
    JsonObject created = split.bodyAsJsonObject();
    assertEquals("Second problem", created.getString("title"));
    assertEquals(queue, created.getInteger("queue_id"));
    assertEquals("acme", created.getString("customer_id"), "the new ticket keeps the customer");
    List<String> types = new ArrayList<>();
    server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/history", agent, null).bodyAsJsonObject()
        .getJsonArray("items").forEach(item -> types.add(((JsonObject) item).getString("history_type")));
    assertTrue(types.contains("TicketLinkAdd"), types.toString());
    assertEquals(1, server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles", agent, null)
        .bodyAsJsonObject().getJsonArray("items").size(), "the original keeps its article");
  }

  @Test
  @DisplayName("a split of an unknown or foreign article, into a retired or forbidden queue, by a reader or a customer, "
      + "is refused and creates nothing")
  void refusedSplits() {
    long ticket = customerTicket("Keep whole");
    long other = customerTicket("Other");
    long article = firstArticle(ticket);
    List<Object> before = snapshot(ticket);

    refused(split(agent, ticket, 987654321L, new JsonObject()), 404, null);
    refused(split(agent, ticket, firstArticle(other), new JsonObject()), 404, null);
    refused(split(agent, ticket, article, new JsonObject().put("queue_id", retired)), 422, "queue_id");
    refused(split(agent, ticket, article, new JsonObject().put("queue_id", 987654)), 422, "queue_id");
    refused(split(agent, ticket, article, new JsonObject().put("queue_id", hidden)), 403, null);
    refused(split(agent, ticket, article, new JsonObject().put("title", "t".repeat(256))), 422, "title");
    refused(split(reader, ticket, article, new JsonObject()), 403, null);
    refused(split(customer, ticket, article, new JsonObject()), 403, null);
    assertEquals(before, snapshot(ticket));
  }

  @Test
  @DisplayName("the history is for agents who may read the ticket")
  void historyAccess() {
    long ticket = customerTicket("Whose history");
    String path = "/api/v1/tickets/" + ticket + "/history";
    fixtures.agent("history-reader", "pw-history", group, "ro");
    String historian = server.login("history-reader", "pw-history");
    JsonObject first = server.send(HttpMethod.GET, path, historian, null).bodyAsJsonObject().getJsonArray("items")
        .getJsonObject(0);
    assertEquals("NewTicket", first.getString("history_type"));
    assertTrue(first.containsKey("create_time") && first.containsKey("name"), first.encode());
    refused(server.send(HttpMethod.GET, path, customer, null), 403, null);
    refused(server.send(HttpMethod.GET, "/api/v1/tickets/987654321/history", agent, null), 404, null);
    server.sql("DELETE FROM group_user WHERE user_id = (SELECT id FROM users WHERE login = 'history-reader')");
    refused(server.send(HttpMethod.GET, path, historian, null), 404, null);
  }
}
