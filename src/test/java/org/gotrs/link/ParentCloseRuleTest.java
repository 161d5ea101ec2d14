package org.gotrs.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("A queue's rule that a parent ticket stays open while a child is open")
class ParentCloseRuleTest {

  private static TestServer server;
  private static Fixtures fixtures;
  private static int ruled;
  private static int free;
  private static String agent;

  @BeforeAll
  static void data(TestServer started, Fixtures given) {
    server = started;
    fixtures = given;
    int group = fixtures.group("family");
    ruled = fixtures.queue("Family ruled", group);
    free = fixtures.queue("Family free", group);
    server.sql("UPDATE queue SET close_needs_children_closed = true WHERE id = ?", ruled);
    fixtures.agent("family-agent", "family-pass", group, "rw");
    agent = server.login("family-agent", "family-pass");
  }

  private static JsonObject ticket(int queue, String title) {
    return fixtures.ticket(agent, queue, title, "x");
  }

  private static void link(long parent, String childNumber) {
    var linked = server.send(HttpMethod.POST, "/api/v1/tickets/" + parent + "/links", agent,
        new JsonObject().put("ticket_number", childNumber).put("type", "parent"));
    assertEquals(201, linked.statusCode(), linked.bodyAsString());
  }

  private static io.vertx.ext.web.client.HttpResponse<io.vertx.core.buffer.Buffer> close(long id) {
    return server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, agent,
        new JsonObject().put("state", "closed successful"));
  }

  @Test
  @DisplayName("closing a parent with open children is refused with 422 naming them; once they are closed it closes")
  void patch() {
    long parent = ticket(ruled, "Parent").getLong("id");
    JsonObject first = ticket(free, "First child");
    JsonObject second = ticket(free, "Second child");
    link(parent, first.getString("tn"));
    link(parent, second.getString("tn"));
    var refused = close(parent);
    assertEquals(422, refused.statusCode(), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains(first.getString("tn")), refused.bodyAsString());
    assertTrue(refused.bodyAsString().contains(second.getString("tn")), refused.bodyAsString());
    assertEquals(false, server.scalar("SELECT s.type_id = 4 FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", parent), "the parent stays as it was");
    assertEquals(200, close(first.getLong("id")).statusCode(), "a child closes whatever its parent is");
    assertEquals(200, close(second.getLong("id")).statusCode());
    assertEquals(200, close(parent).statusCode(), "all children closed: the parent closes");
  }

  @Test
  @DisplayName("a queue without the rule closes a parent with open children; a child's own parent does not hold it")
  void withoutRule() {
    long parent = ticket(free, "Free parent").getLong("id");
    JsonObject child = ticket(ruled, "Ruled child");
    link(parent, child.getString("tn"));
    assertEquals(200, close(parent).statusCode());
    assertEquals(200, close(child.getLong("id")).statusCode(), "the rule is about a ticket's children, not its parent");
  }

  @Test
  @DisplayName("a reply that would close the parent and the GenericInterface's TicketUpdate are refused the same way")
  void replyAndGenericInterface() {
    JsonObject parent = ticket(ruled, "Parent by reply");
    JsonObject child = ticket(free, "Child by reply");
    link(parent.getLong("id"), child.getString("tn"));
    var reply = server.send(HttpMethod.POST, "/api/v1/tickets/" + parent.getLong("id") + "/articles", agent,
        new JsonObject().put("body", "done").put("next_state", "closed successful"));
    assertEquals(422, reply.statusCode(), reply.bodyAsString());
    assertEquals(1L, ((Number) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", parent.getLong("id")))
        .longValue(), "the refused reply is not written either");
    JsonObject answer = server.send(HttpMethod.PATCH, GenericTicketConnector.BASE + "/Ticket/" + parent.getLong("id"),
        null, new JsonObject().put("UserLogin", "family-agent").put("Password", "family-pass")
            .put("Ticket", new JsonObject().put("State", "closed successful"))).bodyAsJsonObject();
    assertEquals("TicketUpdate.InvalidParameter", answer.getJsonObject("Error").getString("ErrorCode"), answer.encode());
    assertTrue(answer.getJsonObject("Error").getString("ErrorMessage").contains(child.getString("tn")), answer.encode());
  }

  @Test
  @DisplayName("linking by a ticket number that does not exist is a 422")
  void unknownNumber() {
    long parent = ticket(ruled, "Lonely").getLong("id");
    var answer = server.send(HttpMethod.POST, "/api/v1/tickets/" + parent + "/links", agent,
        new JsonObject().put("ticket_number", "999999999").put("type", "normal"));
    assertEquals(422, answer.statusCode(), answer.bodyAsString());
  }
}
