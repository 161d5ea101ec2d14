package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Await;
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

/** The Settings and Scheduled jobs pages; the configuration file here fixes the lockout's length. */
@Tag("browser")
@GotrsServer(config = """
    {"auth": {"login_rate_per_minute": 10000, "lockout_minutes": 20}}""")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminSettingsPageTest {

  private final TestServer server;
  private final String admin;
  private Browser browser;

  AdminSettingsPageTest(TestServer server, @Admin String admin) {
    this.server = server;
    this.admin = admin;
  }

  @BeforeAll
  void start() {
    Browser.assumeInstalled();
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

  private JsonObject setting(String key) {
    return server.send(HttpMethod.GET, "/api/v1/settings", admin, null).bodyAsJsonObject().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(item -> key.equals(item.getString("key"))).findFirst().orElseThrow();
  }

  private JsonObject job(String name) {
    return server.send(HttpMethod.GET, "/api/v1/scheduler/jobs", admin, null).bodyAsJsonObject().getJsonArray("items")
        .stream().map(JsonObject.class::cast).filter(item -> name.equals(item.getString("name"))).findFirst().orElseThrow();
  }

  /** At phone width the page is no wider than the screen; a screenshot at each width. */
  private void bothWidths(String name) {
    browser.size(1400, 900);
    browser.screenshot(name);
    browser.size(390, 844);
    @SuppressWarnings("unchecked")
    List<Number> widths = (List<Number>) browser.script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    assertTrue(widths.get(0).intValue() <= widths.get(1).intValue(), name + " fits the phone: " + widths);
    browser.screenshot(name + "-phone");
    browser.size(1400, 900);
  }

  @Test
  @Order(1)
  @DisplayName("an administrator changes settings on the page, sees the configuration file's value locked, and puts one back")
  void settingsPage() {
    browser.forgetSessions();
    browser.go("/admin/#/settings");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#settings-form");
    assertTrue(!browser.find("#setting-auth-lockout_minutes").isEnabled(), "the configuration file's value is locked");
    browser.text("#setting-auth-lockout_minutes-source", "Locked");

    browser.type("#setting-auth-max_failed_logins", "3");
    browser.find("#setting-portal-customers_may_close").click();
    browser.find("#settings-save").click();
    browser.text("#setting-auth-max_failed_logins-source", "Changed by root@localhost");
    assertEquals(3, setting("auth.max_failed_logins").getInteger("value"));
    assertEquals(false, setting("portal.customers_may_close").getBoolean("value"));
    bothWidths("admin-settings");

    browser.expectFailedRequest("/api/v1/settings", 422);
    browser.type("#setting-chat-seats_per_agent", "0");
    browser.find("#settings-save").click();
    browser.text("#setting-chat-seats_per_agent-error", "Must be a whole number from 1 to 50");
    assertEquals(3, setting("chat.seats_per_agent").getInteger("value"), "nothing saved");

    browser.find("#setting-portal-customers_may_close-reset").click();
    Await.until(Duration.ofSeconds(10), () -> "default".equals(setting("portal.customers_may_close").getString("source")),
        () -> "back to the configured value: " + setting("portal.customers_may_close"));
    assertEquals(true, setting("portal.customers_may_close").getBoolean("value"));
  }

  @Test
  @Order(2)
  @DisplayName("the scheduled jobs page shows each job's last and next run, and runs one now")
  void jobsPage() {
    browser.driver().get("about:blank");
    browser.go("/admin/#/jobs");
    browser.text("#admin-rows", "Refresh ticket statistics");
    Await.until(Duration.ofSeconds(15), () -> job("refresh_ticket_statistics").getString("last_outcome") != null,
        () -> "the first run finishes: " + job("refresh_ticket_statistics"));
    long runs = job("refresh_ticket_statistics").getLong("runs");
    browser.find("[data-job=refresh_ticket_statistics] [data-action=run]").click();
    browser.text(".toasts", "Refresh ticket statistics ran");
    assertEquals(runs + 1, job("refresh_ticket_statistics").getLong("runs"));
    browser.text("[data-job=refresh_ticket_statistics] .col-runs", Long.toString(runs + 1));
    bothWidths("admin-jobs");
  }
}
