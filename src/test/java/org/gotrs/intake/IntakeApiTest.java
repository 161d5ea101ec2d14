package org.gotrs.intake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/** Where tickets go when the customer does not choose a queue: per channel, never to a queue no one works. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IntakeApiTest {

  private static final String INTAKE = "/api/v1/settings/intake";

  private TestServer server;
  private Fixtures fixtures;
  private String admin;
  private String agent;
  private String customer;
  private int raw;
  private int front;
  private int side;
  private int unread;
  private UUID frontAgent;

  @BeforeAll
  void start() {
    server = TestServer.start();
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    raw = ((Number) server.scalar("SELECT id FROM queue WHERE name = 'Raw'")).intValue();
    int frontGroup = fixtures.group("front desk");
    int sideGroup = fixtures.group("side desk");
    int nobodyGroup = fixtures.group("nobody");
    front = fixtures.queue("Front", frontGroup);
    side = fixtures.queue("Side", sideGroup);
    unread = fixtures.queue("Unread", nobodyGroup);
    frontAgent = fixtures.agent("fiona", "fiona-password", frontGroup, "rw");
    fixtures.agent("felix", "felix-password", frontGroup, "ro");
    fixtures.agent("sid", "sid-password", sideGroup, "rw");
    fixtures.agent("olga", "olga-password", nobodyGroup, "ro");
    UUID gone = fixtures.agent("gone", "gone-password", nobodyGroup, "rw");
    server.sql("UPDATE users SET valid_id = 2 WHERE id = ?", gone);
    agent = server.login("fiona", "fiona-password");
    fixtures.company("acme");
    fixtures.customer("maria", "maria-password", "acme");
    customer = fixtures.customerLogin("maria", "maria-password");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private JsonObject settings() {
    var response = server.send(HttpMethod.GET, INTAKE, admin, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private int customerTicketQueue() {
    var created = server.send(HttpMethod.POST, "/api/v1/tickets", customer, new JsonObject().put("title", "Help")
        .put("article", new JsonObject().put("body", "Nothing works.")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getInteger("queue_id");
  }

  @Test
  @Order(1)
  @DisplayName("with no queue offered to customers and none chosen, every channel's tickets go to Raw")
  void rawUntilChosen() {
    JsonObject intake = settings();
    assertEquals(raw, intake.getInteger("portal_queue_id"));
    assertEquals(raw, intake.getInteger("chat_queue_id"));
    assertEquals(raw, intake.getInteger("api_queue_id"));
    assertEquals(raw, customerTicketQueue());
  }

  @Test
  @Order(2)
  @DisplayName("until an administrator chooses, tickets go to the customer-selectable queue the most valid agents may read")
  void mostReadSelectableQueue() {
    fixtures.offerToCustomers(front);
    fixtures.offerToCustomers(side);
    JsonObject intake = settings();
    assertEquals(front, intake.getInteger("portal_queue_id"), "Front has two readers, Side one");
    JsonObject portal = intake.getJsonArray("channels").getJsonObject(0);
    assertEquals("portal", portal.getString("channel"));
    assertEquals("Front", portal.getString("queue"));
    assertEquals(false, portal.getBoolean("chosen"));
    assertEquals(front, customerTicketQueue());
  }

  @Test
  @Order(3)
  @DisplayName("a channel cannot point at a queue no valid agent can work: 422 at the field and nothing is stored")
  void unworkedQueueRefused() {
    var refused = server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().put("portal_queue_id", side)
        .put("chat_queue_id", unread));
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    JsonObject error = refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0);
    assertEquals("chat_queue_id", error.getString("field"));
    assertTrue(error.getString("message").contains("Unread"), error.getString("message"));
    assertEquals(1, refused.bodyAsJsonObject().getJsonArray("errors").size(), "Side is worked by sid");
    assertEquals(0L, server.scalar("SELECT count(*) FROM intake_queue"), "not even the portal's queue is stored");
    assertEquals(front, settings().getInteger("portal_queue_id"));
  }

  @Test
  @Order(4)
  @DisplayName("an administrator counts only where they hold rw like anyone else: a queue in a group of their own is refused")
  void administratorsCountOnlyWithRw() {
    assertEquals(422, server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().put("api_queue_id", unread))
        .statusCode(), "the administrator has rw on users, admin and stats, not on nobody");
    var unknown = server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().put("api_queue_id", 999_999));
    assertEquals(422, unknown.statusCode());
    assertEquals("names no valid queue", unknown.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
        .getString("message"));
    assertEquals(422, server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().put("portal_queue", "Side"))
        .statusCode(), "a member that is not a setting is named, not ignored");
  }

  @Test
  @Order(5)
  @DisplayName("only administrators change the intake; customers do not read it")
  void onlyAdministratorsChange() {
    assertEquals(403, server.send(HttpMethod.PATCH, INTAKE, agent, new JsonObject().put("portal_queue_id", side))
        .statusCode());
    assertEquals(200, server.send(HttpMethod.GET, INTAKE, agent, null).statusCode());
    assertEquals(403, server.send(HttpMethod.GET, INTAKE, customer, null).statusCode());
    assertEquals(401, server.send(HttpMethod.GET, INTAKE, null, null).statusCode());
  }

  @Test
  @Order(6)
  @DisplayName("each channel's tickets without a queue go to the queue chosen for it: portal, chat and API")
  void chosenQueuesTakeTheirChannel() {
    var changed = server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().put("portal_queue_id", side)
        .put("chat_queue_id", front).put("api_queue_id", front));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(side, changed.bodyAsJsonObject().getInteger("portal_queue_id"));
    assertEquals(true, changed.bodyAsJsonObject().getJsonArray("channels").getJsonObject(0).getBoolean("chosen"));

    assertEquals(side, customerTicketQueue());

    var api = server.send(HttpMethod.POST, "/api/v1/tickets", agent, new JsonObject().put("title", "Call back")
        .put("customer_user", "maria").put("article", new JsonObject().put("body", "She called.")));
    assertEquals(201, api.statusCode(), api.bodyAsString());
    assertEquals(front, api.bodyAsJsonObject().getInteger("queue_id"));

    assertEquals("Front", server.get("/api/v1/chats/availability").bodyAsJsonObject().getString("queue"));
    try (LiveClient visitor = LiveClient.connect(server.app().vertx(), server.port(), "/ws/chat")) {
      visitor.send(new JsonObject().put("type", "chat.start").put("name", "Vera").put("email", "vera@example.test")
          .put("message", "Hello?"));
      JsonObject queued = visitor.await(frame -> "chat.queued".equals(frame.getString("type")), 10);
      assertEquals("Front", queued.getString("queue"));
    }
    assertEquals(1L, server.scalar("SELECT count(*) FROM audit_log WHERE action = 'intake.update'"));
  }

  @Test
  @Order(7)
  @DisplayName("a channel whose last agent left shows a warning, and null returns it to the default rule")
  void warningAndReset() {
    server.sql("UPDATE users SET valid_id = 2 WHERE id = ?", frontAgent);
    try {
      JsonObject chat = settings().getJsonArray("channels").getJsonObject(1);
      assertEquals("chat", chat.getString("channel"));
      assertEquals(0L, chat.getLong("agents"));
      assertTrue(chat.getString("warning").contains("Front"), chat.encode());
      assertNull(settings().getJsonArray("channels").getJsonObject(0).getString("warning"), "Side still has sid");
    } finally {
      server.sql("UPDATE users SET valid_id = 1 WHERE id = ?", frontAgent);
    }
    var reset = server.send(HttpMethod.PATCH, INTAKE, admin, new JsonObject().putNull("portal_queue_id"));
    assertEquals(200, reset.statusCode(), reset.bodyAsString());
    assertEquals(front, reset.bodyAsJsonObject().getInteger("portal_queue_id"));
    assertEquals(false, reset.bodyAsJsonObject().getJsonArray("channels").getJsonObject(0).getBoolean("chosen"));
  }

  @Test
  @Order(8)
  @DisplayName("a queue named in the configuration wins and cannot be changed through the API")
  void configurationLocks() {
    try (TestServer configured = TestServer.start(new JsonObject()
        .put("chat", new JsonObject().put("default_queue", "Misc")))) {
      String root = configured.loginAdmin();
      JsonObject chat = configured.send(HttpMethod.GET, INTAKE, root, null).bodyAsJsonObject()
          .getJsonArray("channels").getJsonObject(1);
      assertEquals("Misc", chat.getString("queue"));
      assertEquals("chat.default_queue", chat.getString("locked_by"));
      var refused = configured.send(HttpMethod.PATCH, INTAKE, root, new JsonObject().put("chat_queue_id", 2));
      assertEquals(422, refused.statusCode());
      assertEquals("chat_queue_id", refused.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
          .getString("field"));
    }
  }
}
