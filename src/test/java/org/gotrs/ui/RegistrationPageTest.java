package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.account.ResetMail;
import org.gotrs.testing.Await;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Where self-registration is on, a visitor creates an account from the portal's sign-in page. */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationPageTest {

  private static final Pattern LINK = Pattern.compile("http\\S+(/portal/#/verify/[A-Za-z0-9_-]+)");

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
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0))
        .put("portal", new JsonObject().put("self_registration", true).put("registrations_per_address_per_hour", 100)
            .put("registrations_per_email_per_hour", 10)));
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
  @DisplayName("sign up from the sign-in page, open the mailed link, then sign in to the new account")
  void signUp() {
    browser.forgetSessions();
    browser.go("/portal/");
    browser.visible("#login-register");
    browser.find("#login-register").click();
    browser.type("#register-first", "Hedy");
    browser.type("#register-last", "Lamarr");
    browser.type("#register-email", "hedy@visitor.example");
    browser.type("#register-password", "frequency-hopping");
    browser.type("#register-repeat", "frequency-hopping");
    browser.screenshot("portal-register-form");
    browser.find("#register-submit").click();
    browser.text("#register-sent", "hedy@visitor.example");

    Await.until(Duration.ofSeconds(20), () -> !ResetMail.to(smtp, "hedy@visitor.example").isEmpty(),
        () -> "the confirmation mail reaches hedy");
    Matcher link = LINK.matcher(ResetMail.text(ResetMail.to(smtp, "hedy@visitor.example").get(0)));
    assertEquals(true, link.find());
    browser.go(link.group(1));
    browser.text("#register-done", "hedy@visitor.example");
    browser.screenshot("portal-register-done");
    browser.find("#register-sign-in").click();
    browser.signIn("hedy@visitor.example", "frequency-hopping");
    browser.text("#me", "hedy@visitor.example");
    assertEquals(List.of(), browser.consoleErrors());
  }
}
