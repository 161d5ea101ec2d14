package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A directory that accepts connections and never answers: a login waits no longer than the directory's timeout
 * and gets a 503 saying so, while the administrator (always local) still signs in.
 */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryDownTest {

  private ServerSocket silent;
  private final List<Socket> held = java.util.Collections.synchronizedList(new ArrayList<>());
  private TestServer server;

  @BeforeAll
  void start() throws IOException {
    silent = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(() -> {
      while (!silent.isClosed()) {
        try {
          held.add(silent.accept());
        } catch (IOException closed) {
          return;
        }
      }
    });
    acceptor.setDaemon(true);
    acceptor.start();
    JsonObject dead = new JsonObject().put("name", "dead").put("url", "ldap://127.0.0.1:" + silent.getLocalPort())
        .put("base_dn", "dc=example,dc=com").put("for", "agents").put("timeout_millis", 1000);
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray().add(dead))));
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    silent.close();
    for (Socket socket : held) {
      socket.close();
    }
  }

  @Test
  @DisplayName("a directory that does not answer makes a login a 503 within its timeout, not a hang")
  void deadDirectoryIsA503Quickly() {
    server.send(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject().put("login", "warm-up").put("password", "x"));
    long started = System.nanoTime();
    var response = server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "anna").put("password", "whatever"));
    long millis = (System.nanoTime() - started) / 1_000_000;
    assertEquals(503, response.statusCode(), response.bodyAsString());
    assertEquals("application/problem+json", response.getHeader("Content-Type"));
    assertTrue(response.bodyAsJsonObject().getString("detail").contains("dead"));
    assertTrue(millis < 5000, "answered after " + millis + " ms");
  }

  @Test
  @DisplayName("root@localhost signs in against the database while the directory is down")
  void administratorStillSignsIn() {
    assertEquals(200, server.send(HttpMethod.POST, "/api/v1/auth/login", null, new JsonObject()
        .put("login", TestServer.ADMIN_LOGIN).put("password", TestServer.ADMIN_PASSWORD)).statusCode());
  }
}
