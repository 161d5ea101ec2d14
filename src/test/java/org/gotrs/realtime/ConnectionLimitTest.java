package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ConnectionLimitTest {

  @Test
  @DisplayName("a node at its connection limit refuses the next WebSocket and accepts again once one closes")
  void connectionLimit() {
    try (TestServer server = TestServer.start(new JsonObject().put("realtime", new JsonObject().put("max_connections", 2)))) {
      String token = server.loginAdmin();
      LiveClient first = LiveClient.agent(server, token);
      LiveClient second = LiveClient.agent(server, token);
      assertThrows(IllegalStateException.class, () -> LiveClient.connect(server.app().vertx(), server.port(), "/ws"));
      first.close();
      long deadline = System.currentTimeMillis() + 5_000;
      LiveClient third = null;
      while (third == null && System.currentTimeMillis() < deadline) {
        try {
          third = LiveClient.agent(server, token);
        } catch (IllegalStateException | AssertionError stillFull) {
          server.sql("SELECT pg_sleep(0.05)");
        }
      }
      assertEquals(false, third == null, "a slot frees when a connection closes");
      third.close();
      second.close();
    }
  }

  @Test
  @DisplayName("customers' chat sockets count against the same limit as agents' live sockets")
  void chatSocketsCount() {
    try (TestServer server = TestServer.start(new JsonObject().put("realtime", new JsonObject().put("max_connections", 1)))) {
      LiveClient customer = LiveClient.connect(server.app().vertx(), server.port(), "/ws/chat");
      assertThrows(IllegalStateException.class, () -> LiveClient.agent(server, server.loginAdmin()),
          "the chat socket took the node's only slot");
      customer.close();
    }
  }
}
