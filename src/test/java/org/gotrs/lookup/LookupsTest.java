package org.gotrs.lookup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.Future;
import org.gotrs.http.Problem;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LookupsTest {

  private final TestServer server;

  LookupsTest(TestServer server) {
    this.server = server;
  }

  @BeforeAll
  void data() {
    server.sql("UPDATE ticket_priority SET valid_id = 3 WHERE name = '1 very low'");
  }

  private Problem problem(Future<Integer> resolution) {
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> TestServer.await(resolution));
    return assertInstanceOf(Problem.class, failure.getCause());
  }

  @Test
  @DisplayName("a lookup resolves by id or by name to the id of a valid row")
  void resolves() {
    var pool = server.app().pool();
    assertEquals(2, TestServer.await(Lookups.requireValidState(pool, 2, null)));
    assertEquals(4, TestServer.await(Lookups.requireValidState(pool, null, "closed unsuccessful")));
    assertEquals(2, TestServer.await(Lookups.requireValidQueue(pool, null, "Raw")));
    assertEquals(5, TestServer.await(Lookups.requireValidPriority(pool, null, "5 very high")));
    assertEquals(1, TestServer.await(Lookups.requireValidType(pool, 1, "ignored when the id is given")));
  }

  @Test
  @DisplayName("a missing, unknown or invalid choice is a 422 naming the field the client used")
  void rejects() {
    var pool = server.app().pool();
    Problem unknownName = problem(Lookups.requireValidState(pool, null, "nirvana"));
    assertEquals(422, unknownName.status());
    assertEquals("state", unknownName.errors().get(0).field());
    assertEquals("queue_id", problem(Lookups.requireValidQueue(pool, 999, null)).errors().get(0).field());
    Problem invalid = problem(Lookups.requireValidPriority(pool, 1, null));
    assertEquals("priority_id", invalid.errors().get(0).field());
    assertEquals("priority", problem(Lookups.requireValidPriority(pool, null, "1 very low")).errors().get(0).field());
    assertEquals("type_id", problem(Lookups.requireValidType(pool, null, null)).errors().get(0).field());
    assertEquals("service_id", problem(Lookups.requireValidService(pool, 1, null)).errors().get(0).field());
    assertEquals("sla", problem(Lookups.requireValidSla(pool, null, "Platinum")).errors().get(0).field());
  }
}
