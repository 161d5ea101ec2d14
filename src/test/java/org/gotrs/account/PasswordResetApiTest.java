package org.gotrs.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.time.Duration;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A customer who forgot their password gets a single-use link by e-mail and sets a new one with it. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PasswordResetApiTest {

  private static final String RESET = "/api/v1/auth/customer/password-reset";
  private static final String CONFIRM = "/api/v1/auth/customer/password-reset/confirm";

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
        .put("portal", new JsonObject().put("password_resets_per_address_per_hour", 1000)
            .put("password_resets_per_email_per_hour", 3)));
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

  private HttpResponse<Buffer> request(String email) {
    return server.send(HttpMethod.POST, RESET, null, new JsonObject().put("email", email));
  }

  private HttpResponse<Buffer> confirm(String token, String password) {
    return server.send(HttpMethod.POST, CONFIRM, null, new JsonObject().put("token", token).put("password", password));
  }

  private String tokenFor(String login) {
    assertEquals(202, request(login + "@customer.example").statusCode());
    return ResetMail.token(ResetMail.link(smtp, login + "@customer.example", 1));
  }

  @Test
  @DisplayName("an address on file and one that is not get the same 202, and only the first gets mail")
  void sameAnswerEitherWay() {
    fixtures.customer("kim", "kim-password", "acme");
    var known = request("kim@customer.example");
    var unknown = request("nobody@customer.example");
    assertEquals(202, known.statusCode());
    assertEquals(202, unknown.statusCode());
    assertEquals(known.bodyAsString(), unknown.bodyAsString());
    String link = ResetMail.link(smtp, "kim@customer.example", 1);
    assertTrue(link.startsWith("http://localhost:" + server.port() + "/portal/#/reset/"), link);
    Await.until(Duration.ofSeconds(10), () -> (Long) server.scalar(
            "SELECT count(*) FROM audit_log WHERE action = 'auth.password_reset.request' AND result = 'failure'") > 0,
        () -> "the request for an unknown address is audited");
    assertEquals(0, ResetMail.to(smtp, "nobody@customer.example").size());
    assertEquals(0L, server.scalar("SELECT count(*) FROM mail_queue WHERE to_address = 'nobody@customer.example'"));
    assertEquals(64, ((String) server.scalar("""
        SELECT r.token_hash FROM customer_password_reset r JOIN customer_user c ON c.id = r.customer_user_id
         WHERE c.login = 'kim'""")).length(), "only the token's hash is kept");
  }

  @Test
  @DisplayName("the link sets a new password once: the old one and the used link stop working")
  void tokenWorksOnce() {
    fixtures.customer("lea", "lea-password", "acme");
    String token = tokenFor("lea");
    assertEquals(204, confirm(token, "lea-new-password").statusCode());
    assertEquals(200, fixtures.customerLoginAttempt("lea", "lea-new-password").statusCode());
    assertEquals(401, fixtures.customerLoginAttempt("lea", "lea-password").statusCode());

    var again = confirm(token, "yet-another-password");
    assertEquals(422, again.statusCode());
    assertTrue(again.getHeader("Content-Type").startsWith("application/problem+json"));
    assertEquals(200, fixtures.customerLoginAttempt("lea", "lea-new-password").statusCode(), "nothing changed");
    assertEquals(1L, server.scalar("""
        SELECT count(*) FROM audit_log WHERE action = 'auth.password_reset' AND result = 'success'
           AND object_id = (SELECT id::text FROM customer_user WHERE login = 'lea')"""));
  }

  @Test
  @DisplayName("an expired link is refused and changes nothing")
  void expiredTokenRefused() {
    fixtures.customer("max", "max-password", "acme");
    String token = tokenFor("max");
    server.sql("""
        UPDATE customer_password_reset SET expires_time = (now() AT TIME ZONE 'UTC') - interval '1 minute'
         WHERE customer_user_id = (SELECT id FROM customer_user WHERE login = 'max')""");
    assertEquals(422, confirm(token, "max-new-password").statusCode());
    assertEquals(200, fixtures.customerLoginAttempt("max", "max-password").statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM customer_password_reset WHERE used_time IS NOT NULL"
        + " AND customer_user_id = (SELECT id FROM customer_user WHERE login = 'max')"));
  }

  @Test
  @DisplayName("an unknown token, a short password and a missing e-mail are 4xx problems")
  void badInput() {
    assertEquals(422, confirm("not-a-token", "long-enough-password").statusCode());
    var shortPassword = confirm("whatever", "short");
    assertEquals(422, shortPassword.statusCode());
    assertEquals("password", shortPassword.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(422, server.send(HttpMethod.POST, RESET, null, new JsonObject()).statusCode());
    assertEquals(422, request("not an address").statusCode());
    assertEquals(400, server.send(HttpMethod.POST, RESET, null, Buffer.buffer("{nope")).statusCode());
  }

  @Test
  @DisplayName("a reset ends every session of the customer: their refresh token stops working")
  void resetEndsSessions() {
    fixtures.customer("noa", "noa-password", "acme");
    JsonObject signedIn = fixtures.customerLoginAttempt("noa", "noa-password").bodyAsJsonObject();
    String access = signedIn.getString("access_token");
    assertEquals(200, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
    String token = tokenFor("noa");
    assertEquals(204, confirm(token, "noa-new-password").statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
    assertEquals(401, server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", signedIn.getString("refresh_token"))).statusCode());
  }

  @Test
  @DisplayName("a newer link replaces the older one")
  void newerLinkReplacesOlder() {
    fixtures.customer("ola", "ola-password", "acme");
    String first = tokenFor("ola");
    assertEquals(202, request("OLA@customer.example").statusCode());
    String second = ResetMail.token(ResetMail.link(smtp, "ola@customer.example", 2));
    assertEquals(422, confirm(first, "ola-new-password").statusCode());
    assertEquals(204, confirm(second, "ola-new-password").statusCode());
  }

  @Test
  @DisplayName("more requests for one e-mail address than the hourly limit are answered 429")
  void perEmailLimit() {
    for (int i = 0; i < 3; i++) {
      assertEquals(202, request("limit@customer.example").statusCode());
    }
    var over = request("Limit@customer.example");
    assertEquals(429, over.statusCode());
    assertTrue(over.getHeader("Content-Type").startsWith("application/problem+json"));
    assertNotNull(over.getHeader("Retry-After"));
    assertEquals(202, request("other@customer.example").statusCode(), "another address is not held back");
  }

  @Test
  @DisplayName("more requests from one network address than the hourly limit are answered 429")
  void perAddressLimit() {
    try (TestServer limited = TestServer.start(new JsonObject().put("portal", new JsonObject()
        .put("password_resets_per_address_per_hour", 2).put("password_resets_per_email_per_hour", 100)))) {
      for (int i = 0; i < 2; i++) {
        assertEquals(202, limited.send(HttpMethod.POST, RESET, null,
            new JsonObject().put("email", "a" + i + "@customer.example")).statusCode());
      }
      assertEquals(429, limited.send(HttpMethod.POST, RESET, null,
          new JsonObject().put("email", "b@customer.example")).statusCode());
    }
  }
}
