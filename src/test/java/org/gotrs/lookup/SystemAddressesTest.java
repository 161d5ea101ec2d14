package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** System addresses over HTTP: the addresses queues write from. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemAddressesTest {

  private TestServer server;
  private String admin;
  private String agent;
  private String customer;

  @BeforeAll
  void start() {
    server = TestServer.start();
    Fixtures fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    fixtures.agent("anna", "anna-password", null);
    agent = server.login("anna", "anna-password");
    fixtures.company("acme");
    fixtures.customer("maria", "maria-password", "acme");
    customer = fixtures.customerLogin("maria", "maria-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private long addresses() {
    return (Long) server.scalar("SELECT count(*) FROM system_address");
  }

  @Test
  @DisplayName("an administrator creates, changes and invalidates an address and gives it to a queue; agents read them")
  void crud() {
    var created = send(HttpMethod.POST, "/system-addresses", admin, new JsonObject().put("email", "support@example.com")
        .put("display_name", "Example Support").put("queue_id", 2));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject address = created.bodyAsJsonObject();
    int id = address.getInteger("id");
    assertEquals("support@example.com", server.scalar("SELECT value0 FROM system_address WHERE id = ?", id));
    assertEquals("Example Support", server.scalar("SELECT value1 FROM system_address WHERE id = ?", id));

    var listed = send(HttpMethod.GET, "/system-addresses", agent, null);
    assertEquals(200, listed.statusCode());
    assertEquals(List.of("gotrs@localhost", "support@example.com"), listed.bodyAsJsonObject().getJsonArray("items")
        .stream().map(a -> ((JsonObject) a).getString("email")).toList());

    var renamed = send(HttpMethod.PATCH, "/system-addresses/" + id, admin,
        new JsonObject().put("display_name", "Example Help Desk"));
    assertEquals(200, renamed.statusCode(), renamed.bodyAsString());
    assertEquals("support@example.com", renamed.bodyAsJsonObject().getString("email"));
    assertEquals("Example Help Desk", renamed.bodyAsJsonObject().getString("display_name"));

    var queue = send(HttpMethod.PATCH, "/queues/2", admin, new JsonObject().put("system_address_id", id));
    assertEquals(id, queue.bodyAsJsonObject().getInteger("system_address_id"));

    assertEquals(204, send(HttpMethod.DELETE, "/system-addresses/" + id, admin, null).statusCode());
    assertEquals(2, send(HttpMethod.GET, "/system-addresses/" + id, agent, null).bodyAsJsonObject()
        .getInteger("valid_id"));
    assertEquals(1L, server.scalar(
        "SELECT count(*) FROM audit_log WHERE action = 'system_address.create' AND object_id = ?", String.valueOf(id)));
  }

  @Test
  @DisplayName("agents may not write addresses and customers may not read them; nothing is written")
  void onlyAdministratorsWrite() {
    long before = addresses();
    assertEquals(403, send(HttpMethod.POST, "/system-addresses", agent, new JsonObject().put("email", "a@example.com")
        .put("display_name", "A").put("queue_id", 1)).statusCode());
    assertEquals(403, send(HttpMethod.PATCH, "/system-addresses/1", agent, new JsonObject().put("display_name", "B"))
        .statusCode());
    assertEquals(403, send(HttpMethod.DELETE, "/system-addresses/1", agent, null).statusCode());
    assertEquals(403, send(HttpMethod.GET, "/system-addresses", customer, null).statusCode());
    assertEquals(before, addresses());
    assertEquals("GOTRS System", server.scalar("SELECT value1 FROM system_address WHERE id = 1"));
    assertEquals(1, server.scalar("SELECT valid_id FROM system_address WHERE id = 1"));
  }

  @Test
  @DisplayName("an address that is not one bare e-mail address, a missing name or queue, or a taken address is refused")
  void badInputWritesNothing() {
    long before = addresses();
    for (String email : List.of("Support <support@example.com>", "not an address", "a@example.com, b@example.com")) {
      var refused = send(HttpMethod.POST, "/system-addresses", admin, new JsonObject().put("email", email)
          .put("display_name", "Support").put("queue_id", 1));
      assertEquals(422, refused.statusCode(), email + ": " + refused.bodyAsString());
    }
    var missing = send(HttpMethod.POST, "/system-addresses", admin, new JsonObject().put("email", "x@example.com"));
    assertEquals(422, missing.statusCode());
    assertEquals(List.of("display_name", "queue_id"), missing.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).sorted().toList());
    assertEquals(422, send(HttpMethod.POST, "/system-addresses", admin, new JsonObject().put("email", "x@example.com")
        .put("display_name", "X").put("queue_id", 999_999)).statusCode());
    assertEquals(409, send(HttpMethod.POST, "/system-addresses", admin, new JsonObject().put("email", "gotrs@localhost")
        .put("display_name", "Twice").put("queue_id", 1)).statusCode());
    assertEquals(before, addresses());
  }
}
