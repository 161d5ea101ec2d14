package org.gotrs.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Each node keeps the sessions it found open; two nodes on one database show that an ended session, an invalidated
 * account or a withdrawn admin right is refused everywhere: at once on the node that made the change, and on the
 * other as soon as the database's notice arrives.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SessionCacheTest {

  private static final Duration NOTICE = Duration.ofSeconds(10);

  private DatabaseTarget database;
  private TestServer nodeA;
  private TestServer nodeB;
  private Fixtures fixtures;
  private String admin;

  @BeforeAll
  void start() {
    database = TestDatabase.migrated();
    Map<String, String> env = Map.of("GOTRS_JWT_SECRET", "session-cache-test-secret-shared-by-both-nodes");
    nodeA = TestServer.start(database, env).awaitReady();
    nodeB = TestServer.start(database, env).awaitReady();
    fixtures = new Fixtures(nodeA);
    admin = nodeA.loginAdmin();
  }

  @AfterAll
  void stop() {
    nodeB.close();
    nodeA.close();
  }

  @Test
  @DisplayName("a logout on one node is refused at once there and on the other node as soon as it hears of it")
  void logoutReachesEveryNode() {
    SignedIn agent = signedInOnBothNodes("cache-logout");

    assertEquals(204, nodeA.send(HttpMethod.POST, "/api/v1/auth/logout", agent.token(), null).statusCode());

    assertEquals(401, me(nodeA, agent.token()));
    awaitStatus(nodeB, agent.token(), 401);
  }

  @Test
  @DisplayName("a session ended straight in the database is refused on both nodes")
  void sessionEndedInTheDatabase() {
    SignedIn agent = signedInOnBothNodes("cache-deleted");

    behindTheServersBack("DELETE FROM sessions WHERE user_id = ?", agent.id());

    awaitStatus(nodeA, agent.token(), 401);
    awaitStatus(nodeB, agent.token(), 401);
  }

  @Test
  @DisplayName("an agent invalidated through one node can use neither node any more")
  void invalidatedAgent() {
    SignedIn agent = signedInOnBothNodes("cache-invalid");

    assertEquals(204, nodeA.send(HttpMethod.DELETE, "/api/v1/users/" + agent.id(), admin, null).statusCode());

    assertEquals(401, me(nodeA, agent.token()));
    awaitStatus(nodeB, agent.token(), 401);
  }

  @Test
  @DisplayName("an agent whose admin right is withdrawn on one node loses the admin API on both")
  void withdrawnAdminRight() {
    int adminGroup = ((Number) nodeA.scalar("SELECT id FROM groups WHERE name = 'admin'")).intValue();
    UUID agent = fixtures.agent("cache-admin", "pw", adminGroup, "rw");
    String token = nodeA.login("cache-admin", "pw");
    assertEquals(200, nodeA.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode());
    assertEquals(200, nodeB.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode());

    assertEquals(200, nodeA.send(HttpMethod.PUT, "/api/v1/users/" + agent + "/groups/" + adminGroup, admin,
        new JsonObject().put("permissions", new JsonArray())).statusCode());

    assertEquals(403, nodeA.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode());
    awaitTrue(() -> nodeB.send(HttpMethod.GET, "/api/v1/users", token, null).statusCode() == 403,
        "node B still lets the former admin in");
  }

  @Test
  @DisplayName("what a node kept before it lost the database's notices is forgotten by the time it hears again")
  void deafNodesForget() {
    SignedIn agent = signedInOnBothNodes("cache-deaf");
    Set<Object> before = listeners();
    assertEquals(2, before.size(), "one listener per node");

    behindTheServersBack("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query = 'LISTEN "
        + SessionCache.CHANNEL + "' AND datname = current_database()");
    awaitTrue(() -> listeners().stream().noneMatch(before::contains), "the listeners are not gone");
    behindTheServersBack("DELETE FROM sessions WHERE user_id = ?", agent.id());

    awaitTrue(() -> {
      Set<Object> now = listeners();
      return now.size() == 2 && now.stream().noneMatch(before::contains);
    }, "the nodes do not listen again");
    assertEquals(401, me(nodeA, agent.token()));
    assertEquals(401, me(nodeB, agent.token()));
  }

  /** An agent who signed in on node A and has used the token on both nodes, so both keep the session. */
  private record SignedIn(UUID id, String token) {}

  private SignedIn signedInOnBothNodes(String login) {
    UUID id = fixtures.agent(login, "pw", null);
    String token = nodeA.login(login, "pw");
    assertEquals(200, me(nodeA, token));
    assertEquals(200, me(nodeB, token));
    return new SignedIn(id, token);
  }

  private static int me(TestServer node, String token) {
    return node.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode();
  }

  private static void awaitStatus(TestServer node, String token, int status) {
    awaitTrue(() -> me(node, token) == status, "no " + status);
  }

  private static void awaitTrue(BooleanSupplier condition, String failure) {
    Await.until(NOTICE, condition, () -> failure + " within " + NOTICE.toSeconds() + " s");
  }

  /** The backends listening for sign-in changes, by process id. */
  private Set<Object> listeners() {
    return new HashSet<>(behindTheServersBack("SELECT pid FROM pg_stat_activity WHERE query = 'LISTEN "
        + SessionCache.CHANNEL + "' AND datname = current_database()"));
  }

  /** SQL the servers are not told about (they learn of it only from the database); the first column of its rows. */
  private List<Object> behindTheServersBack(String sql, Object... parameters) {
    try (Connection connection = TestDatabase.connect(database);
         PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      List<Object> values = new ArrayList<>();
      if (statement.execute()) {
        try (ResultSet rows = statement.getResultSet()) {
          while (rows.next()) {
            values.add(rows.getObject(1));
          }
        }
      }
      return values;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
