package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
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

/** The admin area as a browser shows it: who may see it, the resources beyond the lookups, and phone width. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AdminResourcesTest {

  /** Every page of the admin navigation, by the key in its address. */
  static final List<String> PAGES = List.of("queues", "intake", "templates", "salutations", "signatures",
      "system-addresses", "states", "priorities", "types", "services", "slas", "custom-fields", "users", "groups",
      "roles", "customer-companies", "customer-users", "workflows", "api-keys");

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
}
