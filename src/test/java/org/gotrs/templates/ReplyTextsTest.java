package org.gotrs.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Salutations and signatures over HTTP, and a queue's pair of them rendered around a reply. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyTextsTest {

  private TestServer server;
  private Fixtures fixtures;
  private String admin;
  private String anna;
  private UUID annaId;
  private int group;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 1000)));
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    group = fixtures.group("support");
    annaId = fixtures.agent("anna", "anna-password", group, "rw");
    server.sql("UPDATE users SET first_name = 'Anna', last_name = 'Alvarez' WHERE id = ?", annaId);
    anna = server.login("anna", "anna-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private HttpResponse<Buffer> send(HttpMethod method, String path, String token, Object body) {
    return server.send(method, "/api/v1" + path, token, body);
  }

  private long rows(String table) {
    return (Long) server.scalar("SELECT count(*) FROM " + table);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"salutation", "signature"})
  @DisplayName("an administrator creates, reads, changes and invalidates one; agents read them")
  void crud(String kind) {
    String path = "/" + kind + "s";
    var created = send(HttpMethod.POST, path, admin, new JsonObject().put("name", "Formal " + kind)
        .put("text", "<p>Dear <OTRS_CUSTOMER_REALNAME>,</p>").put("content_type", "text/html"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    int id = created.bodyAsJsonObject().getInteger("id");
    assertEquals("text/html; charset=utf-8", created.bodyAsJsonObject().getString("content_type"));

    var list = send(HttpMethod.GET, path, anna, null);
    assertEquals(200, list.statusCode());
    List<String> names = list.bodyAsJsonObject().getJsonArray("items").stream()
        .map(i -> ((JsonObject) i).getString("name")).toList();
    assertTrue(names.contains("system standard " + kind + " (en)"), "OTRS's default is kept: " + names);
    assertTrue(names.contains("Formal " + kind));

    var changed = send(HttpMethod.PATCH, path + "/" + id, admin, new JsonObject().put("comments", "for VIPs"));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("<p>Dear <OTRS_CUSTOMER_REALNAME>,</p>", changed.bodyAsJsonObject().getString("text"));
    assertEquals("for VIPs", changed.bodyAsJsonObject().getString("comments"));

    assertEquals(204, send(HttpMethod.DELETE, path + "/" + id, admin, null).statusCode());
    assertEquals(2, send(HttpMethod.GET, path + "/" + id, anna, null).bodyAsJsonObject().getInteger("valid_id"));
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = ? AND object_id = ?",
        kind + ".delete", String.valueOf(id)));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"salutation", "signature"})
  @DisplayName("an agent's write is 403 and bad input 422, and neither writes anything")
  void refusedWritesChangeNothing(String kind) {
    String path = "/" + kind + "s";
    long before = rows(kind);
    assertEquals(403, send(HttpMethod.POST, path, anna, new JsonObject().put("name", "Mine").put("text", "Hi"))
        .statusCode());
    assertEquals(403, send(HttpMethod.PATCH, path + "/1", anna, new JsonObject().put("text", "Hi")).statusCode());
    assertEquals(403, send(HttpMethod.DELETE, path + "/1", anna, null).statusCode());
    var bad = send(HttpMethod.POST, path, admin, new JsonObject().put("name", "Bad").put("text", "x".repeat(3001))
        .put("content_type", "image/png").put("valid_id", 7));
    assertEquals(422, bad.statusCode(), bad.bodyAsString());
    assertEquals(List.of("content_type", "text", "valid_id"), bad.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).sorted().toList());
    assertEquals(409, send(HttpMethod.POST, path, admin, new JsonObject()
        .put("name", "system standard " + kind + " (en)").put("text", "again")).statusCode());
    assertEquals(before, rows(kind));
    assertEquals(1, server.scalar("SELECT valid_id FROM " + kind + " WHERE id = 1"));
  }

  @Test
  @DisplayName("a queue's salutation and signature come filled for the ticket and the agent writing; invalid ones are left out")
  void textsOfAQueue() {
    int queue = fixtures.queue("Decorated", group);
    fixtures.company("acme");
    UUID maria = fixtures.customer("maria", "maria-password", "acme");
    server.sql("UPDATE customer_user SET first_name = 'Maria', last_name = 'García' WHERE id = ?", maria);
    long ticket = fixtures.ticket(anna, queue, "Printer on fire", "It smokes.").getLong("id");
    server.sql("UPDATE ticket SET customer_user_id = ?, user_id = ? WHERE id = ?", maria, annaId, ticket);
    int html = send(HttpMethod.POST, "/signatures", admin, new JsonObject().put("name", "Html signature")
        .put("text", "<p>-- <OTRS_Agent_UserFirstname> for <OTRS_CUSTOMER_REALNAME></p>").put("content_type", "text/html"))
        .bodyAsJsonObject().getInteger("id");
    var assigned = send(HttpMethod.PATCH, "/queues/" + queue, admin, new JsonObject().put("salutation_id", 1)
        .put("signature_id", html));
    assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
    assertEquals(1, assigned.bodyAsJsonObject().getInteger("salutation_id"));

    QueueTexts queueTexts = new QueueTexts(new TicketTags(TicketTags.settings(server.app().config())));
    QueueTexts.Texts texts = TestServer.await(queueTexts.of(server.app().pool(), queue, ticket, annaId));
    assertEquals("Dear Maria García,\n\nThank you for your request.\n\n", texts.salutation().text());
    assertEquals("text/plain; charset=utf-8", texts.salutation().contentType());
    assertEquals("<p>-- Anna for Maria García</p>", texts.signature().text());
    assertTrue(texts.signature().html());

    assertEquals(204, send(HttpMethod.DELETE, "/signatures/" + html, admin, null).statusCode());
    texts = TestServer.await(queueTexts.of(server.app().pool(), queue, ticket, annaId));
    assertNull(texts.signature(), "an invalid signature is not used");
    assertEquals(422, send(HttpMethod.PATCH, "/queues/" + queue, admin, new JsonObject().put("signature_id", 999))
        .statusCode());
  }
}
