package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
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
import org.openqa.selenium.support.ui.Select;

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
    directory.person("dora", "dora-ldap-pass", "Dora", "Lind", "dora@example.com");
    directory.group("support", "anna", "dora");
    JsonObject corp = directory.config("corp", "agents", "ldaps")
        .put("group_roles", new JsonObject().put("support", "1st Level Support"))
        .put("user_filter", "(&(objectClass=inetOrgPerson)(uid={login})(!(uid=dora)))");
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray().add(corp))
        .put("oidc", new JsonArray().add(provider.config("sso", provider.issuer("sso"), "agents")))));
    browser = Browser.open(server.port());
    new org.gotrs.testing.Fixtures(server).newRole(server.loginAdmin(), "1st Level Support");
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
    browser.forgetSessions();
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

  @Test
  @DisplayName("an administrator adds a directory in the form, tests it unsaved, saves it, and an agent signs in through it; then removes it")
  void directoryAddedTestedSavedAndRemoved() {
    JsonObject form = directory.config("ignored", "agents", "starttls");
    browser.forgetSessions();
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-signin").click();
    browser.visible("#signin-add-ldap").click();
    browser.type("#signin-ldap-new-name", "office");
    browser.type("#signin-ldap-new-url", form.getString("url"));
    browser.find("#signin-ldap-new-start_tls").click();
    browser.type("#signin-ldap-new-trust_store", form.getString("trust_store"));
    browser.type("#signin-ldap-new-trust_store_password", form.getString("trust_store_password"));
    browser.type("#signin-ldap-new-bind_dn", DirectoryServer.SERVICE_DN);
    browser.type("#signin-ldap-new-bind_password", DirectoryServer.SERVICE_PASSWORD);
    browser.type("#signin-ldap-new-base_dn", "ou=people," + DirectoryServer.BASE);
    browser.type("#signin-ldap-new-user_filter", "(uid={login}");
    browser.type("#signin-ldap-new-attributes", "login = uid\nemail = mail\nfirst_name = givenName\nlast_name = sn");
    browser.type("#signin-ldap-new-group_base_dn", "ou=groups," + DirectoryServer.BASE);
    new Select(browser.find("#signin-ldap-new-group_member_attribute")).selectByValue("memberUid");
    browser.type("#signin-ldap-new-group_roles", "support = 1st Level Support");

    browser.type("#signin-ldap-new-test-login", "dora");
    browser.expectFailedRequest("/api/v1/admin/sign-in/ldap/office/test", 422);
    browser.find("#signin-ldap-new-test").click();
    browser.text("#signin-ldap-new-user_filter-error", "no LDAP filter");
    browser.type("#signin-ldap-new-user_filter", "(uid={login})");
    browser.find("#signin-ldap-new-test").click();
    browser.text("#signin-ldap-new-result", "dora@example.com", Duration.ofSeconds(20));
    assertEquals(0L, server.scalar("SELECT count(*) FROM sign_in_backend"), "a test saves nothing");
    browser.size(1366, 2600);
    browser.screenshot("admin-sign-in-new-directory");
    browser.size(1366, 768);

    browser.find("#signin-ldap-new-save").click();
    browser.visible("#signin-ldap-office-edit", Duration.ofSeconds(20));
    browser.text("#signin-ldap-office", "bind_password_set");
    assertTrue(!browser.find("#signin-ldap-office").getText().contains(DirectoryServer.SERVICE_PASSWORD));
    assertEquals(200, server.send(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("login", "dora")
        .put("password", "dora-ldap-pass")).statusCode(), "the new directory signs in at once");
    assertEquals("ldap:office", server.scalar("SELECT e.source FROM external_accounts e JOIN users u"
        + " ON u.id = e.user_id WHERE u.login = 'dora'"));

    browser.find("#signin-ldap-office-edit").click();
    browser.visible("#signin-ldap-office-bind_password");
    assertEquals("", browser.find("#signin-ldap-office-bind_password").getAttribute("value"), "no secret reaches the page");
    browser.type("#signin-ldap-office-timeout_millis", "3000");
    browser.screenshot("admin-sign-in-edit-directory");
    browser.find("#signin-ldap-office-save").click();
    browser.text("#signin-ldap-office", "3000", Duration.ofSeconds(20));
    assertEquals(200, server.send(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("login", "dora")
        .put("password", "dora-ldap-pass")).statusCode(), "the kept bind password still binds");

    browser.find("#signin-ldap-office-edit").click();
    browser.visible("#signin-ldap-office-delete").click();
    browser.driver().switchTo().alert().accept();
    browser.waiting(Duration.ofSeconds(20)).until(d -> browser.all("#signin-ldap-office").isEmpty());
    assertEquals(0L, server.scalar("SELECT count(*) FROM sign_in_backend"));
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }

  @Test
  @DisplayName("an administrator adds an identity provider in the form and its discovery is tested before saving")
  void providerAddedAndTested() {
    browser.forgetSessions();
    browser.go("/admin/");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.visible("#nav-signin").click();
    browser.visible("#signin-add-oidc").click();
    browser.type("#signin-oidc-new-name", "clients");
    browser.type("#signin-oidc-new-label", "Client ID");
    new Select(browser.find("#signin-oidc-new-for")).selectByValue("customers");
    browser.type("#signin-oidc-new-issuer", provider.issuer("clients"));
    browser.type("#signin-oidc-new-client_id", IdentityProvider.CLIENT_ID);
    browser.type("#signin-oidc-new-client_secret", "client-secret");
    browser.type("#signin-oidc-new-company_claim", "org");
    browser.find("#signin-oidc-new-auto_provision").click();
    browser.find("#signin-oidc-new-test").click();
    browser.text("#signin-oidc-new-result", "/auth/oidc/clients/callback", Duration.ofSeconds(20));
    browser.find("#signin-oidc-new-save").click();
    browser.visible("#signin-oidc-clients-edit", Duration.ofSeconds(20));
    browser.text("#signin-oidc-clients", "client_secret_set");
    browser.size(1366, 1400);
    browser.screenshot("admin-sign-in-provider");
    browser.size(1366, 768);
    assertEquals("org", server.scalar("SELECT settings->>'company_claim' FROM sign_in_backend WHERE name = 'clients'"));
    assertEquals("Client ID", server.send(HttpMethod.GET, "/api/v1/auth/providers?for=customers", null, null)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("label"));
    assertTrue(browser.consoleErrors().isEmpty(), browser.consoleErrors().toString());
  }
}
