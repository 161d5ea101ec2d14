package org.gotrs.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.UUID;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Links between tickets (OTRS Normal and ParentChild), shown on both tickets, with history and events. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketLinksTest {

  private TestServer server;
  private Fixtures fixtures;
  private int desk;
  private int hidden;
  private String rw;
  private String ro;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 1000)));
    fixtures = new Fixtures(server);
    int group = fixtures.group("links");
    int otherGroup = fixtures.group("links-hidden");
    desk = fixtures.queue("Links desk", group);
    hidden = fixtures.queue("Links hidden", otherGroup);
    UUID rwId = fixtures.agent("link-rw", "pw", group, "rw");
    fixtures.grant(rwId, otherGroup, "rw");
    fixtures.agent("link-ro", "pw", group, "ro");
    rw = server.login("link-rw", "pw");
    ro = server.login("link-ro", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
  }

  private long ticket(int queue, String title) {
    return fixtures.ticket(rw, queue, title, "body").getLong("id");
  }

  private JsonArray links(String token, long ticketId) {
    var answer = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticketId + "/links", token, null);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items");
  }

  private long count(String sql, Object... parameters) {
    return ((Number) server.scalar(sql, parameters)).longValue();
  }

  @Test
  @DisplayName("a parent-child link shows on both tickets from each one's side, with history on both")
  void parentAndChild() {
    long parent = ticket(desk, "Parent");
    long child = ticket(desk, "Child");
    var created = server.send(HttpMethod.POST, "/api/v1/tickets/" + parent + "/links", rw,
        new JsonObject().put("ticket_id", child).put("type", "parent"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals("parent", created.bodyAsJsonObject().getString("type"));
    assertEquals("parent", links(rw, parent).getJsonObject(0).getString("type"));
    assertEquals(child, links(rw, parent).getJsonObject(0).getLong("ticket_id"));
    assertEquals("child", links(ro, child).getJsonObject(0).getString("type"), "the ro agent reads it from the child");
    assertEquals(parent, links(ro, child).getJsonObject(0).getLong("ticket_id"));
    assertEquals(2, count("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE t.name = 'TicketLinkAdd' AND h.ticket_id IN (?, ?)""", parent, child));
    assertEquals(409, server.send(HttpMethod.POST, "/api/v1/tickets/" + child + "/links", rw,
        new JsonObject().put("ticket_id", parent)).statusCode(), "two tickets are linked once, either way");
  }

  @Test
  @DisplayName("a link is announced on both tickets' topics, and removing it from either side removes it")
  void announcedAndRemoved() {
    long a = ticket(desk, "Normal A");
    long b = ticket(desk, "Normal B");
    try (LiveClient live = LiveClient.agent(server, ro)) {
      live.subscribe(null, "ticket:" + b);
      live.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      assertEquals(201, server.send(HttpMethod.POST, "/api/v1/tickets/" + a + "/links", rw,
          new JsonObject().put("ticket_id", b)).statusCode());
      JsonObject linked = live.awaitEvent("ticket.linked", 5).getJsonObject("data");
      assertEquals(a, linked.getLong("other_ticket_id"));
      assertEquals("normal", linked.getString("type"));
      assertEquals(204, server.send(HttpMethod.DELETE, "/api/v1/tickets/" + b + "/links/" + a, rw, null).statusCode());
      live.awaitEvent("ticket.unlinked", 5);
    }
    assertEquals(0, links(rw, a).size());
    assertEquals(404, server.send(HttpMethod.DELETE, "/api/v1/tickets/" + a + "/links/" + b, rw, null).statusCode());
  }

  @Test
  @DisplayName("a link to a ticket the caller cannot read is hidden from them, and only rw may link")
  void permissions() {
    long mine = ticket(desk, "Visible");
    long secret = ticket(hidden, "Invisible to ro");
    assertEquals(201, server.send(HttpMethod.POST, "/api/v1/tickets/" + mine + "/links", rw,
        new JsonObject().put("ticket_id", secret)).statusCode());
    assertEquals(1, links(rw, mine).size());
    assertEquals(0, links(ro, mine).size(), "the ro agent does not read the hidden queue");
    long other = ticket(desk, "Other");
    assertEquals(403, server.send(HttpMethod.POST, "/api/v1/tickets/" + other + "/links", ro,
        new JsonObject().put("ticket_id", mine)).statusCode());
    assertEquals(0, count("SELECT count(*) FROM ticket_link WHERE ? IN (source_ticket_id, target_ticket_id)", other));
    var self = server.send(HttpMethod.POST, "/api/v1/tickets/" + other + "/links", rw,
        new JsonObject().put("ticket_id", other));
    assertEquals(422, self.statusCode(), self.bodyAsString());
    assertEquals(422, server.send(HttpMethod.POST, "/api/v1/tickets/" + other + "/links", rw,
        new JsonObject().put("ticket_id", mine).put("type", "sibling")).statusCode());
    assertEquals(422, server.send(HttpMethod.POST, "/api/v1/tickets/" + other + "/links", rw,
        new JsonObject().put("ticket_id", 99_999_999)).statusCode());
    assertTrue(count("SELECT count(*) FROM ticket_link WHERE ? IN (source_ticket_id, target_ticket_id)", other) == 0);
  }
}
