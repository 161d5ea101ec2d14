package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Admin;
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
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** The workflow form: a workflow built with pickers, never JSON, tried on a ticket, saved, and running. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WorkflowFormTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final String admin;
  private Browser browser;
  private int queue;
  private String agent;

  WorkflowFormTest(TestServer server, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("printing");
    queue = fixtures.queue("Printers", group);
    fixtures.agent("petra", "petra-password", group, "rw");
    agent = server.login("petra", "petra-password");
    fixtures.grant((UUID) server.scalar("SELECT id FROM users WHERE login = ?", TestServer.ADMIN_LOGIN), group, "ro");
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

  private JsonObject ticket(long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, agent, null).bodyAsJsonObject();
  }

  /** The last row of the condition group or action list, once one more was added. */
  private WebElement last(String css) {
    List<WebElement> all = browser.all(css);
    return all.get(all.size() - 1);
  }

  @Test
  @Order(1)
  @DisplayName("an administrator builds a workflow with the form, dry-runs it on a ticket, saves it, and it runs on the next ticket")
  void buildTryAndRun() {
    long tried = fixtures.ticket(agent, queue, "URGENT: the printer is on fire", "smoke").getLong("id");
    browser.forgetSessions();
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-workflows").click();
    browser.visible("#admin-new").click();
    browser.type("#f-name", "Urgent printers");
    assertTrue(browser.find("#wf-event-ticket-created").isSelected(), "a new workflow starts on new tickets");

    browser.find("#wf-conditions .wf-add-condition").click();
    new Select(last(".wf-field")).selectByVisibleText("Title");
    new Select(last(".wf-op")).selectByVisibleText("contains");
    last("input.wf-value").sendKeys("URGENT");
    browser.find("#wf-conditions .wf-add-condition").click();
    new Select(last(".wf-field")).selectByVisibleText("Queue");
    new Select(last(".wf-value")).selectByVisibleText("Printers");

    WebElement first = browser.find("#wf-actions .wf-action");
    new Select(first.findElement(By.cssSelector(".wf-action-type"))).selectByVisibleText("Set priority");
    new Select(first.findElement(By.cssSelector(".wf-a-value"))).selectByVisibleText("5 very high");
    browser.find("#wf-add-action").click();
    WebElement tag = last("#wf-actions .wf-action");
    new Select(tag.findElement(By.cssSelector(".wf-action-type"))).selectByVisibleText("Add tag");
    tag.findElement(By.cssSelector(".wf-a-value")).sendKeys("fire");

    browser.type("#wf-dry-ticket", ticket(tried).getString("tn"));
    browser.find("#wf-dry-run").click();
    browser.text("#wf-dry-verdict", "It would change");
    browser.text("#wf-dry-changes", "3 normal → 5 very high");
    assertFalse(browser.find("#wf-dry-changes").getText().contains("3 → 5"), "the priority is shown once, by name");
    browser.text("#wf-dry-changes", "fire");
    browser.script("document.querySelector('#wf-actions').scrollIntoView()");
    browser.screenshot("admin-workflow-form");
    assertEquals("3 normal", ticket(tried).getString("priority"), "the dry run changed nothing");
    assertEquals(0L, server.scalar("SELECT count(*) FROM workflows"), "the dry run saved nothing");

    browser.find("#admin-save").click();
    browser.text("#admin-rows", "Urgent printers");
    browser.text("#admin-rows", "Ticket created");
    JsonObject saved = server.send(HttpMethod.GET, "/api/v1/workflows", admin, null).bodyAsJsonObject()
        .getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(item -> "Urgent printers".equals(item.getString("name"))).findFirst().orElseThrow();
    assertEquals(new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("field", "title").put("op", "contains").put("value", "URGENT"))
            .add(new JsonObject().put("field", "queue").put("op", "eq").put("value", "Printers"))),
        saved.getJsonObject("conditions"));
    assertEquals(new JsonArray().add(new JsonObject().put("type", "set_priority").put("value", "5 very high"))
        .add(new JsonObject().put("type", "add_tag").put("value", "fire")), saved.getJsonArray("actions"));

    long next = fixtures.ticket(agent, queue, "URGENT: paper jam", "again").getLong("id");
    long calm = fixtures.ticket(agent, queue, "toner low", "whenever").getLong("id");
    Await.until(Duration.ofSeconds(15), () -> "5 very high".equals(ticket(next).getString("priority")),
        () -> "the saved workflow ran: " + ticket(next).encode());
    assertTrue(ticket(next).getJsonArray("tags").contains("fire"));
    assertEquals("3 normal", ticket(calm).getString("priority"), "a ticket the conditions exclude is left alone");

    var audit = server.send(HttpMethod.GET, "/api/v1/audit-log?action=workflow.create", admin, null);
    assertTrue(audit.bodyAsString().contains("Urgent printers"), audit.bodyAsString());
  }

  @Test
  @Order(2)
  @DisplayName("a saved workflow opens in the form as it was built, an 'any' group nested in it, and fits a phone")
  void editNestedOnAPhone() {
    var created = server.send(HttpMethod.POST, "/api/v1/workflows", admin, new JsonObject().put("name", "Escalate VIPs")
        .put("trigger_type", "event").put("trigger_config", new JsonObject().put("events", new JsonArray().add("ticket.updated")))
        .put("conditions", new JsonObject().put("all", new JsonArray()
            .add(new JsonObject().put("field", "state").put("op", "changed_to").put("value", "open"))
            .add(new JsonObject().put("any", new JsonArray()
                .add(new JsonObject().put("field", "tags").put("op", "contains").put("value", "vip"))
                .add(new JsonObject().put("field", "priority").put("op", "in")
                    .put("value", new JsonArray().add("4 high").add("5 very high")))))))
        .put("actions", new JsonArray().add(new JsonObject().put("type", "add_note").put("body", "VIP reopened"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    String id = created.bodyAsJsonObject().getString("id");
    JsonObject before = created.bodyAsJsonObject();

    browser.forgetSessions();
    browser.go("/admin/#/workflows");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.text("#admin-rows", "Escalate VIPs");
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains("Escalate VIPs")).findFirst()
        .orElseThrow().findElement(By.cssSelector("button")).click();
    browser.visible("#wf-conditions .wf-group");
    assertEquals("any", new Select(browser.find("#wf-conditions .wf-group .wf-mode"))
        .getFirstSelectedOption().getAttribute("value"));
    assertEquals("VIP reopened", browser.find(".wf-a-body").getAttribute("value"));
    browser.size(390, 844);
    @SuppressWarnings("unchecked")
    List<Number> widths = (List<Number>) browser.script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    assertTrue(widths.get(0).intValue() <= widths.get(1).intValue(), "no wider than the phone: " + widths);
    browser.script("document.querySelector('#wf-conditions').scrollIntoView()");
    browser.screenshot("admin-workflow-form-phone");
    browser.size(1400, 900);

    browser.type("#f-name", "Escalate VIPs again");
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "Escalate VIPs again");
    JsonObject after = server.send(HttpMethod.GET, "/api/v1/workflows/" + id, admin, null).bodyAsJsonObject();
    assertEquals(before.getJsonObject("conditions"), after.getJsonObject("conditions"), "the form keeps what it shows");
    assertEquals(before.getJsonArray("actions"), after.getJsonArray("actions"));
    assertEquals(before.getJsonObject("trigger_config"), after.getJsonObject("trigger_config"));
  }
}
