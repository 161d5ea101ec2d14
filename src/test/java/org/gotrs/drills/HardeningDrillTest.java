package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.gotrs.config.ConfigLoader;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
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

@Tag("drills")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HardeningDrillTest {

  private static final String DESK = "https://desk.example.com";

  private Vertx clients;
  /** Plain HTTP with CORS for {@link #DESK}, a 2 s request timeout and low rate limits. */
  private TestServer hardened;
  /** HTTPS with a self-signed certificate, everything else at its defaults. */
  private TestServer secure;
  private Http strict;
  private WebClient https;

  @BeforeAll
  void start() {
    clients = Vertx.vertx();
    SelfSignedCertificate certificate = SelfSignedCertificate.create(TestServer.tempDir());
    secure = TestServer.start(new JsonObject().put("http", new JsonObject().put("tls", new JsonObject()
        .put("cert_path", certificate.certificate().toString()).put("key_path", certificate.privateKey().toString()))));
    https = WebClient.create(clients, new WebClientOptions().setSsl(true).setTrustAll(true).setVerifyHost(false)
        .setDefaultHost("localhost").setDefaultPort(secure.port()));
    hardened = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 1_000))
        .put("http", new JsonObject().put("cors_origins", new JsonArray().add(DESK)).put("request_timeout_seconds", 2)
            .put("rate_limits", new JsonObject().put("per_user_per_minute", 30).put("per_address_per_minute", 25))));
    strict = new Http(clients, hardened.port());
  }

  @AfterAll
  void stop() {
    https.close();
    strict.close();
    secure.close();
    hardened.close();
    DrillDatabases.drop(secure.database());
    DrillDatabases.drop(hardened.database());
    TestServer.await(clients.close());
  }

  @Test
  @DisplayName("every answer carries a CSP without inline script, frame-ancestors 'none' and nosniff; no HSTS over "
      + "plain HTTP")
  void securityHeaders() {
    for (String uri : List.of("/health", "/api/v1/auth/me", "/api/v1/nothing", "/", "/metrics")) {
      Http.Answer answer = strict.get(uri, null);
      String csp = answer.headers().get("Content-Security-Policy");
      assertNotNull(csp, uri);
      String scripts = csp.replaceAll("^.*script-src ([^;]*).*$", "$1");
      assertFalse(scripts.contains("unsafe-inline") || scripts.contains("unsafe-eval"), uri + ": " + csp);
      assertTrue(csp.contains("frame-ancestors 'self'"), uri);
      assertEquals("nosniff", answer.headers().get("X-Content-Type-Options"), uri);
      assertNull(answer.headers().get("Strict-Transport-Security"), uri);
    }
  }

  @Test
  @DisplayName("defaults are generous: 100000 requests a minute per user, 600 per address without sign-in, no CORS")
  void generousDefaults() {
    var config = ConfigLoader.load(null, Map.of()).http();
    assertEquals(100_000, config.rateLimits().perUserPerMinute());
    assertEquals(600, config.rateLimits().perAddressPerMinute());
    assertEquals(List.of(), config.corsOrigins());
    assertFalse(config.tls().enabled());
    var answer = TestServer.await(https.get("/api/v1/auth/me").putHeader("Origin", DESK).send());
    assertEquals(401, answer.statusCode());
    assertNull(answer.getHeader("Access-Control-Allow-Origin"), "no CORS unless configured");
  }

  @Test
  @DisplayName("CORS answers only the configured origin; other sites get no CORS headers")
  void corsOnlyForConfiguredOrigins() {
    Http.Answer preflight = strict.send(HttpMethod.OPTIONS, "/api/v1/tickets", null, Map.of("Origin", DESK,
        "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization,content-type"), null);
    assertTrue(preflight.status() == 200 || preflight.status() == 204, "preflight " + preflight.status());
    assertEquals(DESK, preflight.headers().get("Access-Control-Allow-Origin"));
    assertTrue(preflight.headers().get("Access-Control-Allow-Methods").contains("POST"));
    assertTrue(preflight.headers().get("Access-Control-Allow-Headers").toLowerCase().contains("authorization"));
    Http.Answer listed = strict.send(HttpMethod.GET, "/api/v1/auth/me", null, Map.of("Origin", DESK), null);
    assertEquals(DESK, listed.headers().get("Access-Control-Allow-Origin"));
    for (String other : List.of("https://evil.example", "null", DESK + ".evil.example", "http://desk.example.com")) {
      Http.Answer refused = strict.send(HttpMethod.OPTIONS, "/api/v1/tickets", null,
          Map.of("Origin", other, "Access-Control-Request-Method", "POST"), null);
      assertNull(refused.headers().get("Access-Control-Allow-Origin"), other);
      assertNull(strict.send(HttpMethod.GET, "/api/v1/auth/me", null, Map.of("Origin", other), null).headers()
          .get("Access-Control-Allow-Origin"), other);
    }
  }

  @Test
  @Order(Integer.MAX_VALUE) // it spends the address's budget, which the other tests' logins draw on
  @DisplayName("rate limits: a user over budget gets 429 with Retry-After while others carry on; anonymous calls "
      + "and failed credentials share their address's budget")
  void rateLimits() {
    Fixtures fixtures = new Fixtures(hardened);
    fixtures.agent("busy-agent", "pw", null);
    fixtures.agent("calm-agent", "pw", null);
    String busy = hardened.login("busy-agent", "pw");
    String calm = hardened.login("calm-agent", "pw");
    int allowed = 0;
    Http.Answer limited = null;
    for (int i = 0; i < 40 && limited == null; i++) {
      Http.Answer answer = strict.get("/api/v1/auth/me", busy);
      if (answer.status() == 429) {
        limited = answer;
      } else {
        assertEquals(200, answer.status());
        allowed++;
      }
    }
    assertNotNull(limited, "the busy user was never limited");
    assertTrue(allowed <= 30, "at most the budget got through: " + allowed);
    assertTrue(limited.problemJson());
    long retryAfter = Long.parseLong(limited.headers().get("Retry-After"));
    assertTrue(retryAfter >= 1 && retryAfter <= 60, "Retry-After " + retryAfter);
    assertEquals(200, strict.get("/api/v1/auth/me", calm).status(), "another user is not limited");

    List<Integer> anonymous = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      anonymous.add(strict.get("/api/v1/tickets", i % 2 == 0 ? null : "forged." + i + ".token").status());
    }
    assertTrue(anonymous.contains(401) && anonymous.contains(429), anonymous.toString());
    assertEquals(429, anonymous.get(anonymous.size() - 1));
    Http.Answer login = strict.json(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "calm-agent").put("password", "pw"));
    assertEquals(429, login.status(), "the address's budget covers logins too");
    assertNotNull(login.headers().get("Retry-After"));
    assertEquals(200, strict.get("/api/v1/auth/me", calm).status(), "signed-in calls from that address still work");
  }

  @Test
  @DisplayName("limits: a body over 1 MB is 413, headers over 16 KB 431, a request line over 4 KB 414; "
      + "none of them reaches a handler")
  void requestLimits() {
    String token = hardened.loginAdmin();
    Http.Answer body = strict.json(HttpMethod.POST, "/api/v1/queues", token,
        io.vertx.core.buffer.Buffer.buffer("{\"name\":\"" + "n".repeat(1_100_000) + "\",\"group_id\":1}"));
    assertEquals(413, body.status());
    assertTrue(body.problemJson());
    try (RawClient headers = new RawClient(hardened.port())) {
      headers.write("GET /api/v1/auth/me HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nX-Padding: " + "p".repeat(20_000) + "\r\n\r\n");
      assertEquals(431, headers.status(10_000));
    }
    try (RawClient line = new RawClient(hardened.port())) {
      line.write("GET /api/v1/tickets?q=" + "q".repeat(5_000) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n");
      assertEquals(414, line.status(10_000));
    }
    assertEquals(0L, hardened.scalar("SELECT count(*) FROM queue WHERE length(name) > 1000"));
  }

  @Test
  @DisplayName("slow clients: a body trickled past the timeout is answered 408 and cut off, and never stored; "
      + "slow headers, stalled readers and idle connections hold up no one")
  void slowClients() throws Exception {
    Fixtures fixtures = new Fixtures(hardened);
    int group = fixtures.group("slow");
    int queue = fixtures.queue("Slow", group);
    fixtures.agent("slow-agent", "pw", group, "rw");
    String token = hardened.login("slow-agent", "pw");
    String title = "trickled-" + System.nanoTime();
    String json = new JsonObject().put("title", title).put("queue_id", queue)
        .put("article", new JsonObject().put("subject", title).put("body", "slow")).encode();

    List<RawClient> stalled = new ArrayList<>();
    try (RawClient trickle = new RawClient(hardened.port())) {
      trickle.write("POST /api/v1/tickets HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
          + "\r\nContent-Type: application/json\r\nContent-Length: " + json.length() + "\r\n\r\n");
      Thread writer = new Thread(() -> {
        for (char c : json.toCharArray()) {
          if (!trickle.write(String.valueOf(c))) {
            return;
          }
          Await.during(Duration.ofMillis(100));
        }
      }, "drill-trickle");
      writer.setDaemon(true);
      writer.start();
      for (int i = 0; i < 20; i++) {
        RawClient slowHeaders = new RawClient(hardened.port());
        slowHeaders.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ");
        stalled.add(slowHeaders);
        RawClient idle = new RawClient(hardened.port());
        stalled.add(idle);
        RawClient nonReader = new RawClient(hardened.port());
        nonReader.write(("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").repeat(3));
        stalled.add(nonReader);
      }
      long started = System.currentTimeMillis();
      assertEquals(200, strict.get("/api/v1/auth/me", token).status());
      // the stalled clients hold their connections for 10 s and more; a server they blocked could not answer in 5
      assertTrue(System.currentTimeMillis() - started < 5_000, "others are served meanwhile");
      assertEquals(408, trickle.status(10_000), "the trickled request is refused");
      assertTrue(trickle.closedByServer(5_000), "and its connection closed");
      writer.join(10_000);
    } finally {
      stalled.forEach(RawClient::close);
    }
    assertEquals(0L, hardened.scalar("SELECT count(*) FROM ticket WHERE title = ?", title),
        "the half-sent ticket was never created");
    assertEquals(200, hardened.get("/health").statusCode());
  }

  @Test
  @DisplayName("TLS: with a PEM certificate and key configured the server speaks HTTPS with HSTS, and refuses plain HTTP")
  void tls() {
    var health = TestServer.await(https.get("/health").send());
    assertEquals(200, health.statusCode());
    assertEquals("max-age=31536000; includeSubDomains", health.getHeader("Strict-Transport-Security"));
    var login = TestServer.await(https.post("/api/v1/auth/login").sendJsonObject(new JsonObject()
        .put("login", TestServer.ADMIN_LOGIN).put("password", TestServer.ADMIN_PASSWORD)));
    assertEquals(200, login.statusCode());
    try (RawClient cleartext = new RawClient(secure.port())) {
      cleartext.write("GET /health HTTP/1.1\r\nHost: localhost\r\n\r\n");
      assertEquals(0, cleartext.status(5_000), "no HTTP answer on the TLS port");
    }
  }
}
