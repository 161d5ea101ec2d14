package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.TimeoutException;

/** Proactive chat invitations: the rule made on the admin page, and the visitor's widget that shows it once a day. */
@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatInvitationBrowserTest {

  private static final String GREETING = "Hello! Can we help you with anything?";
  private static final String WIDGET = "document.querySelector('#gotrs-chat')?.shadowRoot";

  private final TestServer server;
  private final String admin;
  private Browser browser;

  ChatInvitationBrowserTest(TestServer server, @Admin String admin) {
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

  /** Whether the widget shows the invitation's greeting now. */
  private boolean invited() {
    return Boolean.TRUE.equals(browser.script("const root = " + WIDGET + ";"
        + " const invite = root && root.querySelector('.invite');"
        + " return !!invite && !invite.hidden && !root.querySelector('.panel').hidden"
        + " && invite.querySelector('.greeting').textContent === arguments[0];", GREETING));
  }

  private void awaitInvitation() {
    browser.waiting(Duration.ofSeconds(10)).until(d -> invited());
  }

  /** The page is loaded afresh and the widget has had its rule's second, and more, to show the invitation. */
  private void notInvitedAfterReload() {
    browser.driver().navigate().refresh();
    browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.script("return !!" + WIDGET + ";")));
    assertThrows(TimeoutException.class, () -> browser.waiting(Duration.ofSeconds(3)).until(d -> invited()),
        "the visitor said no thanks today");
  }

  @Test
  @DisplayName("an administrator invites visitors of the portal chat page after a second; a visitor who says no thanks is not asked again for a day")
  void inviteOncePerDay() {
    browser.go("/admin/#/chat-invitations");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#admin-new").click();
    browser.visible("#f-name");
    browser.screenshot("admin-chat-invitation-form");
    browser.type("#f-name", "Portal chat");
    browser.type("#f-url_pattern", "*/portal/chat*");
    browser.type("#f-seconds_on_page", "1");
    browser.type("#f-greeting", GREETING);
    // no agent is online in this test: the rule invites anyway
    browser.find("#f-only_when_agent_free").click();
    browser.find("#admin-save").click();
    browser.text("#admin-rows", "*/portal/chat*");
    browser.screenshot("admin-chat-invitations");
    var rules = server.send(HttpMethod.GET, "/api/v1/admin/chat-invitations", admin, null).bodyAsJsonObject()
        .getJsonArray("items");
    JsonObject rule = rules.getJsonObject(0);
    assertEquals(1, rule.getInteger("seconds_on_page"));
    assertTrue(rule.getBoolean("active"), "a new rule is active");
    assertEquals(Boolean.FALSE, rule.getBoolean("only_when_agent_free"));

    browser.go("/portal/chat.html");
    awaitInvitation();
    assertEquals("Start chat", browser.script("return " + WIDGET + ".querySelector('.invite .yes').textContent;"));
    browser.screenshot("chat-invitation");
    browser.script("return " + WIDGET + ".querySelector('.invite .no').click();");
    assertEquals(Boolean.TRUE, browser.script("return " + WIDGET + ".querySelector('.panel').hidden;"),
        "no thanks closes the widget");

    notInvitedAfterReload();

    // a day later the visitor is asked again
    browser.script("Object.keys(localStorage).filter((k) => k.startsWith('gotrs-chat-invitation-dismissed:'))"
        + ".forEach((k) => localStorage.setItem(k, String(Date.now() - 25 * 3600 * 1000)));");
    browser.driver().navigate().refresh();
    awaitInvitation();
    browser.script("return " + WIDGET + ".querySelector('.invite .yes').click();");
    assertEquals(Boolean.FALSE, browser.script("return " + WIDGET + ".querySelector('form').hidden;"),
        "start chat shows the form to start it");
  }
}
