package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.escalation.RebuildEscalationsCommand;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
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
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/** A team lead assigns, an agent closes several tickets at once, deadlines count down, a number finds its ticket. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughputConsoleTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private Browser browser;
  private int queue;
  private UUID annaId;
  private String anna;
  private final List<JsonObject> tickets = new ArrayList<>();
  private long overdue;

  ThroughputConsoleTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("support");
    queue = fixtures.queue("Support", group);
    fixtures.agent("henrik", "henrik-password", group, "ro", "owner");
    annaId = fixtures.agent("anna", "anna-password", group, "rw");
    fixtures.agent("ben", "ben-password", group, "ro");
    anna = server.login("anna", "anna-password");
    var sla = api.post("/slas", admin, new JsonObject().put("name", "Four hours").put("first_response_time", 240)
        .put("first_response_notify", 75));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    int slaId = sla.bodyAsJsonObject().getInteger("id");
    for (int i = 1; i <= 6; i++) {
      var created = api.post("/tickets", anna, new JsonObject().put("title", "Laptop " + i + " will not boot")
          .put("queue_id", queue).put("sla_id", slaId).put("article", new JsonObject().put("body", "no lights")
              .put("article_type", "phone").put("article_sender_type_id", 3)));
      assertEquals(201, created.statusCode(), created.bodyAsString());
      tickets.add(created.bodyAsJsonObject());
    }
    // One ticket as an import leaves it, from last week: its deadline is computed, past, without alerts.
    overdue = tickets.get(0).getLong("id");
    server.sql("""
        UPDATE ticket SET create_time = create_time - interval '7 days', escalation_time = 0,
               escalation_response_time = 0, escalation_update_time = 0, escalation_solution_time = 0 WHERE id = ?""",
        overdue);
    server.sql("DELETE FROM escalation_alert WHERE ticket_id = ?", overdue);
    server.sql("UPDATE article SET create_time = create_time - interval '7 days' WHERE ticket_id = ?", overdue);
    server.sql("UPDATE ticket_history SET create_time = create_time - interval '7 days' WHERE ticket_id = ?", overdue);
    assertEquals(0, RebuildEscalationsCommand.run(server.app().config(), List.of(),
        new PrintStream(new ByteArrayOutputStream()), System.err));
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

  private void signInAs(String login, String password) {
    browser.forgetSessions();
    browser.go("/");
    browser.signIn(login, password);
    browser.visible("#queue-tree a[data-queue='" + queue + "']");
  }

  @Test
  @Order(1)
  @DisplayName("a team lead assigns a ticket to an agent of the queue from the ticket view")
  void leadAssigns() {
    signInAs("henrik", "henrik-password");
    long id = tickets.get(5).getLong("id");
    browser.go("/#/ticket/" + id);
    browser.waiting(WAIT).until(driver -> browser.find("#prop-owner").isEnabled());
    Select owner = new Select(browser.find("#prop-owner"));
    List<String> offered = owner.getOptions().stream().map(WebElement::getText).toList();
    assertTrue(offered.stream().anyMatch(text -> text.contains("(anna)")), offered.toString());
    assertTrue(offered.stream().noneMatch(text -> text.contains("(ben)")), "ro cannot own: " + offered);
    owner.selectByValue(annaId.toString());
    browser.screenshot("throughput-assign");
    browser.find("#save-properties").click();
    Await.until(WAIT, () -> annaId.equals(server.scalar("SELECT user_id FROM ticket WHERE id = ?", id)),
        () -> "the ticket was not assigned to anna");
    browser.waiting(WAIT).until(driver -> browser.find("#prop-owner").isEnabled()
        && annaId.toString().equals(new Select(browser.find("#prop-owner")).getFirstSelectedOption().getAttribute("value")));
  }

  @Test
  @Order(2)
  @DisplayName("the list shows each ticket's age and its next deadline, red when breached")
  void countdown() {
    signInAs("anna", "anna-password");
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr[data-id='" + overdue + "'] td.deadline.breached");
    String late = browser.find("#ticket-rows tr[data-id='" + overdue + "'] td.deadline").getText();
    assertTrue(late.contains("overdue"), late);
    String ahead = browser.find("#ticket-rows tr[data-id='" + tickets.get(4).getLong("id") + "'] td.deadline").getText();
    assertTrue(ahead.startsWith("in "), ahead);
    String age = browser.find("#ticket-rows tr[data-id='" + overdue + "'] td.age").getText();
    assertTrue(age.startsWith("7d"), age);
    browser.screenshot("throughput-countdown");
  }

  @Test
  @Order(3)
  @DisplayName("an agent ticks a range of tickets with shift-click and closes them in one bulk action")
  void bulkClose() {
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr td.pick input");
    List<WebElement> boxes = browser.all("#ticket-rows tr td.pick input");
    boxes.get(0).click();
    new Actions(browser.driver()).keyDown(Keys.SHIFT).click(boxes.get(3)).keyUp(Keys.SHIFT).perform();
    browser.text("#bulk-count", "4 selected");
    List<Long> chosen = browser.all("#ticket-rows tr.picked").stream()
        .map(row -> Long.parseLong(row.getAttribute("data-id"))).toList();
    assertEquals(4, chosen.size());
    new Select(browser.find("#bulk-state")).selectByVisibleText("closed successful");
    browser.type("#bulk-note", "Fixed by the firmware update.");
    browser.screenshot("throughput-bulk-bar");
    browser.find("#bulk-apply").click();
    browser.visible("#bulk-results li.ok");
    assertEquals(4, browser.all("#bulk-results li.ok").size());
    List<String> named = browser.all("#bulk-results li.ok a").stream().map(WebElement::getText).toList();
    assertTrue(named.stream().allMatch(text -> text.matches("[0-9]{10,}")), "results name the ticket numbers: " + named);
    for (long id : chosen) {
      Await.until(WAIT, () -> "closed successful".equals(server.scalar(
          "SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id WHERE t.id = ?", id)),
          () -> "ticket " + id + " was not closed");
    }
    browser.waiting(WAIT).until(driver -> browser.all("#ticket-rows tr").size() == tickets.size() - 4);
    browser.screenshot("throughput-bulk-done");
  }

  @Test
  @Order(4)
  @DisplayName("searching a ticket number finds the ticket")
  void searchByNumber() {
    JsonObject wanted = tickets.get(2);
    browser.type("#search-input", wanted.getString("tn"));
    browser.find("#search-input").sendKeys(Keys.ENTER);
    browser.text("#search-results li.result a", "#" + wanted.getString("tn") + " " + wanted.getString("title"), WAIT);
    browser.screenshot("throughput-search-tn");
  }

  @Test
  @Order(5)
  @DisplayName("searching a customer user's login finds their tickets")
  void searchByCustomerLogin() {
    fixtures.company("jones-co");
    fixtures.customer("maria.jones", "maria-password", "jones-co");
    var created = api.post("/tickets", anna, new JsonObject().put("title", "Printer jams on every page")
        .put("queue_id", queue).put("customer_user", "maria.jones").put("article", new JsonObject()
            .put("body", "paper everywhere").put("article_type", "phone").put("article_sender_type_id", 3)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject wanted = created.bodyAsJsonObject();
    browser.type("#search-input", "maria.jones");
    browser.find("#search-input").sendKeys(Keys.ENTER);
    browser.text("#search-results li.result a", "#" + wanted.getString("tn") + " " + wanted.getString("title"), WAIT);
    browser.screenshot("throughput-search-customer");
  }
}
