package org.gotrs.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** With {@code portal.self_registration} on, a visitor signs up, confirms the address by mail, then signs in. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistrationApiTest {

  private static final String REGISTER = "/api/v1/auth/customer/register";
  private static final String CONFIRM = "/api/v1/auth/customer/register/confirm";
  private static final Pattern LINK = Pattern.compile("http\\S+/portal/#/verify/([A-Za-z0-9_-]+)");

  private final int smtpPort = TestServer.freePort();
  private GreenMail smtp;
  private TestServer server;
  private Fixtures fixtures;

  @BeforeAll
  void start() {
    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 1000))
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", smtpPort).put("tls", false))
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0))
        .put("portal", new JsonObject().put("self_registration", true).put("registrations_per_address_per_hour", 1000)
            .put("registrations_per_email_per_hour", 3)));
    fixtures = new Fixtures(server);
    fixtures.company("acme");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    smtp.stop();
  }

  private HttpResponse<Buffer> register(String email, String password) {
    return server.send(HttpMethod.POST, REGISTER, null, new JsonObject().put("email", email).put("first_name", "Ada")
        .put("last_name", "Lovelace").put("password", password).put("language", "en"));
  }

  private HttpResponse<Buffer> confirm(String token) {
    return server.send(HttpMethod.POST, CONFIRM, null, new JsonObject().put("token", token));
  }

  /** Waits for the {@code n}th mail to the address and returns its text. */
  private String mail(String address, int n) {
    Await.until(Duration.ofSeconds(20), () -> ResetMail.to(smtp, address).size() >= n,
        () -> "no mail number " + n + " to " + address);
    return ResetMail.text(ResetMail.to(smtp, address).get(n - 1));
  }

  private static String token(String text) {
    Matcher matcher = LINK.matcher(text);
    if (!matcher.find()) {
      throw new AssertionError("no confirmation link in: " + text);
    }
    return matcher.group(1);
  }

  @Test
  @DisplayName("a sign-up mails a confirmation link; the account exists and signs in only once the link is used, once")
  void signUpConfirmSignIn() {
    assertEquals(200, server.send(HttpMethod.GET, REGISTER, null, null).statusCode(), "the portal may offer it");
    assertEquals(202, register("ada@visitor.example", "analytical-engine").statusCode());
    String token = token(mail("ada@visitor.example", 1));
    assertEquals(401, fixtures.customerLoginAttempt("ada@visitor.example", "analytical-engine").statusCode(),
        "no sign-in before the address is confirmed");

    var confirmed = confirm(token);
    assertEquals(201, confirmed.statusCode(), confirmed.bodyAsString());
    assertEquals("ada@visitor.example", confirmed.bodyAsJsonObject().getString("login"));
    String access = fixtures.customerLogin("ada@visitor.example", "analytical-engine");
    JsonObject me = server.send(HttpMethod.GET, "/api/v1/me/profile", access, null).bodyAsJsonObject();
    assertEquals("Ada", me.getString("first_name"));

    var again = confirm(token);
    assertEquals(422, again.statusCode(), "the link works once");
    assertEquals("token", again.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
  }

  @Test
  @DisplayName("an address with an account gets the same 202 and a mail saying so, and no second account")
  void knownAddress() {
    fixtures.customer("bea", "bea-password", "acme");
    var answer = register("bea@customer.example", "another-password");
    var fresh = register("nobody-yet@visitor.example", "another-password");
    assertEquals(202, answer.statusCode());
    assertEquals(fresh.bodyAsString(), answer.bodyAsString());
    String text = mail("bea@customer.example", 1);
    assertTrue(text.contains("already has an account") && !LINK.matcher(text).find(), text);
    assertEquals(1L, server.scalar("SELECT count(*) FROM customer_user WHERE email = 'bea@customer.example'"));
  }

  @Test
  @DisplayName("an expired or unknown token is refused with 422 and creates nobody; expired sign-ups are purged")
  void expiredToken() {
    assertEquals(202, register("late@visitor.example", "too-late-password").statusCode());
    String token = token(mail("late@visitor.example", 1));
    server.sql("UPDATE customer_registration SET expires_time = expires_time - interval '2 days'"
        + " WHERE email = 'late@visitor.example'");
    assertEquals(422, confirm(token).statusCode());
    assertEquals(422, confirm("not-a-token").statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM customer_user WHERE email = 'late@visitor.example'"));
    server.sql("SELECT purge_expired_customer_tokens()");
    assertEquals(0L, server.scalar("SELECT count(*) FROM customer_registration WHERE email = 'late@visitor.example'"));
  }

  @Test
  @DisplayName("a sign-up with the hidden website field filled gets 202 and nothing else; bad input gets 422")
  void honeypotAndValidation() {
    var bot = server.send(HttpMethod.POST, REGISTER, null, new JsonObject().put("email", "bot@visitor.example")
        .put("first_name", "Bot").put("last_name", "Bot").put("password", "bot-password-1").put("website", "spam"));
    assertEquals(202, bot.statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM customer_registration WHERE email = 'bot@visitor.example'"));
    var bad = server.send(HttpMethod.POST, REGISTER, null, new JsonObject().put("email", "not-an-address")
        .put("first_name", " ").put("password", "short"));
    assertEquals(422, bad.statusCode());
    assertEquals(4, bad.bodyAsJsonObject().getJsonArray("errors").size(), bad.bodyAsString());
  }

  @Test
  @DisplayName("sign-ups for one e-mail address are limited per hour (429)")
  void rateLimited() {
    for (int i = 0; i < 3; i++) {
      assertEquals(202, register("eager@visitor.example", "eager-password").statusCode());
    }
    var limited = register("eager@visitor.example", "eager-password");
    assertEquals(429, limited.statusCode());
    assertTrue(limited.getHeader("Retry-After") != null);
  }
}
