package org.gotrs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.StreamingStandby;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

@Tag("replica")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@DisplayName("Reads on a streaming standby (GOTRS_DB_READ_URL)")
class ReadReplicaTest {

  private StreamingStandby databases;
  private TestServer server;
  private Api api;
  private Fixtures fixtures;
  private String agent;
  private int queue;

  @BeforeAll
  void start() {
    databases = StreamingStandby.start();
    server = TestServer.start(databases.primary(), Map.of("GOTRS_DB_READ_URL", databases.standby().url()))
        .awaitReady();
    api = new Api(server);
    fixtures = new Fixtures(server);
    int group = fixtures.group("replica");
    queue = fixtures.queue("Replica", group);
    fixtures.agent("replica-agent", Fixtures.PASSWORD, group, "rw");
    agent = server.login("replica-agent", Fixtures.PASSWORD);
    Await.until(Duration.ofSeconds(20), () -> "UP".equals(replica().getString("status")),
        () -> "the standby never came up: " + server.get("/health").bodyAsString());
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    if (databases != null) {
      databases.close();
    }
  }

  @Test
  @Order(1)
  @DisplayName("a caller finds each ticket they just created in their next list, and the replica answers once it has it")
  void readsOwnWritesOnTheReplica() {
    for (int i = 0; i < 10; i++) {
      long id = created("replicated " + i);
      // at once: from the replica if it has replayed the write within the wait, else from the primary
      assertTrue(listedIds().contains(id), "the list right after creating ticket " + id);
    }
    long last = created("replicated last");
    long readsBefore = replica().getLong("reads");
    Await.until(Duration.ofSeconds(20), () -> {
      assertTrue(listedIds().contains(last), "a list without the caller's ticket " + last);
      return replica().getLong("reads") > readsBefore;
    }, () -> "the replica never answered the caller's list: " + replica());
  }

  @Test
  @Order(2)
  @DisplayName("a replica too far behind the caller's write leaves the read to the primary, which has it")
  void laggingReplicaFallsBackToThePrimary() throws SQLException {
    long fallbacksBefore = replica().getLong("fallbacks");
    applyDelay("3s");
    try {
      long id = created("behind");
      assertTrue(listedIds().contains(id));
      assertTrue(replica().getLong("fallbacks") > fallbacksBefore, "reads the replica left: " + replica());
    } finally {
      applyDelay("0");
    }
  }

  @Test
  @Order(3)
  @DisplayName("with the standby stopped, lists answer from the primary and /health shows the replica down")
  void stoppedStandbyLeavesReadsOnThePrimary() {
    long id = created("before the stop");
    databases.stopStandby();
    for (int i = 0; i < 3; i++) {
      assertTrue(listedIds().contains(id));
    }
    long after = created("after the stop");
    assertTrue(listedIds().contains(after));
    assertEquals(200, server.get("/health").statusCode());
    Await.until(Duration.ofSeconds(5), () -> "DOWN".equals(replica().getString("status")),
        () -> "the replica is not shown down: " + server.get("/health").bodyAsString());
  }

  private long created(String title) {
    return fixtures.ticket(agent, queue, title, "body").getLong("id");
  }

  private java.util.List<Long> listedIds() {
    var response = api.get("/tickets?queue_id=" + queue + "&limit=100", agent);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
    return items.stream().map(item -> ((JsonObject) item).getLong("id")).toList();
  }

  private JsonObject replica() {
    JsonArray replicas = server.get("/health").bodyAsJsonObject().getJsonArray("replicas");
    return replicas.getJsonObject(0);
  }

  /** Has the standby apply each commit only {@code delay} after it was made, as a loaded or distant one would. */
  private void applyDelay(String delay) throws SQLException {
    try (Connection connection = TestDatabase.connect(databases.standby());
         var statement = connection.createStatement()) {
      statement.execute("ALTER SYSTEM SET recovery_min_apply_delay = '" + delay + "'");
      statement.execute("SELECT pg_reload_conf()");
    }
  }
}
