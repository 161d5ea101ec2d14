package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.gotrs.ticket.number.DateChecksum;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketApiTest {

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private int support;
  private int secret;
  private String rw;
  private String ro;
  private String outsider;
  private final String admin;
  private String customerA;
  private String customerB;

  TicketApiTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int supportGroup = fixtures.group("support");
    int secretGroup = fixtures.group("secret");
    support = fixtures.queue("Support", supportGroup);
    secret = fixtures.queue("Secret", secretGroup);
    fixtures.offerToCustomers(support);
    fixtures.agent("rw-agent", "pw-rw", supportGroup, "rw");
    fixtures.agent("ro-agent", "pw-ro", supportGroup, "ro");
    fixtures.agent("no-group", "pw-none", null);
    fixtures.company("acme");
    fixtures.company("globex");
    fixtures.customer("alice", "pw-alice", "acme");
    fixtures.customer("bob", "pw-bob", "globex");
    rw = server.login("rw-agent", "pw-rw");
    ro = server.login("ro-agent", "pw-ro");
    outsider = server.login("no-group", "pw-none");
    customerA = fixtures.customerLogin("alice", "pw-alice");
    customerB = fixtures.customerLogin("bob", "pw-bob");
    fixtures.grant((java.util.UUID) server.scalar("SELECT id FROM users WHERE login = 'root@localhost'"), secretGroup, "rw");
  }

  private long count(String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  @Test
  @DisplayName("an agent with rw creates a ticket with its first article, a DateChecksum number and history")
  void createTicket() {
    JsonObject ticket = api.post("/tickets", rw, new JsonObject()
        .put("title", "Printer on fire").put("queue", "Support").put("priority", "4 high")
        .put("tags", new JsonArray().add("hardware"))
        .put("article", new JsonObject().put("subject", "Help").put("body", "It is burning"))).bodyAsJsonObject();
    assertNotNull(ticket.getLong("id"));
    assertTrue(DateChecksum.isValid(ticket.getString("tn")), ticket.getString("tn"));
    assertNotNull(ticket.getString("uuid"));
    assertEquals("Support", ticket.getString("queue"));
    assertEquals(support, ticket.getInteger("queue_id"));
    assertEquals("new", ticket.getString("state"));
    assertEquals("4 high", ticket.getString("priority"));
    assertEquals("Unclassified", ticket.getString("type"));
    assertEquals("web", ticket.getString("source"));
    assertEquals(new JsonArray().add("hardware"), ticket.getJsonArray("tags"));

    long id = ticket.getLong("id");
    var articles = api.get("/tickets/" + id + "/articles", rw).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, articles.size());
    assertEquals("It is burning", articles.getJsonObject(0).getString("body"));
    var history = api.get("/tickets/" + id + "/history", rw).bodyAsJsonObject().getJsonArray("items");
    assertEquals("NewTicket", history.getJsonObject(0).getString("history_type"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'ticket.create' AND object_id = ?", String.valueOf(id)));
    assertEquals(1L, server.scalar("SELECT count(*) FROM event_log WHERE name = 'ticket.created' AND ? = ANY(topics)", "ticket:" + id));
  }

  @Test
  @DisplayName("bad input is a 4xx naming the field and writes nothing")
  void badInputWritesNothing() {
    long tickets = count("ticket");
    long articles = count("article");
    assertEquals(400, api.post("/tickets", rw, Buffer.buffer("{\"title\":")).statusCode());
    var missing = api.post("/tickets", rw, new JsonObject().put("queue_id", "one"));
    assertEquals(422, missing.statusCode());
    Set<String> fields = new HashSet<>();
    missing.bodyAsJsonObject().getJsonArray("errors").forEach(e -> fields.add(((JsonObject) e).getString("field")));
    assertTrue(fields.containsAll(Set.of("title", "queue_id", "article")), fields.toString());
    var unknownQueue = api.post("/tickets", rw, new JsonObject().put("title", "x").put("queue_id", 99999)
        .put("article", new JsonObject().put("body", "b")));
    assertEquals(422, unknownQueue.statusCode());
    assertEquals("queue_id", unknownQueue.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    var merged = api.post("/tickets", rw, new JsonObject().put("title", "x").put("queue_id", support)
        .put("state", "merged").put("article", new JsonObject().put("body", "b")));
    assertEquals(422, merged.statusCode());
    var pending = api.post("/tickets", rw, new JsonObject().put("title", "x").put("queue_id", support)
        .put("state", "pending reminder").put("article", new JsonObject().put("body", "b")));
    assertEquals(422, pending.statusCode());
    var emptyBody = api.post("/tickets", rw, new JsonObject().put("title", "x").put("queue_id", support)
        .put("article", new JsonObject().put("body", 12)));
    assertEquals("article.body", emptyBody.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(tickets, count("ticket"));
    assertEquals(articles, count("article"));
  }

  @Test
  @DisplayName("a NUL character in any field, nested ones and names too, is a 422 naming the field and writes nothing")
  void nulCharactersAreRefused() {
    long tickets = count("ticket");
    long id = api.post("/tickets", rw, new JsonObject().put("title", "Clean").put("queue_id", support)
        .put("article", new JsonObject().put("body", "b"))).bodyAsJsonObject().getLong("id");
    JsonObject ticket = new JsonObject().put("title", "x").put("queue_id", support);
    Map<String, JsonObject> bodies = Map.of(
        "title", ticket.copy().put("title", "a\u0000b").put("article", new JsonObject().put("body", "b")),
        "article.body", ticket.copy().put("article", new JsonObject().put("body", "\u0000")),
        "tags.1", ticket.copy().put("tags", new JsonArray().add("ok").add("\u0000")).put("article",
            new JsonObject().put("body", "b")),
        "custom_fields.a\\0", ticket.copy().put("custom_fields", new JsonObject().put("a\u0000", "v"))
            .put("article", new JsonObject().put("body", "b")));
    bodies.forEach((field, body) -> {
      var refused = api.post("/tickets", rw, body);
      assertEquals(422, refused.statusCode(), refused.bodyAsString());
      assertEquals(field, refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    });
    assertEquals(422, api.patch("/tickets/" + id, rw, new JsonObject().put("title", "\u0000"))
        .statusCode());
    assertEquals(tickets + 1, count("ticket"));
    assertEquals("Clean", server.scalar("SELECT title FROM ticket WHERE id = ?", id));
  }

  @Test
  @DisplayName("agents without create on the queue are refused; a ticket they may not read is a 404")
  void permissionsOnCreateAndRead() {
    long tickets = count("ticket");
    assertEquals(403, api.post("/tickets", ro, new JsonObject().put("title", "x")
        .put("queue_id", support).put("article", new JsonObject().put("body", "b"))).statusCode());
    assertEquals(403, api.post("/tickets", rw, new JsonObject().put("title", "x")
        .put("queue_id", secret).put("article", new JsonObject().put("body", "b"))).statusCode());
    assertEquals(tickets, count("ticket"));
    JsonObject hidden = fixtures.ticket(admin, secret, "Secret thing", "classified");
    long id = hidden.getLong("id");
    assertEquals(404, api.get("/tickets/" + id, rw).statusCode());
    assertEquals(404, api.get("/tickets/" + id, outsider).statusCode());
    assertEquals(404, api.get("/tickets/" + id + "/articles", rw).statusCode());
    assertEquals(200, api.get("/tickets/" + id, admin).statusCode());
    assertEquals(401, api.get("/tickets/" + id, null).statusCode());
    assertEquals(404, api.get("/tickets/not-a-number", rw).statusCode());
  }

  @Test
  @DisplayName("a ro agent reads but cannot change or note; rw changes state, priority, owner, queue with history")
  void updates() {
    JsonObject ticket = fixtures.ticket(rw, support, "Update me", "body");
    long id = ticket.getLong("id");
    assertEquals(200, api.get("/tickets/" + id, ro).statusCode());
    assertEquals(403, api.patch("/tickets/" + id, ro, new JsonObject().put("title", "nope")).statusCode());
    assertEquals(403, api.post("/tickets/" + id + "/articles", ro,
        new JsonObject().put("body", "note")).statusCode());
    assertEquals("Update me", server.scalar("SELECT title FROM ticket WHERE id = ?", id));

    var changed = api.patch("/tickets/" + id, rw, new JsonObject()
        .put("title", "Updated").put("state", "open").put("priority_id", 5).put("ticket_lock_id", 2));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    JsonObject body = changed.bodyAsJsonObject();
    assertEquals("Updated", body.getString("title"));
    assertEquals("open", body.getString("state"));
    assertEquals("5 very high", body.getString("priority"));
    assertEquals("lock", body.getString("lock"));
    assertEquals("rw-agent", body.getString("owner"), "locking takes ownership");
    var types = new HashSet<String>();
    api.get("/tickets/" + id + "/history", rw).bodyAsJsonObject().getJsonArray("items")
        .forEach(item -> types.add(((JsonObject) item).getString("history_type")));
    assertTrue(types.containsAll(Set.of("NewTicket", "TitleUpdate", "StateUpdate", "PriorityUpdate", "Lock", "OwnerUpdate")),
        types.toString());

    assertEquals(403, api.patch("/tickets/" + id, rw, new JsonObject().put("queue_id", secret)).statusCode(),
        "moving into a queue needs move_into there");
    assertEquals(422, api.patch("/tickets/" + id, rw, new JsonObject().put("state", "pending reminder")).statusCode());
    var pending = api.patch("/tickets/" + id, rw, new JsonObject().put("state", "pending reminder")
        .put("until_time", "2035-01-01T00:00:00Z"));
    assertEquals(200, pending.statusCode(), pending.bodyAsString());
    assertEquals(2051222400L, pending.bodyAsJsonObject().getLong("until_time"));
    assertEquals(422, api.patch("/tickets/" + id, rw, new JsonObject()).statusCode());
    assertEquals(422, api.patch("/tickets/" + id, rw, new JsonObject().put("until_time", "2099-01-01T00:00:00Z")).statusCode());
  }

  @Test
  @DisplayName("the queue list pages with a cursor, newest first, without overlap")
  void listPagination() {
    int queue = fixtures.queue("Paging", ((Number) server.scalar("SELECT id FROM groups WHERE name = 'support'")).intValue());
    for (int i = 0; i < 7; i++) {
      fixtures.ticket(rw, queue, "Page ticket " + i, "body " + i);
    }
    var first = api.get("/tickets?queue_id=" + queue + "&limit=3", rw).bodyAsJsonObject();
    assertEquals(3, first.getJsonArray("items").size());
    assertEquals("Page ticket 6", first.getJsonArray("items").getJsonObject(0).getString("title"));
    Set<Long> seen = new HashSet<>();
    first.getJsonArray("items").forEach(item -> seen.add(((JsonObject) item).getLong("id")));
    String cursor = first.getString("next_cursor");
    int pages = 1;
    while (cursor != null) {
      var page = api.get("/tickets?queue_id=" + queue + "&limit=3&cursor=" + cursor, rw).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> assertTrue(seen.add(((JsonObject) item).getLong("id")), "no duplicates"));
      cursor = page.getString("next_cursor");
      pages++;
    }
    assertEquals(7, seen.size());
    assertEquals(3, pages);
    assertEquals(422, api.get("/tickets?cursor=garbage", rw).statusCode());
    assertEquals(422, api.get("/tickets?limit=0", rw).statusCode());
    assertEquals(0, api.get("/tickets?queue_id=" + queue, outsider).bodyAsJsonObject()
        .getJsonArray("items").size(), "an agent without the group sees nothing");
  }

  @Test
  @DisplayName("full-text search finds article words, ranks and highlights, within the caller's permissions")
  void fullTextSearch() {
    fixtures.ticket(rw, support, "Unrelated", "nothing to see");
    JsonObject hit = fixtures.ticket(rw, support, "Mail server", "The zeppelin mailserver rejects <b>everything</b>");
    fixtures.ticket(admin, secret, "Secret zeppelin", "zeppelin plans");
    var result = api.get("/tickets?q=zeppelin", rw).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, result.size());
    JsonObject item = result.getJsonObject(0);
    assertEquals(hit.getLong("id"), item.getLong("id"));
    assertTrue(item.getString("snippet").contains("<mark>zeppelin</mark>"), item.getString("snippet"));
    assertFalse(item.getString("snippet").contains("<b>"), "article text is escaped in snippets");
    assertTrue(item.getDouble("rank") > 0);
  }

  @Test
  @DisplayName("search follows the conversation: later articles, title changes, title weight, sorted pages, customers' view")
  void searchFollowsTheConversation() {
    long inTitle = fixtures.ticket(rw, support, "Quasar outage", "the lights went out").getLong("id");
    long inBody = fixtures.ticket(rw, support, "Power cut", "nothing yet").getLong("id");
    assertEquals(201, api.post("/tickets/" + inBody + "/articles", rw,
        new JsonObject().put("body", "the quasar again").put("internal_note", false)).statusCode());
    assertEquals(List.of(inTitle, inBody), searchIds("quasar", rw), "a title match ranks above a body match");

    var firstPage = api.get("/tickets?q=quasar&sort=-created&limit=1", rw);
    assertEquals(200, firstPage.statusCode(), firstPage.bodyAsString());
    var first = firstPage.bodyAsJsonObject();
    assertEquals(inBody, first.getJsonArray("items").getJsonObject(0).getLong("id"));
    var second = api.get("/tickets?q=quasar&sort=-created&limit=1&cursor="
        + first.getString("next_cursor"), rw).bodyAsJsonObject();
    assertEquals(inTitle, second.getJsonArray("items").getJsonObject(0).getLong("id"));
    assertNull(second.getString("next_cursor"));

    assertEquals(200, api.patch("/tickets/" + inTitle, rw,
        new JsonObject().put("title", "Pulsar outage")).statusCode());
    assertEquals(List.of(inTitle), searchIds("pulsar", rw), "a new title is searchable at once");

    long own = api.post("/tickets", customerA, new JsonObject().put("title", "Printer jam")
        .put("queue_id", support).put("article", new JsonObject().put("body", "kumquat stuck"))).bodyAsJsonObject().getLong("id");
    assertEquals(201, api.post("/tickets/" + own + "/articles", rw,
        new JsonObject().put("body", "walrus firmware suspected").put("internal_note", true)).statusCode());
    assertEquals(List.of(own), searchIds("walrus", rw), "agents find internal notes");
    assertEquals(List.of(), searchIds("walrus", customerA), "customers never match internal notes");
    assertEquals(List.of(own), searchIds("kumquat", customerA));
    assertEquals(List.of(own), searchIds("kumquat%20-walrus", customerA),
        "a word only in an internal note excludes nothing from a customer's search");
    assertEquals(List.of(), searchIds("kumquat%20-walrus", rw));
  }

  @Test
  @DisplayName("search follows a ticket's queue and archive flag: out of the agent's queues it is not found, "
      + "archived only with archived=true")
  void searchFollowsQueueAndArchive() {
    long id = fixtures.ticket(rw, support, "Narwhal sighting", "tusks everywhere").getLong("id");
    assertEquals(List.of(id), searchIds("narwhal", rw));
    server.sql("UPDATE ticket SET queue_id = ? WHERE id = ?", secret, id);  // any writer, not only the API
    assertEquals(List.of(), searchIds("narwhal", rw), "moved to a queue the agent may not read");
    assertEquals(List.of(id), searchIds("narwhal", admin));
    long archived = fixtures.ticket(rw, support, "Narwhal census", "counting tusks").getLong("id");
    assertEquals(200, api.patch("/tickets/" + archived, rw, new JsonObject().put("archive_flag", 1))
        .statusCode());
    assertEquals(List.of(), searchIds("narwhal", rw), "archived tickets stay out of a default search");
    assertEquals(List.of(archived), searchIds("narwhal&archived=true", rw));
    for (long ticket : List.of(id, archived)) {
      assertEquals(1L, server.scalar("SELECT count(*) FROM ticket_search s JOIN ticket t ON t.id = s.ticket_id "
          + "WHERE t.id = ? AND s.queue_id = t.queue_id AND s.archive_flag = t.archive_flag", ticket));
    }
  }

  private List<Long> searchIds(String words, String token) {
    var page = api.get("/tickets?q=" + words, token);
    assertEquals(200, page.statusCode(), page.bodyAsString());
    List<Long> ids = new java.util.ArrayList<>();
    page.bodyAsJsonObject().getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getLong("id")));
    return ids;
  }

  @Test
  @DisplayName("customers see only their company's tickets and only customer-visible articles")
  void customerVisibility() {
    var created = api.post("/tickets", customerA, new JsonObject().put("title", "Alice needs help")
        .put("queue_id", support).put("article", new JsonObject().put("body", "hello")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    assertEquals("acme", created.bodyAsJsonObject().getString("customer_id"));
    assertEquals(201, api.post("/tickets/" + id + "/articles", rw,
        new JsonObject().put("body", "internal thoughts").put("internal_note", true)).statusCode());
    assertEquals(201, api.post("/tickets/" + id + "/articles", rw,
        new JsonObject().put("body", "Dear Alice").put("internal_note", false)).statusCode());
    var seen = api.get("/tickets/" + id + "/articles", customerA).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, seen.size());
    assertFalse(seen.encode().contains("internal thoughts"));
    assertEquals(3, api.get("/tickets/" + id + "/articles", rw).bodyAsJsonObject()
        .getJsonArray("items").size());
    assertEquals(404, api.get("/tickets/" + id, customerB).statusCode());
    assertEquals(404, api.get("/tickets/" + id + "/articles", customerB).statusCode());
    assertEquals(404, api.post("/tickets/" + id + "/articles", customerB,
        new JsonObject().put("body", "let me in")).statusCode());
    var bobsList = api.get("/tickets", customerB).bodyAsJsonObject();
    assertFalse(bobsList.encode().contains("Alice needs help"));
    assertTrue(api.get("/tickets", customerA).bodyAsJsonObject().encode().contains("Alice needs help"));
    assertEquals(403, api.patch("/tickets/" + id, customerA, new JsonObject().put("title", "x")).statusCode());
  }

  @Test
  @DisplayName("a customer follow-up on a closed ticket reopens it")
  void followUpReopens() {
    var created = api.post("/tickets", customerA, new JsonObject().put("title", "Closed soon")
        .put("queue_id", support).put("article", new JsonObject().put("body", "hi"))).bodyAsJsonObject();
    long id = created.getLong("id");
    assertEquals(200, api.patch("/tickets/" + id, rw, new JsonObject().put("state", "closed successful")).statusCode());
    assertEquals(201, api.post("/tickets/" + id + "/articles", customerA,
        new JsonObject().put("body", "it broke again")).statusCode());
    assertEquals("open", api.get("/tickets/" + id, customerA).bodyAsJsonObject().getString("state"));
  }

  @Test
  @DisplayName("an agent marks a customer's article read; customers cannot; a wrong article is 404")
  void readStatus() {
    var created = api.post("/tickets", customerA, new JsonObject().put("title", "Unread")
        .put("queue_id", support).put("article", new JsonObject().put("body", "hello"))).bodyAsJsonObject();
    long id = created.getLong("id");
    JsonObject article = api.get("/tickets/" + id + "/articles", rw).bodyAsJsonObject()
        .getJsonArray("items").getJsonObject(0);
    assertFalse(article.getBoolean("read_status"), "a customer's article starts unread");
    String path = "/tickets/" + id + "/articles/" + article.getLong("id");
    assertTrue(api.patch(path, rw, new JsonObject().put("read_status", true)).bodyAsJsonObject()
        .getBoolean("read_status"));
    assertEquals(403, api.patch(path, customerA, new JsonObject().put("read_status", false)).statusCode());
    assertEquals(422, api.patch(path, rw, new JsonObject().put("read_status", "yes")).statusCode());
    assertEquals(404, api.patch("/tickets/" + id + "/articles/999999", rw,
        new JsonObject().put("read_status", true)).statusCode());
  }

  @Test
  @DisplayName("HTML articles are sanitised and get a plain-text twin")
  void htmlIsSanitised() {
    JsonObject ticket = fixtures.ticket(rw, support, "XSS", "plain");
    var article = api.post("/tickets/" + ticket.getLong("id") + "/articles", rw, new JsonObject()
        .put("body", "<p>Hi <img src=x onerror=alert(1)><script>alert(2)</script></p>").put("content_type", "text/html"))
        .bodyAsJsonObject();
    assertFalse(article.getString("body").contains("onerror"));
    assertFalse(article.getString("body").contains("<script"));
    assertEquals("Hi", article.getString("plain_body").strip());
  }

  @Test
  @DisplayName("merging moves the articles to the target and marks the source merged; split makes a new ticket")
  void mergeAndSplit() {
    JsonObject source = fixtures.ticket(rw, support, "Duplicate", "first words");
    JsonObject target = fixtures.ticket(rw, support, "Original", "original words");
    var merged = api.post("/tickets/" + source.getLong("id") + "/merge", rw,
        new JsonObject().put("into_ticket_id", target.getLong("id")));
    assertEquals(200, merged.statusCode(), merged.bodyAsString());
    assertEquals("merged", merged.bodyAsJsonObject().getString("state"));
    assertEquals(target.getLong("id"), merged.bodyAsJsonObject().getLong("merged_to_id"));
    var targetArticles = api.get("/tickets/" + target.getLong("id") + "/articles", rw)
        .bodyAsJsonObject().getJsonArray("items");
    assertTrue(targetArticles.encode().contains("first words"));
    assertEquals(409, api.patch("/tickets/" + source.getLong("id"), rw,
        new JsonObject().put("title", "again")).statusCode());
    assertEquals(422, api.post("/tickets/" + target.getLong("id") + "/merge", rw,
        new JsonObject().put("into_ticket_id", target.getLong("id"))).statusCode());

    long articleId = targetArticles.getJsonObject(0).getLong("id");
    var split = api.post("/tickets/" + target.getLong("id") + "/articles/" + articleId + "/split", rw,
        new JsonObject().put("title", "Split off"));
    assertEquals(201, split.statusCode(), split.bodyAsString());
    assertEquals(target.getLong("id"), split.bodyAsJsonObject().getLong("split_from_id"));
    assertEquals(1, api.get("/tickets/" + split.bodyAsJsonObject().getLong("id") + "/articles", rw)
        .bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  @DisplayName("only an admin deletes a ticket, and it takes its articles and history with it")
  void deleteTicket() {
    JsonObject ticket = fixtures.ticket(rw, support, "Delete me", "bye");
    long id = ticket.getLong("id");
    assertEquals(403, api.delete("/tickets/" + id, rw).statusCode());
    assertEquals(204, api.delete("/tickets/" + id, admin).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", id));
    assertEquals(404, api.get("/tickets/" + id, admin).statusCode());
  }

  @Test
  @DisplayName("custom fields are validated on write, shown on the ticket and filterable in lists")
  void customFields() {
    assertEquals(201, api.post("/custom-fields", admin, new JsonObject().put("object_type", "ticket")
        .put("field_name", "contract").put("field_type", "select")
        .put("field_config", new JsonObject().put("options", new JsonArray().add("gold").add("silver")))).statusCode());
    long tickets = count("ticket");
    var wrong = api.post("/tickets", rw, new JsonObject().put("title", "cf").put("queue_id", support)
        .put("custom_fields", new JsonObject().put("contract", "bronze")).put("article", new JsonObject().put("body", "b")));
    assertEquals(422, wrong.statusCode());
    assertEquals("custom_fields.contract", wrong.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(tickets, count("ticket"));
    var created = api.post("/tickets", rw, new JsonObject().put("title", "cf").put("queue_id", support)
        .put("custom_fields", new JsonObject().put("contract", "gold")).put("article", new JsonObject().put("body", "b")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    assertEquals("gold", created.bodyAsJsonObject().getJsonObject("custom_fields").getString("contract"));
    assertEquals("gold", server.scalar("SELECT value_text FROM custom_field_values WHERE object_id = ?", String.valueOf(id)));
    var listed = api.get("/tickets?custom_field.contract=gold", rw).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, listed.size());
    var changed = api.patch("/tickets/" + id, rw, new JsonObject().put("custom_fields",
        new JsonObject().put("contract", "silver")));
    assertEquals("silver", changed.bodyAsJsonObject().getJsonObject("custom_fields").getString("contract"));
    assertEquals(422, api.patch("/tickets/" + id, rw, new JsonObject().put("custom_fields",
        new JsonObject().put("no_such_field", 1))).statusCode());
  }

  @Test
  @DisplayName("customers never see custom fields that are not visible for customers, in a ticket or a list")
  void hiddenCustomFields() {
    assertEquals(201, api.post("/custom-fields", admin, new JsonObject().put("object_type", "ticket")
        .put("field_name", "internal_score").put("field_type", "number").put("visible_for_customer", false)).statusCode());
    long id = api.post("/tickets", customerA, new JsonObject().put("title", "Scored")
        .put("queue_id", support).put("article", new JsonObject().put("body", "b"))).bodyAsJsonObject().getLong("id");
    assertEquals(200, api.patch("/tickets/" + id, rw, new JsonObject().put("custom_fields",
        new JsonObject().put("internal_score", 42))).statusCode());
    assertEquals(42, api.get("/tickets/" + id, rw).bodyAsJsonObject()
        .getJsonObject("custom_fields").getInteger("internal_score"));
    assertFalse(api.get("/tickets/" + id, customerA).bodyAsString().contains("internal_score"));
    assertFalse(api.get("/tickets", customerA).bodyAsString().contains("internal_score"));
  }

  @Test
  @DisplayName("200 concurrent creates get 200 distinct valid ticket numbers")
  void concurrentCreates() throws Exception {
    var pool = Executors.newFixedThreadPool(16);
    try {
      var futures = IntStream.range(0, 200).mapToObj(i -> CompletableFuture.supplyAsync(
          () -> fixtures.ticket(rw, support, "Concurrent " + i, "body").getString("tn"), pool)).toList();
      Set<String> numbers = new HashSet<>();
      for (var future : futures) {
        String tn = future.get();
        assertTrue(DateChecksum.isValid(tn), tn);
        numbers.add(tn);
      }
      assertEquals(200, numbers.size());
    } finally {
      pool.shutdown();
    }
  }
}
