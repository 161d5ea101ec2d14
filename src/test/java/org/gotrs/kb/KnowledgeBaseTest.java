package org.gotrs.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Agents write knowledge-base articles; the category's groups decide who reads internal ones; versions are kept. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KnowledgeBaseTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final Api api;
  private final String admin;
  private String writer;
  private String outsider;
  private String customer;
  private int open;
  private int billing;

  KnowledgeBaseTest(TestServer server, Fixtures fixtures, Api api, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.api = api;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int group = fixtures.group("kb-billing");
    fixtures.agent("kb-writer", "pw", group, "rw");
    fixtures.agent("kb-outsider", "pw", null);
    fixtures.company("kb-co");
    fixtures.customer("kb-customer", "pw", "kb-co");
    writer = server.login("kb-writer", "pw");
    outsider = server.login("kb-outsider", "pw");
    customer = fixtures.customerLogin("kb-customer", "pw");
    open = category(new JsonObject().put("name", "Getting started"));
    billing = category(new JsonObject().put("name", "Billing").put("group_ids", new JsonArray().add(group)));
  }

  private int category(JsonObject body) {
    var created = api.post("/kb/categories", admin, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getInteger("id");
  }

  private JsonObject article(String token, int category, String title, String body, String state, String... keywords) {
    var created = api.post("/kb/articles", token, new JsonObject().put("category_id", category).put("title", title)
        .put("body", body).put("state", state).put("language", "en").put("keywords", new JsonArray(List.of(keywords))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private static List<String> titles(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items").stream()
        .map(item -> ((JsonObject) item).getString("title")).toList();
  }

  @Test
  @DisplayName("every change is a version; an older one shows its difference and is restored as a new version")
  void versionsAndRestore() {
    long id = article(writer, open, "Reset your password", "<p>Open the portal.</p><p>Click Forgot.</p>", "draft")
        .getLong("id");
    var changed = api.patch("/kb/articles/" + id, writer, new JsonObject()
        .put("body", "<p>Open the portal.</p><p>Click Forgot password.</p>").put("state", "public"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(2, changed.bodyAsJsonObject().getInteger("version"));
    var versions = api.get("/kb/articles/" + id + "/versions", writer).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, versions.size());
    assertEquals(2, versions.getJsonObject(0).getInteger("version"), "newest first");
    JsonObject first = api.get("/kb/articles/" + id + "/versions/1", writer).bodyAsJsonObject();
    assertEquals("draft", first.getString("state"));
    assertTrue(first.getJsonArray("diff").contains(new JsonObject().put("op", "-").put("text", "Click Forgot.")),
        first.encode());
    assertTrue(first.getJsonArray("diff").contains(new JsonObject().put("op", "+").put("text", "Click Forgot password.")),
        first.encode());
    var restored = api.post("/kb/articles/" + id + "/versions/1/restore", writer, null);
    assertEquals(200, restored.statusCode(), restored.bodyAsString());
    assertEquals(3, restored.bodyAsJsonObject().getInteger("version"));
    assertEquals("draft", restored.bodyAsJsonObject().getString("state"));
    assertEquals("<p>Open the portal.</p><p>Click Forgot.</p>", restored.bodyAsJsonObject().getString("body"));
    assertEquals(3, api.get("/kb/articles/" + id + "/versions", writer).bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(404, api.get("/kb/articles/" + id + "/versions/9", writer).statusCode());
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'kb.article.restore' AND object_id = ?",
        String.valueOf(id)));
  }

  @Test
  @DisplayName("an internal article of a category with groups is read by their agents only; outsiders and customers get 404")
  void permissionByGroup() {
    long id = article(writer, billing, "Refund limits for agents", "<p>Up to 50 EUR without approval.</p>", "internal",
        "refund").getLong("id");
    assertEquals(200, api.get("/kb/articles/" + id, writer).statusCode());
    assertEquals(200, api.get("/kb/articles/" + id, admin).statusCode());
    assertEquals(404, api.get("/kb/articles/" + id, outsider).statusCode());
    assertEquals(403, api.get("/kb/articles/" + id, customer).statusCode());
    assertEquals(404, api.patch("/kb/articles/" + id, outsider, new JsonObject().put("title", "x")).statusCode());
    assertEquals(403, api.post("/kb/articles", outsider, new JsonObject().put("category_id", billing)
        .put("title", "Mine")).statusCode(), "an outsider does not write in the group's category");
    assertTrue(titles(api.get("/kb/search?q=refund", writer)).contains("Refund limits for agents"));
    assertFalse(titles(api.get("/kb/search?q=refund", outsider)).contains("Refund limits for agents"));
    assertFalse(titles(server.get("/api/v1/kb/search?q=refund")).contains("Refund limits for agents"));
    assertFalse(titles(server.get("/api/v1/kb/suggest?q=refu")).contains("Refund limits for agents"));
    assertFalse(titles(api.get("/kb/articles?category_id=" + billing, outsider)).contains("Refund limits for agents"));
  }

  @Test
  @DisplayName("no script survives in an article's body: tags, handlers and javascript: links are dropped")
  void sanitising() {
    JsonObject created = article(writer, open, "Printing", "<h2>Steps</h2><script>alert(1)</script>"
        + "<p onclick=\"alert(2)\">Press <a href=\"javascript:alert(3)\">print</a></p><img src=x onerror=alert(4)>"
        + "<pre><code>lp -d office</code></pre>", "public");
    String body = created.getString("body");
    assertFalse(body.contains("script"), body);
    assertFalse(body.contains("onclick"), body);
    assertFalse(body.contains("javascript"), body);
    assertFalse(body.contains("onerror"), body);
    assertTrue(body.contains("<h2>Steps</h2>") && body.contains("<pre><code>lp -d office</code></pre>"), body);
    String page = server.get("/help/articles/" + created.getLong("id")).bodyAsString();
    assertFalse(page.contains("alert("), page);
  }

  @Test
  @DisplayName("anyone searches public articles in their language, with the matched words highlighted")
  void publicSearch() {
    JsonObject english = article(writer, open, "Connect to the VPN", "<p>Install the client and connect.</p>", "public",
        "remote access");
    var german = api.post("/kb/articles", writer, new JsonObject().put("category_id", open).put("language", "de")
        .put("translation_of", english.getLong("id")).put("title", "Mit dem VPN verbinden")
        .put("body", "<p>Installieren Sie den Client und verbinden Sie sich.</p>").put("state", "public"));
    assertEquals(201, german.statusCode(), german.bodyAsString());
    var found = server.get("/api/v1/kb/search?q=installing&language=en").bodyAsJsonObject().getJsonArray("items");
    assertEquals("Connect to the VPN", found.getJsonObject(0).getString("title"));
    assertTrue(found.getJsonObject(0).getString("snippet").contains("<mark>Install</mark>"), found.encode());
    assertEquals(List.of("Mit dem VPN verbinden"), titles(server.get("/api/v1/kb/search?q=verbinden&language=de")));
    assertEquals(List.of("Connect to the VPN"), titles(server.get("/api/v1/kb/suggest?q=remote%20acc&language=en")));
    JsonObject translated = api.get("/kb/articles/" + english.getLong("id"), writer).bodyAsJsonObject();
    assertEquals("de", translated.getJsonArray("translations").getJsonObject(0).getString("language"));
    assertEquals(422, server.get("/api/v1/kb/search").statusCode());
    assertEquals(409, api.post("/kb/articles", writer, new JsonObject().put("category_id", open).put("language", "de")
        .put("translation_of", english.getLong("id")).put("title", "Zweite")).statusCode());
  }

  @Test
  @DisplayName("bad input is a 422, never a 500: unknown category, state, language, a category under itself")
  void badInput() {
    assertEquals(422, api.post("/kb/articles", writer, new JsonObject().put("category_id", 999999).put("title", "x"))
        .statusCode());
    assertEquals(422, api.post("/kb/articles", writer, new JsonObject().put("category_id", open).put("title", "x")
        .put("state", "secret")).statusCode());
    assertEquals(422, api.post("/kb/articles", writer, new JsonObject().put("category_id", open).put("title", "x")
        .put("language", "<b>")).statusCode());
    int child = category(new JsonObject().put("name", "Child").put("parent_id", open));
    assertEquals(422, api.patch("/kb/categories/" + open, admin, new JsonObject().put("parent_id", child)).statusCode());
    assertEquals(409, api.delete("/kb/categories/" + open, admin).statusCode(), "it still holds articles");
    assertEquals(403, api.post("/kb/categories", writer, new JsonObject().put("name", "Nope")).statusCode());
    assertEquals(422, server.get("/api/v1/kb/search?q=x&limit=0").statusCode());
  }
}
