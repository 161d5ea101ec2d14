package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Relevance ranks the newest 500 matches the agent may see, looked for in the newest eras of the search index
 * first (db/V47): the answer must be the same whether the newest eras hold enough matches or not.
 */
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SearchCandidatesTest {

  private final TestServer server;
  private int queue;
  private String agent;
  private long old;

  SearchCandidatesTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data(Fixtures fixtures) {
    int group = fixtures.group("searching");
    queue = fixtures.queue("Searching", group);
    fixtures.agent("searcher", "pw-search", group, "rw");
    agent = server.login("searcher", "pw-search");
    old = fixtures.ticket(agent, queue, "Zebrafish quokka zebrafish quokka", "an old zebrafish and quokka ticket").getLong("id");
    // Everything after this lies ten eras later, beyond the newest four.
    server.sql("SELECT setval(pg_get_serial_sequence('ticket', 'id'), 10 * 65536)");
    server.sql("CREATE SEQUENCE ticket_tn_seq_for_test");
  }

  /** Tickets written straight to the table (the search document follows by trigger), numbered by their id. */
  private void tickets(int count, String title) {
    server.sql("""
        INSERT INTO ticket (tn, title, queue_id, ticket_lock_id, type_id, ticket_priority_id, ticket_state_id)
        SELECT 'S' || nextval('ticket_tn_seq_for_test'), ?, ?, 1, 1, 3, 2 FROM generate_series(1, ?)""",
        title, queue, count);
  }

  private List<Long> search(String words) {
    var response = server.send(HttpMethod.GET, "/api/v1/tickets?limit=500&q=" + words, agent, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    List<Long> ids = new ArrayList<>();
    response.bodyAsJsonObject().getJsonArray("items").forEach(item -> ids.add(((JsonObject) item).getLong("id")));
    return ids;
  }

  private Set<Long> newestMatching(String word, int count) {
    Set<Long> ids = new HashSet<>();
    for (Map<String, Object> row : server.sql("SELECT ticket_id FROM ticket_search WHERE document @@ "
        + "websearch_to_tsquery('english', ?) ORDER BY ticket_id DESC LIMIT ?", word, count)) {
      ids.add(((Number) row.get("ticket_id")).longValue());
    }
    return ids;
  }

  @Test
  @DisplayName("with few new matches, older eras are searched too and the best old match ranks first")
  void fewNewMatchesReachBack() {
    tickets(3, "A zebrafish in the pond");
    List<Long> found = search("zebrafish");
    assertEquals(4, found.size());
    assertEquals(old, found.get(0), "the old ticket's title matches best");
  }

  @Test
  @DisplayName("with 500 new matches, exactly the newest 500 are ranked and the old best match is left out")
  void manyNewMatchesStayNew() {
    tickets(520, "Quokka sighting");
    List<Long> found = search("quokka");
    assertEquals(500, found.size());
    assertEquals(newestMatching("quokka", 500), new HashSet<>(found));
    assertFalse(found.contains(old), "the old ticket is not among the newest 500");
  }
}
