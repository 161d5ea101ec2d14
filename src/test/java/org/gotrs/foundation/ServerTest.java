package org.gotrs.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ServerTest {

  @Test
  @DisplayName("/health is 503 while the database is unreachable and 200 once it is up and migrated")
  void healthFollowsTheDatabase() throws Exception {
    int pgPort = TestServer.freePort();
    var target = new DatabaseTarget("localhost", pgPort, "postgres", "postgres", "");
    try (TestServer server = TestServer.start(target, Map.of())) {
      var down = server.get("/health");
      assertEquals(503, down.statusCode());
      assertEquals("DOWN", down.bodyAsJsonObject().getString("status"));
      assertEquals("pending", down.bodyAsJsonObject().getString("migrations"));
      assertEquals(503, server.get("/api/v1/anything").statusCode(), "the API stays closed until migrated");

      try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().setPort(pgPort).start()) {
        server.awaitReady();
        var up = server.get("/health");
        assertEquals(200, up.statusCode());
        assertEquals("UP", up.bodyAsJsonObject().getString("status"));
      }
    }
  }

  @Test
  @DisplayName("/metrics serves Prometheus text with JVM and HTTP server metrics")
  void metricsArePrometheusText() {
    try (TestServer server = TestServer.start()) {
      server.get("/health");
      var metrics = server.get("/metrics");
      assertEquals(200, metrics.statusCode());
      assertTrue(metrics.getHeader("Content-Type").startsWith("text/plain"));
      String body = metrics.bodyAsString();
      assertTrue(body.contains("jvm_memory_used_bytes"), "JVM metrics");
      assertTrue(body.contains("vertx_http_server_requests_total"), "Vert.x HTTP metrics");
    }
  }

  @Test
  @DisplayName("an unknown API route is a problem+json 404, never an HTML page")
  void unknownRouteIsProblemJson() {
    try (TestServer server = TestServer.start()) {
      assertEquals(401, server.get("/api/v1/no-such-thing").statusCode(), "anonymous callers learn nothing");
      var response = server.send(io.vertx.core.http.HttpMethod.GET, "/api/v1/no-such-thing", server.loginAdmin(), null);
      assertEquals(404, response.statusCode());
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
      JsonObject problem = response.bodyAsJsonObject();
      assertEquals(404, problem.getInteger("status"));
      assertEquals("Not Found", problem.getString("title"));
    }
  }

  @Test
  @DisplayName("every response carries the security headers: a strict CSP, no framing, no sniffing")
  void securityHeaders() {
    try (TestServer server = TestServer.start()) {
      for (var response : java.util.List.of(server.get("/health"), server.get("/"), server.get("/api/v1/tickets"))) {
        assertTrue(response.getHeader("Content-Security-Policy").contains("script-src 'self'"));
        assertTrue(response.getHeader("Content-Security-Policy").contains("frame-ancestors 'self'"));
        assertEquals("nosniff", response.getHeader("X-Content-Type-Options"));
        assertEquals("SAMEORIGIN", response.getHeader("X-Frame-Options"));
      }
      assertTrue(server.get("/").getHeader("Content-Security-Policy").contains("style-src 'self' 'unsafe-inline'"),
          "the console's rich-text editor styles what it edits");
      assertTrue(server.get("/portal/").getHeader("Content-Security-Policy").contains("style-src 'self';"),
          "the portal has no editor, and no inline style");
    }
  }

  @Test
  @DisplayName("with no database configured, the embedded one keeps its data across a restart, durably (fsync on)")
  void embeddedDatabaseSurvivesRestart() {
    Path dataDir = TestServer.tempDir();
    Map<String, String> env = Map.of("GOTRS_DATA_DIR", dataDir.toString(), "GOTRS_DB_URL", "");
    Instant firstStart = Instant.now();
    String adminHash;
    try (TestServer first = TestServer.start(null, env).awaitReady()) {
      assertEquals(200, first.get("/health").statusCode());
      TestServer.await(first.app().pool().query("INSERT INTO groups (name) VALUES ('survivors')").execute());
      for (String setting : java.util.List.of("fsync", "synchronous_commit")) {
        assertEquals("on", TestServer.await(first.app().pool().query("SHOW " + setting).execute())
            .iterator().next().getString(0), setting);
      }
      adminHash = TestServer.await(first.app().pool()
          .query("SELECT password_hash FROM users WHERE login = 'root@localhost'").execute())
          .iterator().next().getString(0);
    }
    Duration firstRun = Duration.between(firstStart, Instant.now());
    try (TestServer second = TestServer.start(null, env).awaitReady()) {
      var rows = TestServer.await(second.app().pool().query("SELECT count(*) FROM groups WHERE name = 'survivors'").execute());
      assertEquals(1L, rows.iterator().next().getLong(0));
      var hash = TestServer.await(second.app().pool()
          .query("SELECT password_hash FROM users WHERE login = 'root@localhost'").execute()).iterator().next().getString(0);
      assertEquals(adminHash, hash, "the first password is set once, not on every start");
    }
    assertTrue(firstRun.toSeconds() < 120);
  }
}
