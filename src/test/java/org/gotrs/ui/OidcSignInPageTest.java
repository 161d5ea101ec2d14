package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.IdentityProvider;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The sign-in pages' provider buttons, clicked in Chromium: through the provider and back, signed in. */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OidcSignInPageTest {

  private final IdentityProvider provider = new IdentityProvider();
  private TestServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    Browser.assumeInstalled();
    JsonObject corp = provider.config("corp", provider.issuer("corp"), "agents").put("auto_provision", true)
        .put("role_claim", "groups").put("roles", new JsonObject().put("support", "1st Level Support"));
    JsonObject clients = provider.config("clients", provider.issuer("clients"), "customers")
        .put("label", "Client ID").put("auto_provision", true).put("company_claim", "org");
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("oidc", new JsonArray(List.of(corp, clients)))));
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
    provider.close();
  }

  @Test
  @DisplayName("an agent clicks the provider's button on the console's sign-in page and arrives signed in")
  void agentSignsInWithTheProvider() {
    provider.nextSignIn("corp", "olga-subject", Map.of("preferred_username", "olga", "email", "olga@corp.example",
        "groups", List.of("support")));
    browser.forgetSessions();
    browser.go("/");
    browser.visible("#login-provider-corp").getText();
    assertEquals("Sign in with Corp SSO", browser.find("#login-provider-corp").getText());
    browser.screenshot("oidc-agent-sign-in");
    browser.find("#login-provider-corp").click();
    browser.text("#me", "olga", Duration.ofSeconds(20));
    assertTrue(!browser.driver().getCurrentUrl().contains("signin="), "the one-time code leaves the address");
    assertNotNull(browser.script("return localStorage.getItem('gotrs.agent')"));
    browser.screenshot("oidc-agent-signed-in");

    browser.find("#logout").click();
    browser.visible("#login-provider-corp", Duration.ofSeconds(20));
    assertTrue(browser.driver().getCurrentUrl().startsWith("http://localhost:" + server.port() + "/"),
        "the provider's logout sends the browser back: " + browser.driver().getCurrentUrl());
    assertEquals(0L, server.scalar("SELECT count(*) FROM sessions s JOIN users u ON u.id = s.user_id "
        + "WHERE u.login = 'olga'"));
  }

  @Test
  @DisplayName("a customer clicks the provider's button on the portal's sign-in page and arrives signed in, in the company its claim names")
  void customerSignsInWithTheProvider() {
    provider.nextSignIn("clients", "maria-subject", Map.of("preferred_username", "maria-sso",
        "email", "maria@client.example", "org", "Contoso"));
    browser.forgetSessions();
    browser.go("/portal/");
    browser.visible("#login-provider-clients").click();
    browser.waiting(Duration.ofSeconds(20)).until(driver -> browser.script(
        "return localStorage.getItem('gotrs.customer')") != null && browser.all("#login-name").isEmpty());
    browser.screenshot("oidc-customer-signed-in");
    assertEquals("Contoso", server.scalar("SELECT customer_id FROM customer_user WHERE login = 'maria-sso'"));
    assertEquals("oidc:clients", server.scalar("SELECT new_values->>'source' FROM audit_log WHERE action = 'auth.login'"
        + " AND result = 'success' AND object_type = 'customer_user'"));
  }

  @Test
  @DisplayName("a refused sign-in comes back to the sign-in page saying why")
  void refusalIsShown() {
    browser.forgetSessions();
    browser.go("/auth/oidc/corp/callback?code=made-up&state=made-up");
    browser.text("#login-error", "failed", Duration.ofSeconds(20));
    browser.screenshot("oidc-refused");
  }
}
