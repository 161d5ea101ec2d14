package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ClusterTest {

  private static Map<String, String> clustered() {
    int a = TestServer.freePort();
    int b = TestServer.freePort();
    return Map.of("GOTRS_CLUSTER", "true", "GOTRS_CLUSTER_MEMBERS", "127.0.0.1",
        "GOTRS_JWT_SECRET", "cluster-test-secret-shared-by-both-nodes-" + a + b);
  }

  @Test
  @DisplayName("two nodes on one database: a change on node A reaches a client on node B, and A's clients resume on B")
  void twoNodes() {
    DatabaseTarget database = TestDatabase.migrated();
    Map<String, String> env = clustered();
    TestServer nodeA = TestServer.start(database, env).awaitReady();
    TestServer nodeB = TestServer.start(database, env).awaitReady();
    try {
      Fixtures fixtures = new Fixtures(nodeA);
      int group = fixtures.group("cluster");
      int queue = fixtures.queue("Cluster", group);
      fixtures.agent("cluster-agent", "pw", group, "rw");
      String token = nodeA.login("cluster-agent", "pw");

      long lastSeen;
      long ticketId;
      try (LiveClient onB = LiveClient.agent(nodeB, token); LiveClient onA = LiveClient.agent(nodeA, token)) {
        onB.subscribe(null, "queue:" + queue);
        onA.subscribe(null, "queue:" + queue);
        onB.await(frame -> "subscribed".equals(frame.getString("type")), 5);
        onA.await(frame -> "subscribed".equals(frame.getString("type")), 5);
        JsonObject ticket = fixtures.ticket(token, queue, "Made on A", "hello");
        ticketId = ticket.getLong("id");
        JsonObject seenOnB = onB.awaitEvent("ticket.created", 5);
        assertEquals(ticketId, seenOnB.getJsonObject("data").getJsonObject("ticket").getLong("id"));
        lastSeen = onA.awaitEvent("ticket.created", 5).getLong("seq");
      }
      nodeA.close();
      nodeA = null;

      for (int i = 0; i < 3; i++) {
        assertEquals(200, nodeB.send(HttpMethod.PATCH, "/api/v1/tickets/" + ticketId, token,
            new JsonObject().put("title", "after A died " + i)).statusCode());
      }
      try (LiveClient resumed = LiveClient.agent(nodeB, token)) {
        resumed.subscribe(lastSeen, "queue:" + queue);
        List<String> titles = new ArrayList<>();
        Set<Long> seqs = new HashSet<>();
        while (titles.size() < 4) {
          JsonObject event = resumed.await(frame -> "event".equals(frame.getString("type")), 10);
          assertTrue(seqs.add(event.getLong("seq")), "no duplicates");
          if (event.getString("event").equals("ticket.updated")) {
            titles.add(event.getJsonObject("data").getJsonObject("ticket").getString("title"));
          } else {
            titles.add(event.getString("event"));
          }
        }
        assertEquals(List.of("article.created", "after A died 0", "after A died 1", "after A died 2"), titles);
      }
    } finally {
      if (nodeA != null) {
        nodeA.close();
      }
      nodeB.close();
    }
  }
}
