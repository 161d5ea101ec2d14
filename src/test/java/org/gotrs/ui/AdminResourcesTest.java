package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gotrs.testing.Await;
import org.gotrs.testing.Admin;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The admin area as a browser shows it: who may see it, the resources beyond the lookups, and phone width. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminResourcesTest {

  /** Every page of the admin navigation, by the key in its address. */
  static final List<String> PAGES = List.of("queues", "auto-responses", "intake", "templates", "salutations",
      "signatures", "system-addresses", "mail-accounts", "postmaster-filters", "states", "priorities", "types",
      "services", "slas", "custom-fields", "users", "groups", "roles", "customer-companies", "customer-users",
      "workflows", "retention", "chat-invitations", "audit-log", "api-keys", "settings", "jobs");

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;
  private Browser browser;

  AdminResourcesTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    fixtures.agent("erin", "erin-password", fixtures.group("erins-group"), "rw");
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

  /** Loads an admin page afresh (a new hash alone would not reload it). */
  private void open(String page) {
    browser.driver().get("about:blank");
    browser.go("/admin/#/" + page);
  }

  @Test
  @Order(1)
  @DisplayName("an agent without admin rights sees no admin navigation, and every admin address says not allowed without asking for data")
  void nonAdminWalk() {
    browser.forgetSessions();
    browser.go("/admin/");
    browser.signIn("erin", "erin-password");
    browser.text("#not-allowed", "Not allowed");
    browser.screenshot("admin-not-allowed");
    for (String page : PAGES) {
      open(page);
      browser.text("#not-allowed", "Not allowed");
      assertEquals(0L, browser.script("return document.querySelectorAll('#admin-nav a').length"),
          "no admin navigation on " + page);
      assertEquals(0L, browser.script("return document.querySelectorAll('#main table, #main form').length"),
          "no list or form on " + page);
      @SuppressWarnings("unchecked")
      List<String> asked = (List<String>) browser.script("return performance.getEntriesByType('resource')"
          + ".map(e => new URL(e.name).pathname).filter(p => p.startsWith('/api/'))");
      assertEquals(List.of("/api/v1/auth/me"), asked, "the only request on " + page + " asks who is signed in");
    }
    browser.size(390, 844);
    browser.screenshot("admin-not-allowed-phone");
    browser.size(1366, 768);
  }

  @Test
  @Order(2)
  @DisplayName("an administrator signs out from the admin header and is asked to sign in again")
  void signOut() {
    browser.forgetSessions();
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-queues");
    browser.find("#logout").click();
    browser.visible("#login-name");
    assertTrue(browser.find("#admin").getAttribute("hidden") != null, "the admin pages are hidden again");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-queues");
  }

  // --- helpers: rows, confirmations, the API's view ---

  /** The button of the list row that shows {@code text}: "button" for edit, ".danger" for delete. */
  private WebElement rowButton(String text, String css) {
    browser.text("#admin-rows", text);
    return browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains(text)).findFirst().orElseThrow()
        .findElement(By.cssSelector(css));
  }

  private void confirm() {
    browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent()).accept();
  }

  private JsonArray items(String path) {
    var answer = server.send(HttpMethod.GET, path, admin, null);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items");
  }

  private Optional<JsonObject> item(String path, String field, Object value) {
    return items(path).stream().map(JsonObject.class::cast).filter(i -> value.equals(i.getValue(field))).findFirst();
  }

  /** Waits until the API shows the item and the condition holds on it. */
  private JsonObject awaitItem(String path, String field, Object value, java.util.function.Predicate<JsonObject> holds) {
    Await.until(Duration.ofSeconds(10), () -> item(path, field, value).filter(holds).isPresent(),
        () -> path + " shows " + item(path, field, value));
    return item(path, field, value).orElseThrow();
  }

  private void awaitGone(String path, String field, Object value) {
    Await.until(Duration.ofSeconds(10), () -> item(path, field, value).isEmpty(), () -> value + " is still in " + path);
  }

  private int queueId(String name) {
    return ((Number) server.scalar("SELECT id FROM queue WHERE name = ?", name)).intValue();
  }

  @Test
  @Order(3)
  @DisplayName("an administrator creates a mail account, edits it without seeing its password, polls it and deletes it")
  void mailAccount() {
    open("mail-accounts");
    browser.visible("#admin-new").click();
    new Select(browser.find("#f-type")).selectByVisibleText("IMAP");
    browser.type("#f-host", "127.0.0.1");
    browser.type("#f-port", "1");
    browser.type("#f-login", "support");
    browser.type("#f-password", "s3cret-password");
    new Select(browser.find("#f-queue_id")).selectByVisibleText("Raw");
    browser.screenshot("admin-mail-account-form");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "support");
    JsonObject account = awaitItem("/api/v1/mail-accounts", "login", "support", a -> true);
    assertEquals("127.0.0.1", account.getString("host"));
    assertEquals(1, account.getInteger("port"));
    assertEquals(queueId("Raw"), account.getInteger("queue_id"));
    assertTrue(!account.containsKey("password") && !account.encode().contains("s3cret"), account.encode());
    int id = account.getInteger("id");
    Object sealed = server.scalar("SELECT password_sealed FROM mail_account WHERE id = ?", id);

    rowButton("support", "button").click();
    assertEquals("", browser.visible("#f-password").getAttribute("value"), "the password is never shown again");
    browser.type("#f-host", "localhost");
    browser.find("#admin-save").click();
    awaitItem("/api/v1/mail-accounts", "login", "support", a -> "localhost".equals(a.getString("host")));
    assertEquals(sealed, server.scalar("SELECT password_sealed FROM mail_account WHERE id = ?", id),
        "an edit without a new password keeps the stored one");

    browser.expectFailedRequest("/api/v1/mail-accounts/" + id + "/poll", 503);
    rowButton("support", "[data-action=poll]").click();
    browser.text(".toasts", "cannot be polled");
    awaitItem("/api/v1/mail-accounts", "login", "support", a -> a.getString("last_error") != null);
    browser.text("#admin-rows", "Connection refused");
    browser.screenshot("admin-mail-accounts");

    rowButton("support", ".danger").click();
    confirm();
    awaitGone("/api/v1/mail-accounts", "login", "support");
  }

  @Test
  @Order(4)
  @DisplayName("an administrator builds a postmaster filter from matches and pickers, edits and deletes it")
  void postmasterFilter() {
    open("postmaster-filters");
    browser.visible("#admin-new").click();
    browser.type("#f-name", "Invoices");
    browser.type("#match-0-header", "Subject");
    browser.type("#match-0-pattern", "invoice");
    browser.find("#filter-add-match").click();
    browser.type("#match-1-header", "From");
    browser.type("#match-1-pattern", "@example\\.com");
    browser.find("#match-1-negate").click();
    new Select(browser.find("#filter-queue")).selectByVisibleText("Raw");
    browser.type("#filter-tags", "billing, vip");
    browser.screenshot("admin-postmaster-filter-form");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "Subject ~ invoice");
    browser.text("#admin-rows", "Raw");
    JsonObject filter = awaitItem("/api/v1/postmaster-filters", "name", "Invoices", f -> true);
    assertEquals(new JsonArray().add(new JsonObject().put("header", "Subject").put("pattern", "invoice").put("negate", false))
        .add(new JsonObject().put("header", "From").put("pattern", "@example\\.com").put("negate", true)),
        filter.getJsonArray("matches"));
    assertEquals(new JsonObject().put("queue_id", queueId("Raw")).put("tags", new JsonArray().add("billing").add("vip")),
        filter.getJsonObject("actions"));
    browser.screenshot("admin-postmaster-filters");

    rowButton("Invoices", "button").click();
    browser.visible("#filter-matches [data-match='1'] button").click();
    new Select(browser.find("#filter-priority")).selectByVisibleText("5 very high");
    browser.find("#admin-save").click();
    JsonObject edited = awaitItem("/api/v1/postmaster-filters", "name", "Invoices", f -> f.getJsonArray("matches").size() == 1);
    assertEquals(5, edited.getJsonObject("actions").getInteger("priority_id"));

    rowButton("Invoices", "button").click();
    browser.visible("#filter-test-mail").sendKeys("From: shop@billing.example.org\nSubject: Your invoice 42\n\nPay soon.");
    browser.find("#filter-test-run").click();
    browser.text("#filter-test-applied", "Filters that apply: Invoices");
    browser.text("#filter-test-decided", "Raw");
    browser.text("#filter-test-decided", "5 very high");
    browser.screenshot("admin-postmaster-filter-test");
    browser.find("#editor button:not(.primary)[type=button]").click();

    rowButton("Invoices", ".danger").click();
    confirm();
    awaitGone("/api/v1/postmaster-filters", "name", "Invoices");
  }

  @Test
  @Order(5)
  @DisplayName("an administrator sets a queue's auto-reply, switches it off and removes it")
  void autoResponses() {
    int raw = queueId("Raw");
    open("auto-responses");
    rowButton("Raw", "button").click();
    browser.visible("#auto-auto_reply-enabled").click();
    browser.type("#auto-auto_reply-subject", "Received: <OTRS_CUSTOMER_SUBJECT>");
    browser.type("#auto-auto_reply-body", "Thank you, we will answer soon.");
    browser.screenshot("admin-auto-response-form");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "✓ Received");
    Await.until(Duration.ofSeconds(10), () -> autoReply(raw) != null, () -> "no auto-reply on Raw");
    assertEquals(new JsonObject().put("subject", "Received: <OTRS_CUSTOMER_SUBJECT>")
        .put("body", "Thank you, we will answer soon.").put("content_type", "text/plain").put("enabled", true), autoReply(raw));
    browser.screenshot("admin-auto-responses");

    rowButton("Raw", "button").click();
    browser.visible("#auto-auto_reply-enabled").click();
    browser.find("#admin-save").click();
    Await.until(Duration.ofSeconds(10), () -> Boolean.FALSE.equals(autoReply(raw).getBoolean("enabled")),
        () -> "auto-reply still on: " + autoReply(raw));

    rowButton("Raw", "button").click();
    browser.visible("#auto-auto_reply-subject").clear();
    browser.find("#auto-auto_reply-body").clear();
    browser.find("#admin-save").click();
    Await.until(Duration.ofSeconds(10), () -> autoReply(raw) == null, () -> "auto-reply still there: " + autoReply(raw));
  }

  private JsonObject autoReply(int queue) {
    JsonObject config = server.send(HttpMethod.GET, "/api/v1/queues/" + queue, admin, null).bodyAsJsonObject()
        .getJsonObject("auto_response_config");
    return config == null ? null : config.getJsonObject("auto_reply");
  }

  @Test
  @Order(6)
  @DisplayName("an administrator creates a retention policy switched off, enables it after seeing its dry run's count, runs it after confirming and deletes it")
  void retentionPolicy() {
    open("retention");
    browser.visible("#admin-new").click();
    new Select(browser.find("#f-table_name")).selectByVisibleText("Sessions");
    browser.type("#f-retention_days", "3650");
    new Select(browser.find("#f-action")).selectByVisibleText("delete");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "3650");
    JsonObject policy = awaitItem("/api/v1/retention-policies", "table_name", "sessions", p -> true);
    assertEquals("expires_at", policy.getString("column_name"));
    assertEquals(false, policy.getBoolean("enabled"), "a new policy stays off until the administrator enables it");

    rowButton("3650", "button").click();
    browser.type("#f-retention_days", "4000");
    browser.find("#f-enabled").click();
    browser.find("#admin-save").click();
    var beforeEnabling = browser.waiting(Duration.ofSeconds(5)).until(ExpectedConditions.alertIsPresent());
    assertTrue(beforeEnabling.getText().contains("would now change 0 rows"), "the dry run's count: " + beforeEnabling.getText());
    beforeEnabling.accept();
    awaitItem("/api/v1/retention-policies", "table_name", "sessions",
        p -> p.getInteger("retention_days") == 4000 && p.getBoolean("enabled"));

    rowButton("4000", "[data-action=dry_run]").click();
    browser.text(".toasts", "a run now would change 0 rows");

    rowButton("4000", "[data-action=run]").click();
    confirm();
    browser.text(".toasts", "0 rows");
    browser.screenshot("admin-retention");

    browser.script("document.querySelectorAll('.toast').forEach((toast) => toast.remove())");
    rowButton("4000", ".danger").click();
    confirm();
    awaitGone("/api/v1/retention-policies", "table_name", "sessions");
  }

  @Test
  @Order(7)
  @DisplayName("the audit log lists the changes made through these pages, filtered by action and by who made them")
  void auditLog() {
    open("audit-log");
    browser.text("#audit-rows", "retention_policy.delete");
    browser.type("#audit-action", "mail_account.create");
    browser.find("#audit-apply").click();
    browser.waiting(Duration.ofSeconds(10)).until(d -> browser.all("#audit-rows tr").size() == 1
        && browser.find("#audit-rows").getText().contains("mail_account.create"));
    browser.text("#audit-rows", TestServer.ADMIN_LOGIN);
    browser.find("#audit-rows details summary").click();
    browser.text("#audit-rows", "host");
    browser.screenshot("admin-audit-log");

    browser.find("#audit-reset").click();
    new Select(browser.find("#audit-actor")).selectByVisibleText("erin");
    browser.find("#audit-apply").click();
    // erin only signed in
    browser.waiting(Duration.ofSeconds(10)).until(d -> !browser.all("#audit-rows tr").isEmpty()
        && browser.all("#audit-rows tr").stream().allMatch(row -> row.getText().contains("erin")));
    assertTrue(!browser.find("#audit-rows").getText().contains("mail_account"), browser.find("#audit-rows").getText());
  }

  @Test
  @Order(8)
  @DisplayName("an administrator gives a select custom field its options as a list, reorders and removes one, and deletes the field")
  void customFieldOptions() {
    open("custom-fields");
    browser.visible("#admin-new").click();
    browser.type("#f-field_name", "contract");
    new Select(browser.find("#f-field_type")).selectByVisibleText("select");
    for (String option : List.of("Gold", "Silver", "Bronze")) {
      browser.type("#cfg-new-option", option + "\n");
    }
    browser.find("#cfg-options li:nth-child(2) button[aria-label='Move up']").click();
    browser.waiting(Duration.ofSeconds(5)).until(d -> List.of("–", "Silver", "Gold", "Bronze").equals(
        new Select(browser.find("#cfg-preview-control")).getOptions().stream().map(WebElement::getText).toList()));
    browser.screenshot("admin-custom-field-options");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "contract");
    JsonObject field = awaitItem("/api/v1/custom-fields", "field_name", "contract", f -> true);
    assertEquals(new JsonObject().put("options", new JsonArray().add("Silver").add("Gold").add("Bronze")),
        field.getJsonObject("field_config"));

    rowButton("contract", "button").click();
    browser.visible("#cfg-options li:nth-child(3) button[aria-label='Remove']").click();
    browser.type("#cfg-new-option", "Platinum");
    browser.find("#cfg-add-option").click();
    browser.find("#admin-save").click();
    awaitItem("/api/v1/custom-fields", "field_name", "contract", f -> new JsonArray().add("Silver").add("Gold").add("Platinum")
        .equals(f.getJsonObject("field_config").getJsonArray("options")));

    rowButton("contract", ".danger").click();
    confirm();
    awaitGone("/api/v1/custom-fields", "field_name", "contract");
  }

  @Test
  @Order(10)
  @DisplayName("a text field's preview checks what is typed against the pattern being set")
  void customFieldPreview() {
    open("custom-fields");
    browser.visible("#admin-new").click();
    new Select(browser.find("#f-field_type")).selectByVisibleText("text");
    browser.type("#cfg-pattern", "[A-Z]{3}-[0-9]+");
    browser.type("#cfg-preview-control", "abc");
    browser.text("#cfg-preview-verdict", "format");
    browser.type("#cfg-preview-control", "ABC-42");
    browser.text("#cfg-preview-verdict", "Valid.");
    browser.screenshot("admin-custom-field-preview");
  }

  @Test
  @Order(9)
  @DisplayName("every admin page fits a 390 px wide phone without sideways scrolling, and is photographed wide and narrow")
  void phoneWidth() {
    List<String> overflowing = new java.util.ArrayList<>();
    for (String page : PAGES) {
      browser.size(1440, 900);
      open(page);
      browser.visible("#view-title");
      // a list has loaded (or the page is a form of its own)
      browser.visible("table[aria-busy=false], #intake-form, #key-form, #settings-form, #main [role=status]");
      browser.screenshot("admin-wide-" + page);
      browser.size(390, 844);
      browser.visible("#admin-section");
      Object widths = browser.script("return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
      @SuppressWarnings("unchecked")
      List<Number> w = (List<Number>) widths;
      if (w.get(0).intValue() > w.get(1).intValue()) {
        overflowing.add(page + " " + w);
      }
      browser.screenshot("admin-phone-" + page);
    }
    browser.size(1366, 768);
    assertEquals(List.of(), overflowing, "pages wider than the phone (scrollWidth, clientWidth)");
  }
}
