package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.support.ui.Select;

/**
 * An agent writes a public article in English and German in the console; an anonymous visitor finds it at /help/ in
 * both languages; a customer typing its keywords in the portal's new-ticket form and in the chat widget is shown it;
 * an internal article reaches neither.
 */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KnowledgeBaseBrowserTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;

  KnowledgeBaseBrowserTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    String admin = server.loginAdmin();
    int category = server.send(HttpMethod.POST, "/api/v1/kb/categories", admin,
        new JsonObject().put("name", "Network")).bodyAsJsonObject().getInteger("id");
    var internal = server.send(HttpMethod.POST, "/api/v1/kb/articles", admin, new JsonObject().put("category_id", category)
        .put("title", "Wifi master key rotation").put("state", "internal").put("keywords", new JsonArray().add("wifi"))
        .put("body", "<p>Only for the network team: rotate the wifi master key monthly.</p>"));
    assertEquals(201, internal.statusCode(), internal.bodyAsString());
    fixtures.agent("kb-anna", "anna-password", null);
    fixtures.company("kb-acme");
    fixtures.customer("kb-maria", "maria-password", "kb-acme");
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }

  @Test
  @Order(1)
  @DisplayName("an agent writes a public article in English and its German translation in the console")
  void agentWritesInBothLanguages() {
    browser.go("/");
    browser.signIn("kb-anna", "anna-password");
    browser.visible("#nav-kb").click();
    browser.visible("#kb-new").click();
    browser.type("#kb-title", "Connect to the office wifi");
    new Select(browser.visible("#kb-article-state")).selectByValue("public");
    browser.type("#kb-keywords", "wifi, wireless, network password");
    browser.visible(".tox-edit-area iframe", Duration.ofSeconds(15)).click();
    browser.write("Choose the network GuestNet and enter the code from reception.");
    browser.find("#kb-save").click();
    browser.text("#view-title", "Connect to the office wifi");
    browser.screenshot("kb-article-en");
    browser.visible("#kb-translate").click();
    browser.text("#view-title", "Translate");
    browser.type("#kb-title", "Mit dem Büro-WLAN verbinden");
    new Select(browser.visible("#kb-article-state")).selectByValue("public");
    browser.type("#kb-keywords", "WLAN, Funknetz");
    browser.visible(".tox-edit-area iframe", Duration.ofSeconds(15)).click();
    browser.write("Wählen Sie das Netzwerk GuestNet und geben Sie den Code vom Empfang ein. ");
    browser.find("#kb-save").click();
    browser.text("#view-title", "Mit dem Büro-WLAN verbinden");
    browser.text(".kb-translations", "Connect to the office wifi");
    browser.screenshot("kb-article-de");
    var languages = server.sql("SELECT language, state FROM kb_article WHERE title IN (?, ?) ORDER BY language",
        "Connect to the office wifi", "Mit dem Büro-WLAN verbinden");
    assertEquals(List.of("de", "en"), languages.stream().map(row -> row.get("language")).toList());
    assertTrue(languages.stream().allMatch(row -> "public".equals(row.get("state"))));
    assertEquals("WLAN,Funknetz", server.scalar("SELECT array_to_string(keywords, ',') FROM kb_article WHERE language = 'de'"));
    assertTrue(String.valueOf(server.scalar("SELECT body FROM kb_article WHERE language = 'de'")).contains("Code vom Empfang"));
  }

  @Test
  @Order(2)
  @DisplayName("an anonymous visitor finds the article at /help/ by search in English and in German, not the internal one")
  void visitorFindsItInBothLanguages() {
    browser.forgetSessions();
    browser.go("/help/?lang=en");
    browser.type("#hc-q", "wireless");
    browser.find(".hc-hero button").click();
    browser.text(".hc-main", "Connect to the office wifi");
    assertFalse(browser.find(".hc-main").getText().contains("Wifi master key rotation"));
    browser.screenshot("help-search-en");
    browser.go("/help/?lang=de");
    browser.type("#hc-q", "Funknetz");
    browser.find(".hc-hero button").click();
    browser.text(".hc-main", "Mit dem Büro-WLAN verbinden");
    browser.find(".hc-list a").click();
    browser.text(".hc-article", "Code vom Empfang");
    browser.screenshot("help-article-de");
    browser.go("/help/search?q=wifi&lang=en");
    browser.text(".hc-main", "Connect to the office wifi");
    assertFalse(browser.find(".hc-main").getText().contains("Wifi master key rotation"));
  }

  @Test
  @Order(3)
  @DisplayName("a customer typing the keywords in the portal's new-ticket form is shown the public article only")
  void portalSuggests() {
    browser.go("/portal/");
    browser.signIn("kb-maria", "maria-password");
    browser.visible("#portal-new", Duration.ofSeconds(10)).click();
    browser.type("#new-title", "My wifi does not work");
    browser.text("#kb-suggestions", "Connect to the office wifi");
    assertFalse(browser.find("#kb-suggestions").getText().contains("Wifi master key rotation"));
    browser.screenshot("portal-kb-suggestions");
  }

  @Test
  @Order(4)
  @DisplayName("a visitor typing the keywords in the chat widget is shown the public article only")
  void chatWidgetSuggests() {
    browser.go("/portal/chat.html");
    browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.script(
        "const host = document.getElementById('gotrs-chat');"
            + " return !!(host && host.shadowRoot && host.shadowRoot.querySelector('textarea[name=message]'));")));
    browser.script("const box = document.getElementById('gotrs-chat').shadowRoot.querySelector('textarea[name=message]');"
        + " box.value = 'the wifi keeps dropping'; box.dispatchEvent(new Event('input'));");
    browser.waiting(Duration.ofSeconds(10)).until(d -> suggested().contains("Connect to the office wifi"));
    assertFalse(suggested().contains("Wifi master key rotation"));
    browser.screenshot("chat-kb-suggestions");
  }

  private String suggested() {
    return String.valueOf(browser.script(
        "const s = document.getElementById('gotrs-chat').shadowRoot.querySelector('.suggest');"
            + " return s && !s.hidden ? s.textContent : '';"));
  }
}
