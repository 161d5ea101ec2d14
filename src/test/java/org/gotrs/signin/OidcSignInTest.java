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
import java.security.MessageDigest;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.IdentityProvider;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Sign-in through a real OpenID Connect provider on loopback, followed redirect by redirect as a browser would. */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInTest {

  private final IdentityProvider provider = new IdentityProvider();
  private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
  private TestServer server;

  @BeforeAll
  void start() {
    JsonObject corp = provider.config("corp", provider.issuer("corp"), "agents")
        .put("auto_provision", true).put("role_claim", "groups")
        .put("roles", new JsonObject().put("support", "1st Level Support"));
    JsonObject strict = provider.config("strict", provider.issuer("strict"), "agents").put("auto_provision", false);
    JsonObject forged = provider.config("forged", provider.forgingIssuer("forged"), "agents")
        .put("auto_provision", true);
    JsonObject mfa = provider.config("mfa", provider.issuer("mfa"), "agents").put("mfa_satisfies_totp", true);
    JsonObject clients = provider.config("clients", provider.issuer("clients"), "customers")
        .put("auto_provision", true).put("company_claim", "org");
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("oidc", new JsonArray(List.of(corp, strict, forged, mfa, clients)))));
    new Fixtures(server).newRole(server.loginAdmin(), "1st Level Support");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    provider.close();
  }

  private HttpResponse<String> get(String url) {
    try {
      return browser.send(HttpRequest.newBuilder(URI.create(url)).GET().build(), HttpResponse.BodyHandlers.ofString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private String location(HttpResponse<String> response) {
    assertEquals(302, response.statusCode(), response.body());
    return response.headers().firstValue("Location").orElseThrow();
  }

  private String start(String name) {
    return location(get("http://localhost:" + server.port() + "/auth/oidc/" + name + "/start"));
  }

  /** Start → provider → callback; the page address the browser ends on. */
  private String signIn(String name) {
    String atProvider = start(name);
    String callback = location(get(atProvider));
    return location(get(callback));
  }

  private static Map<String, String> query(String url) {
    Map<String, String> out = new LinkedHashMap<>();
    String query = URI.create(url).getRawQuery();
    for (String pair : query.split("&")) {
      String[] kv = pair.split("=", 2);
      out.put(kv[0], URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
    }
    return out;
  }

  private io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> exchange(String page) {
    String code = page.substring(page.indexOf("#signin=") + "#signin=".length());
    return server.send(HttpMethod.POST, "/api/v1/auth/oidc/exchange", null, new JsonObject().put("code", code));
  }

  @Test
  @DisplayName("an agent signs in through the provider, gets the same tokens as a password login and a role from a claim")
  void agentSignsIn() {
    provider.nextSignIn("corp", "olga-subject", Map.of("preferred_username", "olga", "email", "olga@corp.example",
        "given_name", "Olga", "family_name", "Sand", "groups", List.of("support", "elsewhere")));
    String page = signIn("corp");
    assertTrue(page.startsWith("http://localhost:" + server.port() + "/#signin="), page);
    var tokens = exchange(page);
    assertEquals(200, tokens.statusCode(), tokens.bodyAsString());
    JsonObject pair = tokens.bodyAsJsonObject();
    assertEquals("Bearer", pair.getString("token_type"));
    JsonObject me = server.send(HttpMethod.GET, "/api/v1/auth/me", pair.getString("access_token"), null)
        .bodyAsJsonObject();
    assertEquals("olga", me.getString("login"));
    assertEquals("agent", me.getString("kind"));
    assertEquals(200, server.send(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", pair.getString("refresh_token"))).statusCode());
    assertEquals(List.of(Map.of("name", "1st Level Support")), server.sql("""
        SELECT r.name FROM role_user ru JOIN roles r ON r.id = ru.role_id JOIN users u ON u.id = ru.user_id
         WHERE u.login = 'olga'"""));
    assertEquals("oidc:corp", server.scalar("""
        SELECT new_values->>'source' FROM audit_log WHERE action = 'auth.login' AND result = 'success'
           AND new_values->>'login' = 'olga'"""));
    assertEquals(401, exchange(page).statusCode(), "a sign-in code works once");
  }

  @Test
  @DisplayName("a customer user signs in through the customers' provider and lands on the portal")
  void customerSignsIn() {
    provider.nextSignIn("clients", "maria-subject", Map.of("preferred_username", "maria-oidc",
        "email", "maria@client.example"));
    String page = signIn("clients");
    assertTrue(page.startsWith("http://localhost:" + server.port() + "/portal/#signin="), page);
    JsonObject pair = exchange(page).bodyAsJsonObject();
    assertEquals("customer", server.send(HttpMethod.GET, "/api/v1/auth/me", pair.getString("access_token"), null)
        .bodyAsJsonObject().getString("kind"));
  }

  @Test
  @DisplayName("the authorization request carries an S256 code challenge, and a wrong verifier gets no tokens")
  void pkceIsEnforced() throws Exception {
    provider.nextSignIn("corp", "pia-subject", Map.of("preferred_username", "pia"));
    String atProvider = start("corp");
    Map<String, String> request = query(atProvider);
    assertEquals("S256", request.get("code_challenge_method"));
    String verifier = (String) server.scalar("SELECT code_verifier FROM oidc_sign_ins WHERE state = ?",
        request.get("state"));
    String challenge = Base64.getUrlEncoder().withoutPadding().encodeToString(
        MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
    assertEquals(challenge, request.get("code_challenge"));

    server.sql("UPDATE oidc_sign_ins SET code_verifier = ? WHERE state = ?", "x".repeat(60), request.get("state"));
    String page = location(get(location(get(atProvider))));
    assertTrue(page.contains("#signin_error="), page);
    assertEquals(0L, server.scalar("SELECT count(*) FROM users WHERE login = 'pia'"));
  }

  @Test
  @DisplayName("an ID token changed on its way from the provider is refused")
  void tamperedIdTokenIsRefused() {
    provider.nextSignIn("forged", "mallory-subject", Map.of("preferred_username", "mallory"));
    String page = signIn("forged");
    assertTrue(page.contains("#signin_error="), page);
    assertTrue(URLDecoder.decode(page, StandardCharsets.UTF_8).contains("not valid"), page);
    assertEquals(0L, server.scalar("SELECT count(*) FROM sign_in_handoffs"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.login' "
        + "AND result = 'failure' AND new_values->>'source' = 'oidc:forged'"));
  }

  @Test
  @DisplayName("a provider naming root@localhost does not sign in as the administrator")
  void administratorIsNeverExternal() {
    provider.nextSignIn("corp", "root-subject", Map.of("preferred_username", TestServer.ADMIN_LOGIN));
    assertTrue(signIn("corp").contains("#signin_error="));
    assertEquals(0L, server.scalar("SELECT count(*) FROM external_accounts"
        + " WHERE user_id = (SELECT id FROM users WHERE login = 'root@localhost')"));
  }

  @Test
  @DisplayName("a callback with a state this server never sent is refused")
  void unknownStateIsRefused() {
    String page = location(get("http://localhost:" + server.port() + "/auth/oidc/corp/callback?code=abc&state=made-up"));
    assertTrue(page.contains("#signin_error="), page);
  }

  @Test
  @DisplayName("without auto-provisioning a login GOTRS does not know is refused; an existing agent signs in")
  void noProvisioningWithoutAutoProvision() {
    provider.nextSignIn("strict", "stranger-subject", Map.of("preferred_username", "stranger"));
    assertTrue(signIn("strict").contains("#signin_error="));
    assertEquals(0L, server.scalar("SELECT count(*) FROM users WHERE login = 'stranger'"));
    new Fixtures(server).agent("known-kai", "kai-pass", null);
    provider.nextSignIn("strict", "kai-subject", Map.of("preferred_username", "known-kai"));
    assertEquals(200, exchange(signIn("strict")).statusCode());
  }

  @Test
  @DisplayName("an agent with a one-time code signs in through a provider only when it asserts MFA and is trusted to")
  void providerMfaStandsInForTotp() {
    new Fixtures(server).agent("tina", "tina-pass", null);
    server.sql("UPDATE users SET mfa_enabled = true WHERE login = 'tina'");
    provider.nextSignIn("mfa", "tina-subject", Map.of("preferred_username", "tina", "amr", List.of("pwd")));
    assertTrue(signIn("mfa").contains("#signin_error="), "a password alone at the provider is not enough");
    provider.nextSignIn("corp", "tina-subject", Map.of("preferred_username", "tina", "amr", List.of("pwd", "mfa")));
    assertTrue(signIn("corp").contains("#signin_error="), "a provider not trusted with MFA does not stand in");
    provider.nextSignIn("mfa", "tina-subject", Map.of("preferred_username", "tina", "amr", List.of("pwd", "mfa")));
    assertEquals(200, exchange(signIn("mfa")).statusCode());
  }

  @Test
  @DisplayName("an agent locked after failed password logins does not get in through a provider either, and it is audited with its source")
  void lockedAgentIsRefused() {
    new Fixtures(server).agent("lena", "lena-pass", null);
    server.sql("UPDATE users SET locked_until = now() + interval '10 minutes' WHERE login = 'lena'");
    provider.nextSignIn("corp", "lena-subject", Map.of("preferred_username", "lena"));
    String page = signIn("corp");
    assertTrue(URLDecoder.decode(page, StandardCharsets.UTF_8).contains("locked"), page);
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'auth.login' AND result = 'failure'"
        + " AND new_values->>'source' = 'oidc:corp' AND error_message LIKE '%locked%'"));
  }

  @Test
  @DisplayName("a customer's company comes from the claim the provider is configured with")
  void companyFromClaim() {
    provider.nextSignIn("clients", "carl-subject", Map.of("preferred_username", "carl-oidc",
        "email", "carl@client.example", "org", "Northwind"));
    assertEquals(200, exchange(signIn("clients")).statusCode());
    assertEquals("Northwind", server.scalar("SELECT customer_id FROM customer_user WHERE login = 'carl-oidc'"));
  }

  @Test
  @DisplayName("each sign-in page lists its providers' buttons; an unknown provider is a 404")
  void providersAreListed() {
    JsonArray agents = server.send(HttpMethod.GET, "/api/v1/auth/providers?for=agents", null, null)
        .bodyAsJsonObject().getJsonArray("items");
    assertEquals(4, agents.size());
    assertEquals("/auth/oidc/corp/start", agents.getJsonObject(0).getString("start"));
    assertEquals(1, server.send(HttpMethod.GET, "/api/v1/auth/providers?for=customers", null, null)
        .bodyAsJsonObject().getJsonArray("items").size());
    assertEquals(422, server.send(HttpMethod.GET, "/api/v1/auth/providers?for=robots", null, null).statusCode());
    assertEquals(404, get("http://localhost:" + server.port() + "/auth/oidc/nobody/start").statusCode());
  }
}
