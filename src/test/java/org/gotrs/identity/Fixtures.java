package org.gotrs.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import org.gotrs.testing.TestServer;

/** Things the identity tests create through the API, as an administrator would. */
final class Fixtures {

  static final String PASSWORD = "agent-pass-123";

  private Fixtures() {}

  /** A server whose login rate limit does not get in the way of tests that log in often. */
  static TestServer server() {
    return TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10_000)));
  }

  static JsonObject agent(TestServer server, String admin, String login) {
    return created(server.send(HttpMethod.POST, "/api/v1/users", admin, new JsonObject()
        .put("login", login).put("email", login + "@example.com").put("password", PASSWORD)
        .put("first_name", "Test").put("last_name", "Agent")));
  }

  static JsonObject group(TestServer server, String admin, String name) {
    return created(server.send(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("name", name)));
  }

  static JsonObject role(TestServer server, String admin, String name) {
    return created(server.send(HttpMethod.POST, "/api/v1/roles", admin, new JsonObject().put("name", name)));
  }

  static JsonObject company(TestServer server, String admin, String customerId) {
    return created(server.send(HttpMethod.POST, "/api/v1/customer-companies", admin,
        new JsonObject().put("customer_id", customerId).put("name", customerId + " Ltd")));
  }

  static JsonObject customerUser(TestServer server, String admin, String login, String customerId) {
    return created(server.send(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", login).put("email", login + "@customer.example").put("customer_id", customerId)
        .put("password", PASSWORD)));
  }

  static HttpResponse<Buffer> customerLogin(TestServer server, String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  static HttpResponse<Buffer> agentLogin(TestServer server, String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  static JsonObject permissions(String... keys) {
    JsonArray array = new JsonArray();
    for (String key : keys) {
      array.add(key);
    }
    return new JsonObject().put("permissions", array);
  }

  /** A queue in the group, made straight in the database (queues are another feature's API). */
  static int queue(TestServer server, int groupId, String name) {
    return ((Number) server.scalar("INSERT INTO queue (name, group_id) VALUES (?, ?) RETURNING id", name, groupId))
        .intValue();
  }

  static long count(TestServer server, String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  /** Every field of every audit row as one text, to search for secrets. */
  static String allAuditText(TestServer server) {
    return String.valueOf(server.scalar("""
        SELECT string_agg(coalesce(action, '') || coalesce(object_id, '') || coalesce(old_values::text, '')
               || coalesce(new_values::text, '') || coalesce(error_message, '') || coalesce(metadata::text, ''), ' ')
          FROM audit_log"""));
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
