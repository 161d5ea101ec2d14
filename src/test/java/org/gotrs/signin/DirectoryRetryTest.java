package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.gotrs.testing.DirectoryServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * StartTLS logins under load, and a directory whose first connection breaks: reached through a relay that drops
 * the connections it is told to and passes the others on.
 */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectoryRetryTest {

  private final DirectoryServer directory = new DirectoryServer();
  private ServerSocket relay;
  private final AtomicInteger toDrop = new AtomicInteger();
  private final AtomicInteger accepted = new AtomicInteger();
  private TestServer server;

  @BeforeAll
  void start() throws IOException {
    for (int i = 0; i < 12; i++) {
      directory.person("user" + i, "pass-" + i, "User", "No" + i, "user" + i + "@example.com");
    }
    JsonObject straight = directory.config("corp", "agents", "starttls");
    int target = URI.create(straight.getString("url")).getPort();
    relay = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
    Thread acceptor = new Thread(() -> relay(target));
    acceptor.setDaemon(true);
    acceptor.start();
    server = TestServer.start(new JsonObject().put("auth", new JsonObject().put("login_rate_per_minute", 10000)
        .put("ldap", new JsonArray().add(straight.put("url", "ldap://localhost:" + relay.getLocalPort())))));
  }

  private void relay(int target) {
    while (!relay.isClosed()) {
      try {
        Socket client = relay.accept();
        accepted.incrementAndGet();
        if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
          client.close();
          continue;
        }
        Socket upstream = new Socket("127.0.0.1", target);
        pump(client.getInputStream(), upstream.getOutputStream(), upstream);
        pump(upstream.getInputStream(), client.getOutputStream(), client);
      } catch (IOException closed) {
        return;
      }
    }
  }

  private static void pump(InputStream from, OutputStream to, Socket closeAfter) {
    Thread thread = new Thread(() -> {
      try (closeAfter) {
        from.transferTo(to);
      } catch (IOException ended) {
        // one side closed: the other follows
      }
    });
    thread.setDaemon(true);
    thread.start();
  }

  @AfterAll
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
    relay.close();
    directory.close();
  }

  private HttpResponse<Buffer> login(String login, String password) {
    return server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", login).put("password", password));
  }

  @Test
  @DisplayName("a directory connection dropped while it is opened is tried once more, and the login goes through")
  void droppedConnectionIsRetriedOnce() {
    toDrop.set(1);
    int before = accepted.get();
    var response = login("user0", "pass-0");
    assertEquals(200, response.statusCode(), response.bodyAsString());
    assertTrue(accepted.get() - before >= 2, "the dropped connection was opened again");

    toDrop.set(2);
    var twice = login("user1", "pass-1");
    assertEquals(503, twice.statusCode(), "two in a row is a directory that is down: " + twice.bodyAsString());
  }

  @Test
  @DisplayName("twelve agents signing in at once over StartTLS all get in")
  void concurrentStartTlsLogins() {
    List<Future<HttpResponse<Buffer>>> logins = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      logins.add(server.client().post("/api/v1/auth/login")
          .sendJsonObject(new JsonObject().put("login", "user" + i).put("password", "pass-" + i)));
    }
    TestServer.await(Future.all(logins));
    for (int i = 0; i < 12; i++) {
      HttpResponse<Buffer> response = logins.get(i).result();
      assertEquals(200, response.statusCode(), "user" + i + ": " + response.bodyAsString());
    }
  }
}
