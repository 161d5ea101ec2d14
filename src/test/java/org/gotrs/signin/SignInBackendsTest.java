package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.gotrs.testing.Await;
import org.gotrs.testing.DirectoryServer;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.IdentityProvider;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Directories and identity providers administrators add, change and remove over the API: in force at once, their
 * secrets sealed in the database and never shown, those of the configuration file locked.
 */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignInBackendsTest {

  private final DirectoryServer directory = new DirectoryServer();
  private final IdentityProvider provider = new IdentityProvider();
  private TestServer server;
  private String admin;

  @BeforeAll
  void start() {
    directory.person("anna", "anna-ldap-pass", "Anna", "Berg", "anna@example.com");
    directory.person("bert", "bert-ldap-pass", "Bert", "Lund", "bert@example.com");
    directory.group("support", "anna");
    JsonObject fixed = directory.config("fixed", "customers", "ldaps");
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray().add(fixed))));
    admin = server.loginAdmin();
    new Fixtures(server).newRole(admin, "1st Level Support");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    provider.close();
    directory.close();
  }

  private HttpResponse<Buffer> put(String path, JsonObject body) {
    return server.send(HttpMethod.PUT, "/api/v1/admin/sign-in/" + path, admin, body);
  }

  private JsonObject listed(String kind, String name) {
    return server.send(HttpMethod.GET, "/api/v1/admin/sign-in", admin, null).bodyAsJsonObject().getJsonArray(kind)
        .stream().map(JsonObject.class::cast).filter(one -> name.equals(one.getString("name"))).findFirst()
        .orElse(null);
  }

  private int login(String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password)).statusCode();
  }

  /** A directory's form as the admin page sends it: the test directory's entry without its name. */
  private JsonObject directoryForm(String tls) {
    JsonObject form = directory.config("ignored", "agents", tls)
        .put("group_roles", new JsonObject().put("support", "1st Level Support"));
    form.remove("name");
    return form;
  }

  @Test
  @DisplayName("a directory added over the API signs agents in at once; its passwords are sealed and shown only as set")
  void addedDirectorySignsInWithSealedSecrets() {
    assertEquals(401, login("anna", "anna-ldap-pass"), "no directory knows anna yet");
    var saved = put("ldap/corp", directoryForm("starttls"));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    JsonObject shown = saved.bodyAsJsonObject();
    assertEquals(true, shown.getBoolean("bind_password_set"));
    assertEquals(true, shown.getBoolean("trust_store_password_set"));
    assertFalse(shown.containsKey("bind_password"));
    assertEquals(false, shown.getBoolean("locked"));
    assertEquals("database", shown.getString("source"));
    assertFalse(server.send(HttpMethod.GET, "/api/v1/admin/sign-in", admin, null).bodyAsString()
        .contains(DirectoryServer.SERVICE_PASSWORD));

    assertEquals(200, login("anna", "anna-ldap-pass"));
    assertEquals(List.of(Map.of("name", "1st Level Support")), server.sql("""
        SELECT r.name FROM role_user ru JOIN roles r ON r.id = ru.role_id JOIN users u ON u.id = ru.user_id
         WHERE u.login = 'anna'"""));
    String stored = (String) server.scalar("SELECT settings::text || coalesce(sealed_secrets, '') "
        + "FROM sign_in_backend WHERE kind = 'ldap' AND name = 'corp'");
    assertFalse(stored.contains(DirectoryServer.SERVICE_PASSWORD), stored);
    assertTrue(stored.contains("v1:"), "the secrets are sealed: " + stored);
    String audited = (String) server.scalar("SELECT new_values::text FROM audit_log WHERE action = 'sign_in.create'"
        + " AND object_id = 'ldap:corp'");
    assertTrue(audited.contains("\"bind_password_set\": true"), audited);
    assertFalse(audited.contains(DirectoryServer.SERVICE_PASSWORD), audited);
  }

  @Test
  @DisplayName("a form that leaves the bind password out keeps it; an empty one clears it; removing the directory ends its sign-ins")
  void secretsKeptClearedAndDirectoryRemoved() {
    assertEquals(200, put("ldap/keep", directoryForm("ldaps")).statusCode());
    JsonObject changed = directoryForm("ldaps").put("timeout_millis", 4000);
    changed.remove("bind_password");
    var saved = put("ldap/keep", changed);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertEquals(true, saved.bodyAsJsonObject().getBoolean("bind_password_set"));
    assertEquals(4000, saved.bodyAsJsonObject().getInteger("timeout_millis"));
    assertEquals(200, login("bert", "bert-ldap-pass"));

    assertEquals(false, put("ldap/keep", changed.copy().put("bind_password", "")).bodyAsJsonObject()
        .getBoolean("bind_password_set"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'sign_in.update'"
        + " AND object_id = 'ldap:keep' AND new_values->>'bind_password_set' = 'false'"));

    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/ldap/keep", admin, null).statusCode());
    assertNull(listed("ldap", "keep"));
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/ldap/keep", admin, null).statusCode());
  }

  @Test
  @DisplayName("a directory of the configuration file is shown locked and cannot be changed or removed here")
  void configuredDirectoryIsLocked() {
    JsonObject fixed = listed("ldap", "fixed");
    assertEquals(true, fixed.getBoolean("locked"));
    assertEquals("config", fixed.getString("source"));
    var refused = put("ldap/fixed", directoryForm("ldaps"));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains("configuration file"), refused.bodyAsString());
    assertEquals(422, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/ldap/fixed", admin, null).statusCode());
  }

  @Test
  @DisplayName("a wrong form is one 422 naming each wrong field, and nothing is stored")
  void wrongFieldsAreNamed() {
    var refused = put("ldap/broken", new JsonObject().put("for", "robots").put("url", "http://example.com")
        .put("base_dn", "not a dn").put("user_filter", "(uid=x").put("timeout_millis", 5)
        .put("group_member_attribute", "owner").put("attributes", new JsonObject().put("shoe_size", "x")));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    JsonArray errors = refused.bodyAsJsonObject().getJsonArray("errors");
    List<String> fields = errors.stream().map(JsonObject.class::cast).map(e -> e.getString("field")).toList();
    assertTrue(fields.containsAll(List.of("for", "url", "base_dn", "user_filter", "timeout_millis",
        "group_member_attribute", "attributes")), fields.toString());
    assertEquals(422, put("oidc/broken", new JsonObject().put("for", "agents").put("issuer", "not a url")
        .put("scopes", new JsonArray().add("email"))).statusCode());
    assertEquals(422, put("ldap/Not%20A%20Name", directoryForm("ldaps")).statusCode());
    var unknownRole = put("ldap/broken", directoryForm("ldaps").put("group_roles",
        new JsonObject().put("support", "1st Level Suport")));
    assertEquals(422, unknownRole.statusCode(), unknownRole.bodyAsString());
    assertTrue(unknownRole.bodyAsString().contains("1st Level Suport"), unknownRole.bodyAsString());
    assertEquals(0L, server.scalar("SELECT count(*) FROM sign_in_backend WHERE name = 'broken'"));
    assertEquals(400, server.send(HttpMethod.PUT, "/api/v1/admin/sign-in/ldap/broken", admin, Buffer.buffer("[1]")).statusCode());
  }

  @Test
  @DisplayName("only administrators see or change the sign-in backends")
  void onlyAdministrators() {
    new Fixtures(server).agent("plain", "plain-password", null);
    String agent = server.login("plain", "plain-password");
    assertEquals(403, server.send(HttpMethod.PUT, "/api/v1/admin/sign-in/ldap/mine", agent, directoryForm("ldaps"))
        .statusCode());
    assertEquals(403, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/oidc/mine", agent, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/admin/sign-in", null, null).statusCode());
  }

  @Test
  @DisplayName("the test login tries a form not saved yet, with the saved bind password where the form leaves it out")
  void testLoginOnAnUnsavedForm() {
    var found = server.send(HttpMethod.POST, "/api/v1/admin/sign-in/ldap/draft/test", admin, new JsonObject()
        .put("login", "anna").put("password", "anna-ldap-pass").put("settings", directoryForm("starttls")));
    assertEquals(200, found.statusCode(), found.bodyAsString());
    assertEquals(true, found.bodyAsJsonObject().getBoolean("password_accepted"));
    assertEquals(List.of("1st Level Support"), found.bodyAsJsonObject().getJsonArray("roles").getList());
    assertEquals(0L, server.scalar("SELECT count(*) FROM sign_in_backend WHERE name = 'draft'"));

    assertEquals(200, put("ldap/saved", directoryForm("ldaps")).statusCode());
    JsonObject withoutPassword = directoryForm("ldaps");
    withoutPassword.remove("bind_password");
    var kept = server.send(HttpMethod.POST, "/api/v1/admin/sign-in/ldap/saved/test", admin, new JsonObject()
        .put("login", "bert").put("settings", withoutPassword));
    assertEquals(200, kept.statusCode(), kept.bodyAsString());
    assertEquals(true, kept.bodyAsJsonObject().getBoolean("found"));
    assertEquals(422, server.send(HttpMethod.POST, "/api/v1/admin/sign-in/ldap/draft/test", admin, new JsonObject()
        .put("login", "anna").put("settings", new JsonObject().put("for", "agents"))).statusCode());
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/ldap/saved", admin, null).statusCode());
  }

  @Test
  @DisplayName("a provider added over the API is offered at once; a customer signs in with the company its claim names")
  void addedProviderWithCompanyClaim() throws Exception {
    JsonObject form = provider.config("ignored", provider.issuer("clients"), "customers").put("label", "Client ID")
        .put("auto_provision", true).put("company_claim", "org");
    form.remove("name");
    var saved = put("oidc/clients", form);
    assertEquals(200, saved.statusCode(), saved.bodyAsString());
    assertEquals(true, saved.bodyAsJsonObject().getBoolean("client_secret_set"));
    assertFalse(saved.bodyAsString().contains("client-secret"));
    assertEquals("org", saved.bodyAsJsonObject().getString("company_claim"));
    assertEquals("Client ID", server.send(HttpMethod.GET, "/api/v1/auth/providers?for=customers", null, null)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0).getString("label"));

    var discovered = server.send(HttpMethod.POST, "/api/v1/admin/sign-in/oidc/draft/test", admin,
        new JsonObject().put("settings", form));
    assertEquals(200, discovered.statusCode(), discovered.bodyAsString());
    assertTrue(discovered.bodyAsJsonObject().getString("redirect_uri").endsWith("/auth/oidc/draft/callback"));

    provider.nextSignIn("clients", "cora-subject", Map.of("preferred_username", "cora", "email", "cora@acme.example",
        "org", "ACME"));
    HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    String url = "http://localhost:" + server.port() + "/auth/oidc/clients/start";
    for (int hop = 0; hop < 3; hop++) {
      url = browser.send(HttpRequest.newBuilder(URI.create(url)).build(), java.net.http.HttpResponse.BodyHandlers
          .discarding()).headers().firstValue("Location").orElseThrow();
    }
    assertTrue(url.contains("/portal/#signin="), url);
    assertEquals("ACME", server.scalar("SELECT customer_id FROM customer_user WHERE login = 'cora'"));
    assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/admin/sign-in/oidc/clients", admin, null).statusCode());
    assertEquals(0, server.send(HttpMethod.GET, "/api/v1/auth/providers?for=customers", null, null)
        .bodyAsJsonObject().getJsonArray("items").size());
  }

  @Test
  @DisplayName("a backend another node stored reaches this node through the event log")
  void anotherNodesChangeArrives() {
    server.scalar("""
        WITH stored AS (INSERT INTO sign_in_backend (kind, name, settings)
                        VALUES ('oidc', 'elsewhere', '{"for": "agents", "issuer": "https://idp.example",
                                                      "client_id": "gotrs", "label": "Elsewhere"}')
                        RETURNING 1),
             logged AS (INSERT INTO event_log (seq, name, topics, data)
                        SELECT nextval('event_seq'), 'settings.changed', ARRAY['system'],
                               '{"keys": ["auth.oidc"]}'::jsonb FROM stored RETURNING seq)
        SELECT pg_notify('gotrs_events', seq::text) FROM logged""");
    Await.until(Duration.ofSeconds(10), () -> server.send(HttpMethod.GET, "/api/v1/auth/providers?for=agents", null,
        null).bodyAsString().contains("Elsewhere"), () -> "the node offers the provider another node stored");
    server.sql("DELETE FROM sign_in_backend WHERE name = 'elsewhere'");
  }
}
