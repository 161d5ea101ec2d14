package org.gotrs.realtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.gotrs.testing.Await;
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
      AtomicReference<LiveClient> third = new AtomicReference<>();
      Await.until(Duration.ofSeconds(5), () -> {
        try {
          third.set(LiveClient.agent(server, token));
          return true;
        } catch (IllegalStateException | AssertionError stillFull) {
          return false;
        }
      }, () -> "no slot freed when a connection closed");
      third.get().close();
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
