package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/** Lock and unlock, view counts that move with an escalation, deadlines at risk, the advanced search as a view. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThroughputSightTest {

  private static final Duration WAIT = Duration.ofSeconds(10);

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private final String admin;
  private Browser browser;
  private int queue;
  private String lena;
  private long mine;
  private long risky;
  private long unowned;

  ThroughputSightTest(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("sight");
    queue = fixtures.queue("Sight desk", group);
    fixtures.agent("lena", "lena-password", group, "rw");
    lena = server.login("lena", "lena-password");
    var sla = api.post("/slas", admin, new JsonObject().put("name", "Two hours").put("first_response_time", 120)
        .put("first_response_notify", 50));
    assertEquals(201, sla.statusCode(), sla.bodyAsString());
    int slaId = sla.bodyAsJsonObject().getInteger("id");
    mine = create("Router keeps rebooting", slaId);
    risky = create("Invoice PDF is empty", slaId);
    unowned = create("Nobody took me yet", slaId);
    assertEquals(200, api.patch("/tickets/" + mine, lena, new JsonObject().put("ticket_lock_id", 2)).statusCode());
    assertEquals(200, api.patch("/tickets/" + risky, lena, new JsonObject().put("ticket_lock_id", 2)).statusCode());
    // an hour and a half of the two hours has passed for one ticket: past the 50% warning, before the deadline
    server.sql("UPDATE escalation_alert SET due_at = due_at - 90 * 60 WHERE ticket_id = ? AND level = 'warning'", risky);
    browser = Browser.open(server.port());
    browser.go("/");
    browser.signIn("lena", "lena-password");
    browser.visible("#queue-tree a[data-queue='" + queue + "']");
  }

  private long create(String title, int slaId) {
    var created = api.post("/tickets", lena, new JsonObject().put("title", title).put("queue_id", queue)
        .put("sla_id", slaId).put("article", new JsonObject().put("subject", title).put("body", "help")
            .put("article_type", "phone").put("article_sender_type_id", 3)));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
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
  @DisplayName("the owner unlocks and locks a ticket from the ticket view")
  void lockAndUnlock() {
    browser.go("/#/ticket/" + mine);
    browser.visible("#unlock-ticket");
    browser.visible("#lock-state");
    browser.screenshot("sight-locked");
    // the risky ticket's escalation warning toast may cover the properties
    browser.script("document.querySelectorAll('.toast').forEach((toast) => toast.remove());");
    browser.find("#unlock-ticket").click();
    Await.until(WAIT, () -> lockOf(mine) == 1, () -> "the ticket stayed locked");
    // the view is drawn again after the save and again with the live update: click the button that stays
    browser.waiting(WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .ignoring(org.openqa.selenium.ElementClickInterceptedException.class).until(d -> {
      browser.script("document.querySelectorAll('.toast').forEach((toast) => toast.remove());");
      browser.find("#lock-ticket").click();
      return true;
    });
    Await.until(WAIT, () -> lockOf(mine) == 2, () -> "the ticket was not locked");
    browser.visible("#unlock-ticket");
  }

  private int lockOf(long id) {
    return ((Number) server.scalar("SELECT ticket_lock_id FROM ticket WHERE id = ?", id)).intValue();
  }

  @Test
  @Order(2)
  @DisplayName("the list shows the first response due and an at-risk deadline in amber")
  void atRiskInAmber() {
    browser.go("/#/queue/" + queue);
    browser.visible("#ticket-rows tr[data-id='" + risky + "'] td.deadline.at-risk");
    browser.visible("th[data-column='first_response']");
    String due = browser.find("#ticket-rows tr[data-id='" + risky + "'] td.first-response").getText();
    assertTrue(due.startsWith("in "), due);
    assertFalse(browser.find("#ticket-rows tr[data-id='" + unowned + "'] td.deadline").getAttribute("class")
        .contains("at-risk"), "a ticket with time left is not at risk");
    browser.screenshot("sight-at-risk");
  }

  @Test
  @Order(3)
  @DisplayName("a view of my escalated open tickets counts the escalation within a second, pushed")
  void viewCountFollowsEscalation() {
    var view = api.post("/views", lena, new JsonObject().put("name", "My open, escalated").put("filters",
        new JsonObject().put("owner_id", "me").put("state_type", "new,open,pending").put("escalated", "true")));
    assertEquals(201, view.statusCode(), view.bodyAsString());
    long viewId = view.bodyAsJsonObject().getLong("id");
    browser.go("/");
    browser.visible("#queue-tree a[data-queue='" + queue + "']");
    browser.visible(".live-status.live-live");
    String badge = "#saved-views [data-view-count='" + viewId + "']";
    browser.text(badge, "0");
    browser.script("""
        const badge = document.querySelector(arguments[0]);
        new MutationObserver(() => { if (badge.textContent === '1' && !window.escalatedSeenAt) window.escalatedSeenAt = Date.now(); })
          .observe(badge, { childList: true, characterData: true, subtree: true });""", badge);
    long due = Instant.now().getEpochSecond() + 3;
    server.sql("UPDATE ticket SET escalation_time = ?, escalation_response_time = ? WHERE id = ?", due, due, risky);
    server.sql("UPDATE escalation_alert SET due_at = ?, deadline = ? WHERE ticket_id = ? AND kind = 'response' "
        + "AND level = 'breached'", due, due, risky);
    server.sql("DELETE FROM escalation_alert WHERE ticket_id = ? AND level = 'warning'", risky);
    // any ticket event sets the escalation timer for the new deadline
    assertEquals(201, api.post("/tickets/" + unowned + "/articles", lena, new JsonObject().put("subject", "note")
        .put("body", "looking")).statusCode());

    browser.text(badge, "1", Duration.ofSeconds(10));
    long seenAt = ((Number) browser.script("return window.escalatedSeenAt;")).longValue();
    assertTrue(seenAt - due * 1000 <= 1000, "counted " + (seenAt - due * 1000) + " ms after the deadline");
    browser.screenshot("sight-view-escalated");
  }

  @Test
  @Order(4)
  @DisplayName("the advanced search finds unowned tickets of a queue and is saved as a view with chosen columns")
  void advancedSearchSavedAsView() {
    browser.go("/#/find");
    browser.visible("#advanced-search");
    new Select(browser.find("#find-queue")).selectByValue(String.valueOf(queue));
    new Select(browser.find("#find-owner")).selectByValue("none");
    browser.find("#find-submit").click();
    browser.waiting(WAIT).until(d -> browser.all("#ticket-rows tr").size() == 1);
    assertEquals(String.valueOf(unowned), browser.find("#ticket-rows tr").getAttribute("data-id"));
    browser.screenshot("sight-advanced-search");

    browser.find("#save-view").click();
    browser.type("#view-name", "Unowned at the desk");
    browser.find("#view-col-customer").click();
    browser.find("#view-col-changed").click();
    browser.screenshot("sight-save-view");
    browser.find("#save-view-submit").click();
    browser.text("#saved-views a", "Unowned at the desk");
    JsonArray views = api.get("/views", lena).bodyAsJsonObject().getJsonArray("items");
    JsonObject saved = views.stream().map(JsonObject.class::cast)
        .filter(v -> "Unowned at the desk".equals(v.getString("name"))).findFirst().orElseThrow();
    assertEquals("none", saved.getJsonObject("filters").getString("owner_id"));
    assertFalse(saved.getJsonArray("columns").contains("customer"), saved.encode());

    browser.find("#saved-views a[data-view='" + saved.getLong("id") + "']").click();
    browser.waiting(WAIT).until(d -> browser.all("#ticket-rows tr").size() == 1);
    List<String> headers = browser.all("table.tickets th[data-column]").stream()
        .map(th -> th.getAttribute("data-column")).toList();
    assertFalse(headers.contains("customer"), headers.toString());
    assertTrue(headers.contains("deadline"), headers.toString());
  }

  @Test
  @Order(5)
  @DisplayName("ticking the page and choosing all matching closes every ticket of the list, beyond the page")
  void bulkAllMatching() {
    int group = fixtures.group("sight-bulk");
    int bulkQueue = fixtures.queue("Sight bulk", group);
    fixtures.grant((java.util.UUID) server.scalar("SELECT id FROM users WHERE login = 'lena'"), group, "rw");
    for (int i = 0; i < 55; i++) {
      fixtures.ticket(lena, bulkQueue, "Spam wave " + i, "buy now");
    }
    browser.go("/");
    browser.visible("#queue-tree a[data-queue='" + bulkQueue + "']").click();
    browser.waiting(WAIT).until(d -> browser.all("#ticket-rows tr").size() == 50);
    browser.find("#select-all").click();
    browser.visible("#bulk-all-matching").click();
    browser.text("#bulk-count", "All tickets matching this list");
    new Select(browser.find("#bulk-state")).selectByVisibleText("closed successful");
    browser.find("#bulk-apply").click();
    browser.text("#bulk-progress", "55 of 55 done", Duration.ofSeconds(30));
    browser.visible("#bulk-results li.ok");
    assertEquals(55, browser.all("#bulk-results li.ok").size());
    assertEquals(55L, server.scalar("SELECT count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.queue_id = ? AND s.name = 'closed successful'", bulkQueue));
    browser.screenshot("sight-bulk-all-matching");
  }

  @Test
  @Order(6)
  @DisplayName("an agent sets their days out of office and picks a substitute, and the owner select shows both")
  void outOfOffice() {
    fixtures.agent("sven", "sven-password", ((Number) server.scalar("SELECT id FROM groups WHERE name = 'sight'"))
        .intValue(), "rw");
    browser.go("/#/notifications");
    browser.visible("#away-settings");
    java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
    browser.script("document.getElementById('away-start').value = arguments[0];"
        + "document.getElementById('away-end').value = arguments[1];", today.toString(), today.plusDays(5).toString());
    new Select(browser.find("#away-substitute")).selectByValue("sven");
    browser.find("#away-save").click();
    browser.text("#away-status", "Out of office saved.");
    browser.screenshot("sight-out-of-office");
    assertEquals(today.plusDays(5).toString(), server.scalar("SELECT preferences_value FROM user_preferences p "
        + "JOIN users u ON u.id = p.user_id WHERE u.login = 'lena' AND p.preferences_key = 'OutOfOfficeEnd'"));

    browser.go("/#/ticket/" + unowned);
    browser.waiting(WAIT).until(d -> browser.find("#prop-owner").isEnabled());
    List<String> offered = new Select(browser.find("#prop-owner")).getOptions().stream().map(WebElement::getText).toList();
    assertTrue(offered.stream().anyMatch(text -> text.contains("(lena)") && text.contains("out of office until "
        + today.plusDays(5) + ", substitute: sven")), offered.toString());
  }
}
