package org.gotrs.account;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Self-registration is off unless configured: its routes are not there. */
@GotrsServer
class RegistrationOffTest {

  @Test
  @DisplayName("with portal.self_registration off, the portal is told so; signing up and confirming answer 404")
  void offByDefault(TestServer server) {
    var asked = server.send(HttpMethod.GET, "/api/v1/auth/customer/register", null, null);
    assertEquals(200, asked.statusCode());
    assertEquals(false, asked.bodyAsJsonObject().getBoolean("enabled"));
    assertEquals(404, server.send(HttpMethod.POST, "/api/v1/auth/customer/register", null, new JsonObject()
        .put("email", "x@visitor.example").put("first_name", "X").put("last_name", "Y").put("password", "long-enough-1"))
        .statusCode());
    assertEquals(404, server.send(HttpMethod.POST, "/api/v1/auth/customer/register/confirm", null,
        new JsonObject().put("token", "abc")).statusCode());
    assertEquals(0L, server.scalar("SELECT count(*) FROM customer_registration"));
  }
}
