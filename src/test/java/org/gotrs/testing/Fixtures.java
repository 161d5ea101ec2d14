package org.gotrs.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.gotrs.auth.PasswordHasher;

/**
 * Test data: written straight to the database for tests about something else than creating it, or made through
 * the administration API ({@code new...}) for the tests of that administration.
 */
public final class Fixtures {

  /** The password of the accounts made through the API. */
  public static final String PASSWORD = "agent-pass-123";

  private static final PasswordHasher HASHER = new PasswordHasher();

  private final TestServer server;
  /** Hashing is slow on purpose; accounts given the same password here may share its hash. */
  private final Map<String, String> hashes = new ConcurrentHashMap<>();

  public Fixtures(TestServer server) {
    this.server = server;
  }

  public int group(String name) {
    return ((Number) server.scalar("INSERT INTO groups (name) VALUES (?) RETURNING id", name)).intValue();
  }

  public int queue(String name, int groupId) {
    return ((Number) server.scalar("INSERT INTO queue (name, group_id, follow_up_id) VALUES (?, ?, 1) RETURNING id",
        name, groupId)).intValue();
  }

  /** Lets customers choose the queue for their new tickets ({@code GET /api/v1/portal/queues}). */
  public void offerToCustomers(int queueId) {
    server.sql("UPDATE queue SET customer_selectable = true WHERE id = ?", queueId);
  }

  /** An agent with the given keys on one group (none when {@code groupId} is null). */
  public UUID agent(String login, String password, Integer groupId, String... keys) {
    UUID id = (UUID) server.scalar(
        "INSERT INTO users (login, email, password_hash, first_name, last_name) VALUES (?, ?, ?, 'Test', ?) RETURNING id",
        login, login + "@example.com", hashOf(password), login);
    for (String key : keys) {
      grant(id, groupId, key);
    }
    return id;
  }

  public void grant(UUID user, int groupId, String key) {
    server.sql("INSERT INTO group_user (user_id, group_id, permission_key, permission_value) VALUES (?, ?, ?, 1)",
        user, groupId, key);
  }

  public void company(String customerId) {
    server.sql("INSERT INTO customer_company (customer_id, name) VALUES (?, ?)", customerId, customerId + " Inc.");
  }

  public UUID customer(String login, String password, String customerId) {
    return (UUID) server.scalar("""
        INSERT INTO customer_user (login, email, customer_id, password_hash, first_name, last_name)
        VALUES (?, ?, ?, ?, 'Cus', 'Tomer') RETURNING id""", login, login + "@customer.example", customerId,
        hashOf(password));
  }

  public String customerLogin(String login, String password) {
    var response = customerLoginAttempt(login, password);
    if (response.statusCode() != 200) {
      throw new AssertionError("customer login failed: " + response.bodyAsString());
    }
    return response.bodyAsJsonObject().getString("access_token");
  }

  /** Creates a ticket through the API and returns its JSON (fails the test unless 201). */
  public JsonObject ticket(String token, int queueId, String title, String body) {
    HttpResponse<Buffer> response = server.send(HttpMethod.POST, "/api/v1/tickets", token, new JsonObject()
        .put("title", title).put("queue_id", queueId)
        .put("article", new JsonObject().put("subject", title).put("body", body)));
    if (response.statusCode() != 201) {
      throw new AssertionError("ticket create failed: " + response.statusCode() + " " + response.bodyAsString());
    }
    return response.bodyAsJsonObject();
  }

  private String hashOf(String password) {
    return hashes.computeIfAbsent(password, HASHER::hash);
  }

  /** The response to an agent's login, whatever it is. */
  public HttpResponse<Buffer> loginAttempt(String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  /** The response to a customer's login, whatever it is. */
  public HttpResponse<Buffer> customerLoginAttempt(String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/customer/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  public long count(String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  public JsonObject newAgent(String admin, String login) {
    return created(server.send(HttpMethod.POST, "/api/v1/users", admin, new JsonObject()
        .put("login", login).put("email", login + "@example.com").put("password", PASSWORD)
        .put("first_name", "Test").put("last_name", "Agent")));
  }

  public JsonObject newGroup(String admin, String name) {
    return created(server.send(HttpMethod.POST, "/api/v1/groups", admin, new JsonObject().put("name", name)));
  }

  public JsonObject newRole(String admin, String name) {
    return created(server.send(HttpMethod.POST, "/api/v1/roles", admin, new JsonObject().put("name", name)));
  }

  public JsonObject newCompany(String admin, String customerId) {
    return created(server.send(HttpMethod.POST, "/api/v1/customer-companies", admin,
        new JsonObject().put("customer_id", customerId).put("name", customerId + " Ltd")));
  }

  public JsonObject newCustomerUser(String admin, String login, String customerId) {
    return created(server.send(HttpMethod.POST, "/api/v1/customer-users", admin, new JsonObject()
        .put("login", login).put("email", login + "@customer.example").put("customer_id", customerId)
        .put("password", PASSWORD)));
  }

  /** The body of a permission grant ({@code PUT .../groups/{id}}). */
  public static JsonObject permissions(String... keys) {
    return new JsonObject().put("permissions", new JsonArray(List.of((Object[]) keys)));
  }

  private static JsonObject created(HttpResponse<Buffer> response) {
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }
}
