package org.gotrs.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A signed-in customer reads and changes their own name, phone and language, and their password. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class CustomerProfileApiTest {

  private final TestServer server;
  private final Fixtures fixtures;
  private final Api api;

  CustomerProfileApiTest(TestServer server, Fixtures fixtures, Api api) {
    this.server = server;
    this.fixtures = fixtures;
    this.api = api;
  }

  private String customer(String login) {
    if ((Long) server.scalar("SELECT count(*) FROM customer_company WHERE customer_id = 'globex'") == 0) {
      fixtures.company("globex");
    }
    fixtures.customer(login, login + "-password", "globex");
    return fixtures.customerLogin(login, login + "-password");
  }

  private static List<String> fields(io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
  }

  @Test
  @DisplayName("a customer reads their profile: login, e-mail, company, name, phone, language")
  void readProfile() {
    String token = customer("petra");
    var response = api.get("/me/profile", token);
    assertEquals(200, response.statusCode());
    JsonObject profile = response.bodyAsJsonObject();
    assertEquals("petra", profile.getString("login"));
    assertEquals("petra@customer.example", profile.getString("email"));
    assertEquals("globex", profile.getString("customer_id"));
    assertEquals("Cus", profile.getString("first_name"));
    assertEquals("en", profile.getString("language"));
    assertTrue(!profile.containsKey("password_hash") && !profile.containsKey("pw"));
  }

  @Test
  @DisplayName("a customer changes their name, phone and language, and the change is audited")
  void updateProfile() {
    String token = customer("quinn");
    var response = api.patch("/me/profile", token, new JsonObject().put("first_name", " Quinn ")
        .put("last_name", "Fabray").put("phone", "+49 30 1234").put("language", "de"));
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertEquals("Quinn", response.bodyAsJsonObject().getString("first_name"));
    JsonObject again = api.get("/me/profile", token).bodyAsJsonObject();
    assertEquals("Fabray", again.getString("last_name"));
    assertEquals("+49 30 1234", again.getString("phone"));
    assertEquals("de", again.getString("language"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'customer_user.update'"
        + " AND object_id = (SELECT id::text FROM customer_user WHERE login = 'quinn')"));
  }

  @Test
  @DisplayName("the e-mail, unknown fields, a blank name and a bad language are 422, and nothing changes")
  void profileValidation() {
    String token = customer("rosa");
    var response = api.patch("/me/profile", token, new JsonObject().put("email", "x@example.com")
        .put("shoe_size", 42).put("first_name", " ").put("language", "klingon"));
    assertEquals(422, response.statusCode());
    assertTrue(fields(response).containsAll(List.of("email", "shoe_size", "first_name", "language")), fields(response).toString());
    assertEquals("rosa@customer.example", api.get("/me/profile", token).bodyAsJsonObject().getString("email"));
    assertEquals(400, api.send(io.vertx.core.http.HttpMethod.PATCH, "/me/profile", token,
        io.vertx.core.buffer.Buffer.buffer("[1")).statusCode());
  }

  @Test
  @DisplayName("an agent has no customer profile here, and nobody unsigned does")
  void agentsAndAnonymousRefused(@Admin String admin) {
    assertEquals(403, api.get("/me/profile", admin).statusCode());
    assertEquals(403, api.post("/me/password", admin, new JsonObject().put("current_password", "whatever")
        .put("new_password", "whatever-else")).statusCode());
    assertEquals(401, api.get("/me/profile", null).statusCode());
  }

  @Test
  @DisplayName("a wrong current password is a 422 and keeps the old password")
  void wrongCurrentPassword() {
    String token = customer("sven");
    var response = api.post("/me/password", token, new JsonObject().put("current_password", "not-it")
        .put("new_password", "sven-new-password"));
    assertEquals(422, response.statusCode());
    assertEquals(List.of("current_password"), fields(response));
    assertEquals(200, fixtures.customerLoginAttempt("sven", "sven-password").statusCode());
  }

  @Test
  @DisplayName("a new password works at once, ends the customer's other sessions and keeps the one it was set in")
  void changePassword() {
    String other = customer("tara");
    String current = fixtures.customerLogin("tara", "tara-password");
    var tooShort = api.post("/me/password", current, new JsonObject().put("current_password", "tara-password")
        .put("new_password", "short"));
    assertEquals(422, tooShort.statusCode());
    assertEquals(List.of("new_password"), fields(tooShort));
    assertEquals(204, api.post("/me/password", current, new JsonObject()
        .put("current_password", "tara-password").put("new_password", "tara-new-password")).statusCode());
    assertEquals(200, api.get("/me/profile", current).statusCode(), "the session it was changed in stays");
    assertEquals(401, api.get("/me/profile", other).statusCode(), "the other session ended");
    assertEquals(401, fixtures.customerLoginAttempt("tara", "tara-password").statusCode());
    assertEquals(200, fixtures.customerLoginAttempt("tara", "tara-new-password").statusCode());
  }
}
