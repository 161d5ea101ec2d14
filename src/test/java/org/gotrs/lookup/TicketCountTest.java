package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer
class TicketCountTest {

  @Test
  @DisplayName("an administrator learns how many tickets a queue, state or priority is on before invalidating it; agents do not")
  void countsTickets(TestServer server, Api api, Fixtures fixtures, @Admin String admin) {
    int group = fixtures.group("counted");
    int queue = fixtures.queue("Counted", group);
    fixtures.agent("counter", "pw", group, "rw");
    String agent = server.login("counter", "pw");
    fixtures.ticket(agent, queue, "one", "x");
    fixtures.ticket(agent, queue, "two", "x");

    var count = api.get("/queues/" + queue + "/ticket-count", admin);
    assertEquals(200, count.statusCode(), count.bodyAsString());
    assertEquals(2L, count.bodyAsJsonObject().getLong("tickets"));
    int normal = ((Number) server.scalar("SELECT id FROM ticket_priority WHERE name = '3 normal'")).intValue();
    long normals = ((Number) server.scalar("SELECT count(*) FROM ticket WHERE ticket_priority_id = ?", normal)).longValue();
    assertEquals(normals, api.get("/priorities/" + normal + "/ticket-count", admin).bodyAsJsonObject().getLong("tickets"));
    assertEquals(0L, api.get("/slas/999999/ticket-count", admin).bodyAsJsonObject().getLong("tickets"));
    assertEquals(403, api.get("/queues/" + queue + "/ticket-count", agent).statusCode());
    assertEquals(404, api.get("/states/x/ticket-count", admin).statusCode(), "no such state");
  }
}
