package org.gotrs.article;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST/GET /tickets/{id}/articles}: each kind of article, its history type, who sees it, and bad input. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ArticleApiTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private int queue;
  private String agent;
  private String reader;
  private String customer;

  ArticleApiTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("articles");
    queue = fixtures.queue("Articles", group);
    fixtures.offerToCustomers(queue);
    fixtures.agent("article-agent", "pw-article", group, "rw");
    fixtures.agent("article-reader", "pw-reader", group, "ro");
    fixtures.company("acme");
    fixtures.customer("alice", "pw-alice", "acme");
    agent = server.login("article-agent", "pw-article");
    reader = server.login("article-reader", "pw-reader");
    customer = fixtures.customerLogin("alice", "pw-alice");
  }

  /** A ticket the customer opened through the portal. */
  private long customerTicket(String title) {
    return fixtures.ticket(customer, queue, title, "Please help").getLong("id");
  }

  private HttpResponse<Buffer> add(long ticket, String token, JsonObject article) {
    return server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", token, article);
  }

  private JsonObject added(long ticket, String token, JsonObject article) {
    var response = add(ticket, token, article);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private List<String> subjects(long ticket, String token) {
    List<String> subjects = new ArrayList<>();
    server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles", token, null).bodyAsJsonObject()
        .getJsonArray("items").forEach(a -> subjects.add(((JsonObject) a).getString("subject")));
    return subjects;
  }

  private String lastHistoryType(long ticket) {
    var items = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/history", agent, null).bodyAsJsonObject()
        .getJsonArray("items");
    return items.getJsonObject(items.size() - 1).getString("history_type");
  }

  @Test
  @DisplayName("an agent's reply, internal note and phone note each get their type, sender and history entry")
  void agentArticles() {
    long ticket = customerTicket("Broken login");
    JsonObject reply = added(ticket, agent, new JsonObject().put("subject", "Reply").put("body", "Try again")
        .put("article_type", "note-external"));
    assertEquals("note-external", reply.getString("article_type"));
    assertEquals("agent", reply.getString("sender_type"));
    assertTrue(reply.getBoolean("is_visible_for_customer"));
    assertEquals("AddNote", lastHistoryType(ticket));

    JsonObject note = added(ticket, agent, new JsonObject().put("subject", "Note").put("body", "Their password is old")
        .put("internal_note", true));
    assertEquals("note-internal", note.getString("article_type"));
    assertFalse(note.getBoolean("is_visible_for_customer"));
    assertEquals("AddNote", lastHistoryType(ticket));

    JsonObject phone = added(ticket, agent, new JsonObject().put("subject", "Call").put("body", "Called, reset it")
        .put("article_type", "phone"));
    assertEquals("phone", phone.getString("article_type"));
    assertEquals("PhoneCallAgent", lastHistoryType(ticket));

    assertEquals(List.of("Broken login", "Reply", "Note", "Call"), subjects(ticket, agent));
    assertEquals(List.of("Broken login", "Reply", "Call"), subjects(ticket, customer), "customers never see internal notes");
  }

  @Test
  @DisplayName("an agent's follow-up that names no type and no visibility is an internal note the customer never sees")
  void untypedFollowUpIsInternal() {
    long ticket = customerTicket("Untyped");
    JsonObject note = added(ticket, agent, new JsonObject().put("subject", "Plain").put("body", "anna note"));
    assertEquals("note-internal", note.getString("article_type"));
    assertTrue(note.getBoolean("internal_note"));
    assertFalse(note.getBoolean("is_visible_for_customer"));
    var stored = server.sql("SELECT t.name AS type, a.internal_note, a.is_visible_for_customer FROM article a "
        + "JOIN article_type t ON t.id = a.article_type_id WHERE a.id = ?", note.getLong("id")).get(0);
    assertEquals("note-internal", stored.get("type"));
    assertEquals(true, stored.get("internal_note"));
    assertEquals(0, ((Number) stored.get("is_visible_for_customer")).intValue());
    assertEquals(List.of("Untyped"), subjects(ticket, customer), "the customer's list omits it");
    assertEquals(List.of("Untyped", "Plain"), subjects(ticket, agent));
  }

  @Test
  @DisplayName("is_visible_for_customer alone makes a visible or an internal note; contradicting internal_note is a 422")
  void visibilityByItsOtrsName() {
    long ticket = customerTicket("Visibility");
    JsonObject shown = added(ticket, agent, new JsonObject().put("subject", "Shown").put("body", "for you")
        .put("is_visible_for_customer", true));
    assertEquals("note-external", shown.getString("article_type"));
    assertTrue(shown.getBoolean("is_visible_for_customer"));
    JsonObject hidden = added(ticket, agent, new JsonObject().put("subject", "Hidden").put("body", "for us")
        .put("is_visible_for_customer", false));
    assertEquals("note-internal", hidden.getString("article_type"));
    JsonObject phone = added(ticket, agent, new JsonObject().put("subject", "Called").put("body", "called them")
        .put("article_type", "phone"));
    assertTrue(phone.getBoolean("is_visible_for_customer"), "a named type keeps its own visibility");
    long articles = (Long) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket);
    var contradiction = add(ticket, agent, new JsonObject().put("body", "which?").put("internal_note", true)
        .put("is_visible_for_customer", true));
    assertEquals(422, contradiction.statusCode());
    assertEquals("is_visible_for_customer", contradiction.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
        .getString("field"));
    assertEquals(articles, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket));
    assertEquals(List.of("Visibility", "Shown", "Called"), subjects(ticket, customer));
  }

  @Test
  @DisplayName("the first article of an agent's new ticket, untyped, stays a note the customer sees")
  void untypedFirstArticleStaysVisible() {
    JsonObject ticket = fixtures.ticket(agent, queue, "Opened by an agent", "we noticed a problem");
    var first = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket.getLong("id") + "/articles", agent, null)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertEquals("note-external", first.getString("article_type"));
    assertTrue(first.getBoolean("is_visible_for_customer"));
  }

  @Test
  @DisplayName("a customer's follow-up is a visible, unread web request with FollowUp history, whatever it asks to be")
  void customerFollowUp() {
    long ticket = customerTicket("Still broken");
    JsonObject followUp = added(ticket, customer, new JsonObject().put("subject", "Again").put("body", "Still broken")
        .put("internal_note", true).put("article_type", "note-internal").put("article_sender_type_id", 1));
    assertEquals("webrequest", followUp.getString("article_type"));
    assertEquals("customer", followUp.getString("sender_type"));
    assertTrue(followUp.getBoolean("is_visible_for_customer"));
    assertFalse(followUp.getBoolean("read_status"), "a customer's article waits to be read");
    assertEquals("FollowUp", lastHistoryType(ticket));
    assertEquals("alice", followUp.getString("from_address"));
  }

  @Test
  @DisplayName("an agent's email reply is queued for delivery, recorded as SendAnswer, and opens the new ticket")
  void emailReply() {
    long ticket = customerTicket("Mail me");
    JsonObject email = added(ticket, agent, new JsonObject().put("subject", "Re: Mail me").put("body", "Done")
        .put("article_type", "email-external").put("to_address", "alice@customer.example"));
    assertEquals("queued", email.getString("delivery_status"));
    assertEquals("alice@customer.example", email.getString("to_address"));
    var items = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/history", agent, null).bodyAsJsonObject()
        .getJsonArray("items");
    assertEquals("SendAnswer", items.getJsonObject(items.size() - 2).getString("history_type"));
    assertEquals("StateUpdate", lastHistoryType(ticket));
  }

  @Test
  @DisplayName("bad articles are a 422 naming the field and write nothing; a reader cannot write; unknown tickets are 404")
  void badArticles() {
    long ticket = customerTicket("Guarded");
    long articles = (Long) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket);
    long history = (Long) server.scalar("SELECT count(*) FROM ticket_history WHERE ticket_id = ?", ticket);
    List<Object[]> cases = List.of(
        new Object[] {new JsonObject().put("subject", "no body"), "body"},
        new Object[] {new JsonObject().put("body", 42), "body"},
        new Object[] {new JsonObject().put("body", "x").put("article_type", "carrier-pigeon"), "article_type"},
        new Object[] {new JsonObject().put("body", "x").put("article_sender_type_id", 4), "article_sender_type_id"},
        new Object[] {new JsonObject().put("body", "x").put("content_type", "image/png"), "content_type"},
        new Object[] {new JsonObject().put("body", "x").put("internal_note", "yes"), "internal_note"},
        new Object[] {new JsonObject().put("body", "x").put("subject", "s".repeat(256)), "subject"},
        new Object[] {new JsonObject().put("body", "x".repeat(ArticleInput.MAX_BODY_CHARS + 1)), "body"});
    for (Object[] bad : cases) {
      var response = add(ticket, agent, (JsonObject) bad[0]);
      assertEquals(422, response.statusCode(), bad[1] + ": " + response.bodyAsString());
      assertEquals(bad[1], response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    }
    assertEquals(400, server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", agent,
        Buffer.buffer("{\"body\":")).statusCode());
    assertEquals(403, add(ticket, reader, new JsonObject().put("body", "ro agents read only")).statusCode());
    assertEquals(404, add(987654321L, agent, new JsonObject().put("body", "nowhere")).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, "/api/v1/tickets/987654321/articles", agent, null).statusCode());
    assertEquals(articles, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket));
    assertEquals(history, server.scalar("SELECT count(*) FROM ticket_history WHERE ticket_id = ?", ticket));
  }
}
