package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A chat's offer is state in the database: another node moves it on when the node that made it is gone. */
class ChatOfferClusterTest {

  @Test
  @DisplayName("an offer made on node A runs out and is moved on by node B after A stopped")
  void anotherNodeMovesTheOfferOn() {
    DatabaseTarget database = TestDatabase.migrated();
    int a = TestServer.freePort();
    Map<String, String> env = Map.of("GOTRS_CLUSTER", "true", "GOTRS_CLUSTER_MEMBERS", "127.0.0.1",
        "GOTRS_JWT_SECRET", "chat-offer-cluster-secret-shared-by-both-nodes-" + a);
    JsonObject conf = new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10_000))
        .put("chat", new JsonObject().put("offer_seconds", 8).put("starts_per_minute", 1000));
    TestServer nodeA = TestServer.start(database, env, conf).awaitReady();
    TestServer nodeB = TestServer.start(database, env, conf).awaitReady();
    try {
      Fixtures fixtures = new Fixtures(nodeA);
      int group = fixtures.group("cluster-chat");
      int queue = fixtures.queue("Cluster Chat", group);
      UUID ada = fixtures.agent("cl-ada", "pw", group, "rw");
      UUID bob = fixtures.agent("cl-bob", "pw", group, "rw");
      assertEquals(200, nodeA.send(HttpMethod.PATCH, "/api/v1/queues/" + queue, nodeA.loginAdmin(),
          new JsonObject().put("auto_assign", "round_robin")).statusCode());
      try (LiveClient adaOnB = LiveClient.agent(nodeB, nodeA.login("cl-ada", "pw"));
           LiveClient bobOnB = LiveClient.agent(nodeB, nodeA.login("cl-bob", "pw"))) {
        Await.until(Duration.ofSeconds(10), () -> (Long) nodeB.scalar("SELECT count(DISTINCT user_id) FROM live_presence"
            + " WHERE ticket_id IS NULL AND user_id IN (?, ?)", ada, bob) == 2, () -> "the agents did not come online");
        long chat;
        try (ChatCustomer customer = ChatCustomer.connect(nodeA)) {
          chat = customer.start("Nina", "nina@visitor.example", "Cluster Chat", "Hello").getLong("chat_id");
        }
        UUID first = (UUID) nodeA.scalar("SELECT offered_to FROM chat WHERE id = ?", chat);
        assertTrue(ada.equals(first) || bob.equals(first), "offered to " + first);
        nodeA.close();
        nodeA = null;
        assertEquals(true, nodeB.scalar("SELECT offered_until > now() AT TIME ZONE 'UTC' FROM chat WHERE id = ?", chat),
            "node A stopped before the offer ran out, so it cannot have moved it");
        assertEquals(first, nodeB.scalar("SELECT offered_to FROM chat WHERE id = ?", chat));

        UUID second = ada.equals(first) ? bob : ada;
        Await.until(Duration.ofSeconds(15), () -> second.equals(nodeB.scalar("SELECT offered_to FROM chat WHERE id = ?",
            chat)), () -> "node B did not move the offer on");
      }
    } finally {
      if (nodeA != null) {
        nodeA.close();
      }
      nodeB.close();
    }
  }
}
