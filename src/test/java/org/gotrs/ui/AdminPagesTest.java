package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Await;
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

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminPagesTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;
  private int group;
  private UUID dave;

  AdminPagesTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    group = fixtures.group("billing");
    dave = fixtures.agent("dave", "dave-password", null);
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
  @DisplayName("an administrator creates a queue through the form")
  void createQueue() {
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.text("#admin-rows", "Postmaster");
    browser.find("#admin-new").click();
    browser.type("#f-name", "Billing");
    new Select(browser.find("#f-group_id")).selectByVisibleText("billing");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "Billing");
    assertEquals(1L, ((Number) server.scalar("SELECT count(*) FROM queue WHERE name = 'Billing' AND group_id = ?", group)).longValue());
    browser.screenshot("admin-queues");
  }

  @Test
  @Order(2)
  @DisplayName("an administrator gives an agent permission keys on a group")
  void grantKeys() {
    browser.go("/admin/#/users");
    browser.text("#admin-rows", "dave");
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains("dave")).findFirst().orElseThrow()
        .findElement(org.openqa.selenium.By.cssSelector("button")).click();
    browser.visible("#perm-" + group + "-ro").click();
    browser.find("#perm-" + group + "-note").click();
    browser.find("#perm-save-" + group).click();
    browser.text(".toasts", "Saved");
    // An earlier test's "Saved" may still be showing: the rows are what prove this save.
    Await.until(Duration.ofSeconds(10), () -> List.of("note", "ro").equals(keys(dave, group)),
        () -> "dave's keys on the group are " + keys(dave, group));
    browser.screenshot("admin-user-permissions");
  }

  private List<Object> keys(UUID user, int groupId) {
    return server.sql("SELECT permission_key FROM group_user WHERE user_id = ? AND group_id = ? ORDER BY permission_key",
        user, groupId).stream().map(row -> row.get("permission_key")).toList();
  }

  @Test
  @Order(4)
  @DisplayName("an administrator creates an API key and sees it once")
  void apiKey() {
    browser.go("/admin/#/api-keys");
    browser.type("#key-name", "monitoring");
    browser.find("#key-readonly").click();
    browser.find("#key-create").click();
    assertTrue(browser.visible("#key-secret").getText().startsWith("gotrs_"));
    browser.text("#key-rows", "monitoring");
    browser.screenshot("admin-api-keys");
  }

  @Test
  @Order(5)
  @DisplayName("the workflows page works, or says that this server has no workflows yet")
  void workflows() {
    browser.go("/admin/#/workflows");
    boolean available = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/workflows", server.loginAdmin(), null)
        .statusCode() == 200;
    if (available) {
      browser.visible("#admin-new");
    } else {
      browser.text("#main", "does not offer");
    }
    browser.screenshot("admin-workflows");
  }

  /** The item of an admin list whose {@code field} is {@code value}, as the API answers it. */
  private JsonObject item(String path, String field, String value) {
    var list = server.send(HttpMethod.GET, path, server.loginAdmin(), null);
    assertEquals(200, list.statusCode(), list.bodyAsString());
    return list.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> value.equals(item.getString(field))).findFirst()
        .orElseThrow(() -> new AssertionError("no " + field + " " + value + " in " + path));
  }

  private int billingQueue() {
    return ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Billing'")).intValue();
  }

  @Test
  @Order(6)
  @DisplayName("an administrator creates a system address through the form, choosing its queue by name")
  void createSystemAddress() {
    browser.go("/admin/#/system-addresses");
    browser.text("#admin-rows", "gotrs@localhost");
    browser.find("#admin-new").click();
    browser.type("#f-email", "billing@example.com");
    browser.type("#f-display_name", "Billing Team");
    new Select(browser.find("#f-queue_id")).selectByVisibleText("Billing");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "billing@example.com");
    JsonObject address = item("/api/v1/system-addresses", "email", "billing@example.com");
    assertEquals("Billing Team", address.getString("display_name"));
    assertEquals(billingQueue(), address.getInteger("queue_id"));
  }

  private void createText(String page, String name, String format, String text) {
    browser.go("/admin/#/" + page);
    browser.text("#admin-rows", "system standard");
    browser.find("#admin-new").click();
    browser.type("#f-name", name);
    new Select(browser.find("#f-content_type")).selectByVisibleText(format);
    browser.type("#f-text", text);
    browser.find("#admin-save").click();
    browser.text("#admin-rows", name);
  }

  @Test
  @Order(7)
  @DisplayName("an administrator creates a salutation through the form")
  void createSalutation() {
    createText("salutations", "Billing salutation", "Plain text", "Dear <OTRS_CUSTOMER_REALNAME>,");
    JsonObject salutation = item("/api/v1/salutations", "name", "Billing salutation");
    assertEquals("Dear <OTRS_CUSTOMER_REALNAME>,", salutation.getString("text"));
    assertEquals("text/plain; charset=utf-8", salutation.getString("content_type"));
  }

  @Test
  @Order(8)
  @DisplayName("an administrator creates an HTML signature through the form")
  void createSignature() {
    createText("signatures", "Billing signature", "HTML", "<p>Your billing team, <OTRS_Agent_UserFirstname></p>");
    JsonObject signature = item("/api/v1/signatures", "name", "Billing signature");
    assertEquals("<p>Your billing team, <OTRS_Agent_UserFirstname></p>", signature.getString("text"));
    assertEquals("text/html; charset=utf-8", signature.getString("content_type"));
  }

  @Test
  @Order(9)
  @DisplayName("an administrator creates a template through the form and assigns it to queues named in the list")
  void createTemplate() {
    int billing = billingQueue();
    browser.go("/admin/#/templates");
    browser.text("#admin-rows", "empty answer");
    browser.find("#admin-new").click();
    browser.type("#f-name", "Invoice on its way");
    new Select(browser.find("#f-template_type")).selectByVisibleText("Answer");
    browser.type("#f-text", "Dear <OTRS_CUSTOMER_REALNAME>, your invoice <OTRS_TICKET_TicketNumber> is on its way.");
    browser.find("#f-queue_ids-2").click();
    browser.find("#f-queue_ids-" + billing).click();
    browser.screenshot("admin-template-form");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "Invoice on its way");
    browser.text("#admin-rows", "Raw, Billing");
    JsonObject template = item("/api/v1/templates", "name", "Invoice on its way");
    assertEquals(List.of(2, billing), template.getJsonArray("queue_ids").getList());
    assertEquals("Answer", template.getString("template_type"));
    assertEquals("Dear <OTRS_CUSTOMER_REALNAME>, your invoice <OTRS_TICKET_TicketNumber> is on its way.",
        template.getString("text"));
    browser.screenshot("admin-templates");
  }

  @Test
  @Order(10)
  @DisplayName("an administrator gives a queue its system address, salutation and signature, chosen by name")
  void queueTexts() {
    int billing = billingQueue();
    browser.go("/admin/#/queues");
    browser.text("#admin-rows", "Billing");
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains("Billing")).findFirst().orElseThrow()
        .findElement(org.openqa.selenium.By.cssSelector("button")).click();
    new Select(browser.visible("#f-system_address_id")).selectByVisibleText("Billing Team <billing@example.com>");
    new Select(browser.find("#f-salutation_id")).selectByVisibleText("Billing salutation");
    new Select(browser.find("#f-signature_id")).selectByVisibleText("Billing signature");
    browser.find("#admin-save").click();
    JsonObject expected = new JsonObject()
        .put("system_address_id", item("/api/v1/system-addresses", "email", "billing@example.com").getInteger("id"))
        .put("salutation_id", item("/api/v1/salutations", "name", "Billing salutation").getInteger("id"))
        .put("signature_id", item("/api/v1/signatures", "name", "Billing signature").getInteger("id"));
    browser.waiting(Duration.ofSeconds(10)).until(d -> {
      JsonObject queue = server.send(HttpMethod.GET, "/api/v1/queues/" + billing, server.loginAdmin(), null)
          .bodyAsJsonObject();
      return expected.fieldNames().stream().allMatch(f -> expected.getValue(f).equals(queue.getValue(f)));
    });
  }

  @Test
  @Order(11)
  @DisplayName("the intake page refuses a portal queue no agent can work and says why beside the channel")
  void intakeRefusesAnUnworkedQueue() {
    browser.go("/admin/#/intake");
    new Select(browser.visible("#intake-portal")).selectByVisibleText("Billing");
    browser.expectFailedRequest("/api/v1/settings/intake", 422);
    browser.find("#intake-save").click();
    browser.text("#intake-portal-error", "No valid agent can work the queue Billing");
    browser.screenshot("admin-intake-refused");
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM intake_queue WHERE channel = 'portal'")).longValue());
  }

  @Test
  @Order(12)
  @DisplayName("the intake page sets the portal's queue once an agent works it, and warns when its last agent leaves")
  void intakeSetsAndWarns() {
    fixtures.grant(dave, group, "rw");
    browser.go("/admin/#/queues");
    browser.go("/admin/#/intake");
    new Select(browser.visible("#intake-portal")).selectByVisibleText("Billing");
    browser.find("#intake-save").click();
    browser.text("#intake-portal-state", "Goes to Billing (chosen).");
    Object stored = server.scalar("SELECT q.name FROM intake_queue i JOIN queue q ON q.id = i.queue_id WHERE i.channel = 'portal'");
    assertEquals("Billing", stored);

    server.sql("UPDATE users SET valid_id = 2 WHERE id = ?", dave);
    try {
      browser.go("/admin/#/queues");
      browser.go("/admin/#/intake");
      browser.text("#intake-portal-warning", "no valid agent has rw on the queue Billing");
      browser.screenshot("admin-intake-warning");
    } finally {
      server.sql("UPDATE users SET valid_id = 1 WHERE id = ?", dave);
    }
  }

  @Test
  @Order(13)
  @DisplayName("invalidating a queue first says how many tickets it is on, and cancelling leaves it valid")
  void invalidatingSaysWhatItAffects() {
    String token = server.login("dave", "dave-password");
    fixtures.ticket(token, billingQueue(), "Invoice 1", "x");
    fixtures.ticket(token, billingQueue(), "Invoice 2", "x");
    browser.go("/admin/#/intake");
    browser.go("/admin/#/queues");
    browser.text("#admin-rows", "Billing");
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains("Billing")).findFirst().orElseThrow()
        .findElement(org.openqa.selenium.By.cssSelector(".danger")).click();
    var question = browser.waiting(Duration.ofSeconds(5))
        .until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent());
    assertTrue(question.getText().contains("It is on 2 tickets"), question.getText());
    question.dismiss();
    assertEquals(1, ((Number) server.scalar("SELECT valid_id FROM queue WHERE id = ?", billingQueue())).intValue());
  }

  @Test
  @Order(14)
  @DisplayName("an administrator sees every agent's API keys with their owners and revokes another agent's key")
  void revokeAnotherAgentsKey() {
    String token = server.login("dave", "dave-password");
    var created = server.send(HttpMethod.POST, "/api/v1/api-keys", token, new JsonObject().put("name", "daves-script"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    browser.go("/admin/#/intake");
    browser.go("/admin/#/api-keys");
    browser.text("#key-rows", "daves-script");
    browser.text("[data-key=daves-script]", "dave");
    browser.screenshot("admin-api-keys-all");
    browser.find("[data-key=daves-script] .danger").click();
    browser.waiting(Duration.ofSeconds(5)).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
        .accept();
    Await.until(Duration.ofSeconds(10), () -> server.send(HttpMethod.GET, "/api/v1/api-keys", token, null)
        .bodyAsJsonObject().getJsonArray("items").isEmpty(), () -> "dave's key is revoked");
  }

  @Test
  @Order(15)
  @DisplayName("an administrator sees an agent's sessions under the agent's form and ends them all")
  void endAnAgentsSessions() {
    String token = server.login("dave", "dave-password");
    browser.go("/admin/#/intake");
    browser.go("/admin/#/users");
    browser.text("#admin-rows", "dave");
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains("dave")).findFirst().orElseThrow()
        .findElement(org.openqa.selenium.By.cssSelector("button")).click();
    browser.text("#user-sessions", "Since");
    browser.screenshot("admin-user-sessions");
    browser.find("#sessions-end-all").click();
    browser.waiting(Duration.ofSeconds(5)).until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent())
        .accept();
    browser.text("#user-sessions", "No open sessions");
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode(), "dave is signed out");
  }
}
