package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import org.gotrs.account.ResetMail;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** A customer who forgot their password gets back in from the portal, then keeps their profile there. */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PasswordResetPageTest {

  private final int smtpPort = TestServer.freePort();
  private GreenMail smtp;
  private TestServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    Browser.assumeInstalled();
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 1000))
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", smtpPort).put("tls", false))
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0)));
    Fixtures fixtures = new Fixtures(server);
    fixtures.company("acme");
    fixtures.customer("dora", "dora-old-password", "acme");
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
    if (server != null) {
      server.close();
    }
    if (smtp != null) {
      smtp.stop();
    }
  }

  @Test
  @Order(1)
  @DisplayName("forgot password: ask for a link, open it from the mail, set a new password and sign in with it")
  void resetFlow() {
    browser.forgetSessions();
    browser.go("/portal/");
    browser.visible("#login-forgot");
    browser.screenshot("portal-sign-in-forgot-link");
    browser.find("#login-forgot").click();
    browser.type("#forgot-email", "dora@customer.example");
    browser.screenshot("portal-forgot-form");
    browser.find("#forgot-submit").click();
    browser.text("#forgot-sent", "dora@customer.example");
    browser.screenshot("portal-forgot-sent");

    String link = ResetMail.link(smtp, "dora@customer.example", 1);
    browser.go(link.substring(link.indexOf("/portal/")));
    browser.type("#reset-password", "dora-new-password");
    browser.type("#reset-repeat", "dora-other-password");
    browser.find("#reset-submit").click();
    browser.text("#reset-error", "differ");
    browser.type("#reset-repeat", "dora-new-password");
    browser.screenshot("portal-reset-form");
    browser.find("#reset-submit").click();
    browser.visible("#reset-done");
    browser.screenshot("portal-reset-done");

    browser.find("#reset-sign-in").click();
    browser.signIn("dora", "dora-new-password");
    browser.visible("#portal-profile");
    browser.text("#me", "dora");
    assertEquals(List.of(), browser.consoleErrors());
  }

  @Test
  @Order(2)
  @DisplayName("the profile page changes the phone number and refuses a wrong current password")
  void profilePage() {
    browser.find("#portal-profile").click();
    browser.visible("#profile-form");
    browser.text("#profile-email", "dora@customer.example");
    browser.type("#profile-phone", "+49 30 555 0100");
    browser.find("#profile-save").click();
    Await.until(Duration.ofSeconds(10), () -> "+49 30 555 0100".equals(
        server.scalar("SELECT phone FROM customer_user WHERE login = 'dora'")), () -> "the phone number is saved");

    browser.expectFailedRequest("/api/v1/me/password", 422);
    browser.type("#profile-current", "not-my-password");
    browser.type("#profile-new", "dora-third-password");
    browser.type("#profile-repeat", "dora-third-password");
    browser.find("#password-save").click();
    browser.text("#password-form .form-error", "wrong");
    browser.screenshot("portal-profile");
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }
}
