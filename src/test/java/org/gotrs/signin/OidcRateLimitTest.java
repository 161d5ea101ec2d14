package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.gotrs.testing.IdentityProvider;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The per-address limit of login attempts covers a provider's sign-in as it covers a password login. */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcRateLimitTest {

  private final IdentityProvider provider = new IdentityProvider();
  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 3)
        .put("oidc", new JsonArray().add(provider.config("corp", provider.issuer("corp"), "agents")))));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    provider.close();
  }

  @Test
  @DisplayName("past the limit, starting a provider's sign-in goes back to the page saying so, and the exchange is a 429")
  void providerSignInsAreRateLimited() throws Exception {
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String start = "http://localhost:" + server.port() + "/auth/oidc/corp/start";
    for (int i = 0; i < 3; i++) {
      String location = browser.send(HttpRequest.newBuilder(URI.create(start)).build(),
          HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
      assertTrue(location.startsWith(provider.issuer("corp")), location);
    }
    String refused = browser.send(HttpRequest.newBuilder(URI.create(start)).build(),
        HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
    assertTrue(URLDecoder.decode(refused, StandardCharsets.UTF_8).contains("#signin_error=too many login attempts"),
        refused);
    var exchange = server.send(HttpMethod.POST, "/api/v1/auth/oidc/exchange", null,
        new JsonObject().put("code", "made-up"));
    assertEquals(429, exchange.statusCode(), exchange.bodyAsString());
    assertEquals(429, server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "anyone").put("password", "x")).statusCode(), "one limit for both");
  }
}
