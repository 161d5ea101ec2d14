package org.gotrs.kb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The public help center: plain HTML pages of the public articles, found by search, voted on with a form. */
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HelpCenterTest {

  private final TestServer server;
  private final Api api;
  private final String admin;
  private long english;
  private long german;
  private long internal;
  private long draft;

  HelpCenterTest(TestServer server, Api api, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    int category = api.post("/kb/categories", admin, new JsonObject().put("name", "Accounts & <Sign-in>"))
        .bodyAsJsonObject().getInteger("id");
    english = write(category, "en", null, "Change your e-mail address", "<p>Open <b>Account</b>, then Settings.</p>",
        "public");
    german = write(category, "de", english, "E-Mail-Adresse ändern", "<p>Öffnen Sie das Konto, dann die Einstellungen.</p>",
        "public");
    internal = write(category, "en", null, "Internal escalation list", "<p>Call the duty manager.</p>", "internal");
    draft = write(category, "en", null, "Unfinished draft", "<p>Not yet.</p>", "draft");
  }

  private long write(int category, String language, Long original, String title, String body, String state) {
    var created = api.post("/kb/articles", admin, new JsonObject().put("category_id", category).put("language", language)
        .put("translation_of", original).put("title", title).put("body", body).put("state", state)
        .put("keywords", new JsonArray().add("account")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  /** A client that shows redirects instead of following them. */
  private WebClient browser() {
    return WebClient.create(server.app().vertx(),
        new WebClientOptions().setDefaultPort(server.port()).setDefaultHost("127.0.0.1").setFollowRedirects(false));
  }

  private HttpResponse<Buffer> page(String path) {
    HttpResponse<Buffer> response = server.get(path);
    assertEquals(200, response.statusCode(), path + ": " + response.bodyAsString());
    assertTrue(response.getHeader("Content-Type").startsWith("text/html"));
    return response;
  }

  @Test
  @DisplayName("GET /help/ is HTML listing the public articles and categories, escaped, with no script at all")
  void homeIsPlainHtml() {
    var response = page("/help/?lang=en");
    String html = response.bodyAsString();
    assertTrue(html.contains("Change your e-mail address"), html);
    assertTrue(html.contains("Accounts &amp; &lt;Sign-in&gt;"), html);
    assertFalse(html.contains("Internal escalation list"));
    assertFalse(html.contains("Unfinished draft"));
    assertFalse(html.contains("<script"));
    assertTrue(response.getHeader("Content-Security-Policy").contains("script-src 'self'"));
    assertTrue(page("/help/?lang=de").bodyAsString().contains("E-Mail-Adresse ändern"));
  }

  @Test
  @DisplayName("an article page has its title, canonical address and language links; other slugs redirect to it")
  void articlePage() {
    String url = "/help/articles/" + english + "-change-your-e-mail-address";
    String html = page(url).bodyAsString();
    assertTrue(html.contains("<title>Change your e-mail address – "), html);
    assertTrue(html.contains("<link rel=\"canonical\" href=\"http://localhost:"), html);
    assertTrue(html.contains(url + "\">"), html);
    assertTrue(html.contains("<b>Account</b>"), "the sanitised body is shown as HTML");
    assertTrue(html.contains("/help/articles/" + german + "-e-mail-adresse-andern"), "the German translation is linked");
    var moved = TestServer.await(browser().get("/help/articles/" + english + "-old-title").send());
    assertEquals(301, moved.statusCode());
    assertEquals(url, moved.getHeader("Location"));
    assertEquals(404, server.get("/help/articles/" + internal).statusCode());
    assertEquals(404, server.get("/help/articles/" + draft).statusCode());
    assertEquals(404, server.get("/help/articles/nonsense").statusCode());
  }

  @Test
  @DisplayName("search finds the article in English and in German, and never an internal one")
  void searchInBothLanguages() {
    String en = page("/help/search?q=settings&lang=en").bodyAsString();
    assertTrue(en.contains("Change your e-mail address"), en);
    assertTrue(en.contains("<mark>Settings</mark>"), en);
    String de = page("/help/search?q=Einstellungen&lang=de").bodyAsString();
    assertTrue(de.contains("E-Mail-Adresse ändern"), de);
    assertFalse(page("/help/search?q=duty+manager&lang=en").bodyAsString().contains("Internal escalation list"));
    assertTrue(page("/help/search?q=%3Cscript%3Ealert(1)%3C/script%3E").bodyAsString().contains("&lt;script&gt;"));
  }

  @Test
  @DisplayName("sitemap.xml lists the public articles only, with absolute addresses")
  void sitemap() {
    var response = server.get("/help/sitemap.xml");
    assertEquals(200, response.statusCode());
    assertTrue(response.getHeader("Content-Type").startsWith("application/xml"));
    String xml = response.bodyAsString();
    assertTrue(xml.contains("/help/articles/" + english + "-change-your-e-mail-address</loc>"), xml);
    assertTrue(xml.contains("/help/articles/" + german + "-"), xml);
    assertFalse(xml.contains("/help/articles/" + internal), xml);
    assertFalse(xml.contains("/help/articles/" + draft), xml);
  }

  @Test
  @DisplayName("'was this helpful?' is a plain form post, counted once per visitor")
  void vote() {
    WebClient browser = browser();
    MultiMap form = MultiMap.caseInsensitiveMultiMap().add("helpful", "yes");
    var voted = TestServer.await(browser.post("/help/articles/" + english + "/vote").sendForm(form));
    assertEquals(303, voted.statusCode());
    assertTrue(voted.getHeader("Location").endsWith("?voted=1#vote"));
    TestServer.await(browser.post("/help/articles/" + english + "/vote").sendForm(form));
    assertEquals(1L, api.get("/kb/articles/" + english, admin).bodyAsJsonObject().getLong("helpful"));
    assertEquals(404, TestServer.await(browser.post("/help/articles/" + internal + "/vote").sendForm(form)).statusCode());
    assertEquals(400, TestServer.await(browser.post("/help/articles/" + english + "/vote")
        .sendForm(MultiMap.caseInsensitiveMultiMap().add("helpful", "maybe"))).statusCode());
    browser.close();
  }

  @Test
  @DisplayName("the company's name and colours set by an administrator show on the pages")
  void look() {
    var changed = api.patch("/settings/help-center", admin, new JsonObject().put("company_name", "Acme Support")
        .put("primary_color", "#aa0000"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertTrue(page("/help/").bodyAsString().contains("Acme Support"));
    assertTrue(server.get("/help/theme.css").bodyAsString().contains("--hc-primary: #aa0000"));
    assertEquals(422, api.patch("/settings/help-center", admin, new JsonObject().put("primary_color", "red;}"))
        .statusCode());
  }
}
