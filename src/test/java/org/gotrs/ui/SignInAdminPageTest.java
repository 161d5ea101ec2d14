package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gotrs.testing.DirectoryServer;
import org.gotrs.testing.IdentityProvider;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The admin page of the sign-in backends: a directory's test login and a provider's discovery, in Chromium. */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInAdminPageTest {

  private final DirectoryServer directory = new DirectoryServer();
  private final IdentityProvider provider = new IdentityProvider();
  private TestServer server;
  private Browser browser;

  @BeforeAll
  void start() {
    Browser.assumeInstalled();
    directory.person("anna", "anna-ldap-pass", "Anna", "Berg", "anna@example.com");
    directory.group("support", "anna");
    JsonObject corp = directory.config("corp", "agents", "ldaps")
        .put("group_roles", new JsonObject().put("support", "1st Level Support"));
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray().add(corp))
        .put("oidc", new JsonArray().add(provider.config("sso", provider.issuer("sso"), "agents")))));
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
    directory.close();
  }

  @Test
  @DisplayName("an administrator tests a login against the directory and the provider's discovery, and sees what would sync")
  void testButtonsShowWhatWouldSync() {
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-signin").click();
    browser.visible("#signin-ldap-corp");
    browser.type("#signin-ldap-corp-login", "anna");
    browser.type("#signin-ldap-corp-password", "anna-ldap-pass");
    browser.find("#signin-ldap-corp-test").click();
    browser.text("#signin-ldap-corp-result", "1st Level Support", Duration.ofSeconds(20));
    assertTrue(browser.find("#signin-ldap-corp-result").getText().contains("anna@example.com"));
    browser.find("#signin-oidc-sso-test").click();
    browser.text("#signin-oidc-sso-result", "/auth/oidc/sso/callback", Duration.ofSeconds(20));
    browser.screenshot("admin-sign-in");
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }
}
