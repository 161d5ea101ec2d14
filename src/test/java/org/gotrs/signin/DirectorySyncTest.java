package org.gotrs.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import org.gotrs.testing.Await;
import org.gotrs.testing.DirectoryServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The scheduler's directory sync revokes a disabled account without waiting for it to sign in again. */
@Tag("directory")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DirectorySyncTest {

  private final DirectoryServer directory = new DirectoryServer();
  private TestServer server;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000)
            .put("ldap", new JsonArray().add(directory.config("corp", "agents", "none"))))
        .put("scheduler", new JsonObject().put("intervals", new JsonObject().put("directory_sync", 1))));
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    directory.close();
  }

  @Test
  @DisplayName("an agent the directory disables loses its sessions at the next sync, signed in or not")
  void syncRevokesDisabledAccounts() {
    directory.person("sven", "sven-ldap-pass", "Sven", "Olsen", "sven@example.com");
    var signedIn = server.send(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "sven").put("password", "sven-ldap-pass"));
    assertEquals(200, signedIn.statusCode(), signedIn.bodyAsString());
    String access = signedIn.bodyAsJsonObject().getString("access_token");
    directory.modify("sven", "replace: sn", "sn: Olsson");
    Await.until(Duration.ofSeconds(30), () -> "Olsson".equals(server.scalar(
        "SELECT last_name FROM users WHERE login = 'sven'")), () -> "the sync never took the new name");

    directory.modify("sven", "add: employeeType", "employeeType: disabled");
    Await.until(Duration.ofSeconds(30), () -> (Long) server.scalar("SELECT count(*) FROM sessions s "
        + "JOIN users u ON u.id = s.user_id WHERE u.login = 'sven'") == 0, () -> "the session was never revoked");
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/auth/me", access, null).statusCode());
    assertEquals(2, server.scalar("SELECT valid_id FROM users WHERE login = 'sven'"));
  }
}
