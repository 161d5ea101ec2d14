package org.gotrs.bulk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** "All N matching": the server finds the tickets of a list filter, a run at a time, and changes each on its own. */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
class BulkAllMatchingTest {

  @Test
  @DisplayName("runs of a filter close every matching ticket the agent may see once, and nothing else")
  void closesAllMatchingInRuns(TestServer server, Api api, Fixtures fixtures) {
    int group = fixtures.group("matching");
    int hiddenGroup = fixtures.group("matching-hidden");
    int queue = fixtures.queue("Matching", group);
    int hidden = fixtures.queue("Matching hidden", hiddenGroup);
    fixtures.agent("runner", "pw", group, "rw");
    var lead = fixtures.agent("matching-lead", "pw", group, "rw");
    fixtures.grant(lead, hiddenGroup, "rw");
    String token = server.login("runner", "pw");
    String leadToken = server.login("matching-lead", "pw");
    Set<Long> wanted = new HashSet<>();
    for (int i = 0; i < 12; i++) {
      wanted.add(fixtures.ticket(token, queue, "Outage report " + i, "x").getLong("id"));
    }
    long other = fixtures.ticket(leadToken, hidden, "Outage report elsewhere", "x").getLong("id");
    JsonObject filter = new JsonObject().put("q", "outage").put("state_type", "new,open");

    List<Long> changed = new ArrayList<>();
    List<Long> matched = new ArrayList<>();
    String cursor = null;
    int runs = 0;
    do {
      JsonObject body = new JsonObject().put("filter", filter).put("limit", 5)
          .put("changes", new JsonObject().put("state", "closed successful"));
      if (cursor != null) {
        body.put("cursor", cursor);
      }
      var response = api.post("/tickets/bulk", token, body);
      assertEquals(200, response.statusCode(), response.bodyAsString());
      JsonObject answer = response.bodyAsJsonObject();
      matched.add(answer.getLong("matched"));
      for (Object result : answer.getJsonArray("results")) {
        JsonObject one = (JsonObject) result;
        assertEquals(200, one.getInteger("status"), one.encode());
        changed.add(one.getLong("ticket_id"));
      }
      cursor = answer.getString("next_cursor");
      runs++;
    } while (cursor != null && runs < 10);

    assertEquals(3, runs, "5 + 5 + 2");
    assertEquals(12L, matched.get(0), "the first run says how many match");
    assertEquals(wanted, new HashSet<>(changed));
    assertEquals(12, changed.size(), "each ticket once");
    assertEquals(12L, server.scalar("SELECT count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.queue_id = ? AND s.name = 'closed successful'", queue));
    assertEquals("new", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", other), "a ticket the agent cannot see is not touched");
  }

  @Test
  @DisplayName("a filter that is not a list filter, ids beside a filter, or a cursor without one are refused with 422")
  void refusesBadFilters(TestServer server, Api api, Fixtures fixtures) {
    int group = fixtures.group("matching-bad");
    int queue = fixtures.queue("Matching bad", group);
    fixtures.agent("bad-runner", "pw", group, "rw");
    String token = server.login("bad-runner", "pw");
    long id = fixtures.ticket(token, queue, "Untouched", "x").getLong("id");
    JsonObject close = new JsonObject().put("state", "closed successful");
    for (JsonObject body : List.of(
        new JsonObject().put("filter", new JsonObject().put("colour", "red")).put("changes", close),
        new JsonObject().put("filter", new JsonObject().put("queue_id", queue))
            .put("ticket_ids", new JsonArray().add(id)).put("changes", close),
        new JsonObject().put("ticket_ids", new JsonArray().add(id)).put("cursor", "abc").put("changes", close),
        new JsonObject().put("filter", new JsonObject().put("queue_id", queue)).put("limit", 501).put("changes", close))) {
      var response = api.post("/tickets/bulk", token, body);
      assertEquals(422, response.statusCode(), body.encode() + " → " + response.bodyAsString());
    }
    var none = api.post("/tickets/bulk", token, new JsonObject()
        .put("filter", new JsonObject().put("queue_id", queue).put("state_type", "closed")).put("changes", close));
    assertEquals(200, none.statusCode(), none.bodyAsString());
    assertEquals(0, none.bodyAsJsonObject().getJsonArray("results").size());
    assertNull(none.bodyAsJsonObject().getString("next_cursor"));
    assertNotNull(none.bodyAsJsonObject().getLong("matched"));
    assertEquals("new", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", id));
  }
}
