package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.gotrs.drills.AccessRules.Verdict;
import org.gotrs.drills.AccessRules.Who;
import org.gotrs.testing.Await;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@Tag("drills")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AccessDrillTest {

  private Vertx clients;
  private TestServer server;
  private Http http;
  private DrillWorld world;
  private final Map<Who, String> tokens = new EnumMap<>(Who.class);
  /** What each caller must never see: the other customer's ticket title, number, login, company and file. */
  private final Map<Who, List<String>> forbiddenText = new EnumMap<>(Who.class);

  @BeforeAll
  void start() {
    clients = Vertx.vertx();
    server = TestServer.start(Servers.unthrottled());
    http = new Http(clients, server.port());
    world = new DrillWorld(server, http);
    tokens.put(Who.CUSTOMER_A, world.customerA);
    tokens.put(Who.CUSTOMER_B, world.customerB);
    tokens.put(Who.AGENT_WITHOUT_GROUP, world.agentNoGroup);
    tokens.put(Who.AGENT_RO, world.agentRo);
    tokens.put(Who.AGENT_RW, world.agentRw);
    tokens.put(Who.ADMIN, world.admin);
    List<String> ofA = List.of(world.ticketA.getString("title"), world.ticketA.getString("tn"), "drill-cust-a",
        world.companyA, "alpha-file.txt");
    List<String> ofB = List.of(world.ticketB.getString("title"), world.ticketB.getString("tn"), "drill-cust-b",
        world.companyB, "bravo-file.txt");
    forbiddenText.put(Who.CUSTOMER_A, ofB);
    forbiddenText.put(Who.CUSTOMER_B, ofA);
    List<String> both = new ArrayList<>(ofA);
    both.addAll(ofB);
    forbiddenText.put(Who.AGENT_WITHOUT_GROUP, both);
    forbiddenText.put(Who.ANONYMOUS, both);
  }

  @AfterAll
  void stop() {
    http.close();
    server.close();
    DrillDatabases.drop(server.database());
    TestServer.await(clients.close());
  }

  @Test
  @DisplayName("the permission matrix over every route: anonymous, customer A and B, agents without group, ro and rw, "
      + "admin get what the rules say, and no answer carries another customer's data")
  void permissionMatrix() {
    RouteCatalog catalog = RouteCatalog.of(server.app(), http);
    List<RouteCatalog.Endpoint> ordered = new ArrayList<>(catalog.endpoints().stream()
        .filter(endpoint -> endpoint.method() != HttpMethod.DELETE).toList());
    ordered.addAll(catalog.endpoints().stream().filter(endpoint -> endpoint.method() == HttpMethod.DELETE).toList());
    List<String> findings = new ArrayList<>();
    Map<String, Integer> verdicts = new TreeMap<>();
    int requests = 0;
    for (RouteCatalog.Endpoint endpoint : ordered) {
      if (endpoint.path().startsWith("/ws") || endpoint.path().endsWith("/auth/logout")) {
        continue;
      }
      for (Who who : Who.values()) {
        if (who == Who.ADMIN && endpoint.method() == HttpMethod.DELETE && endpoint.path().equals("/api/v1/tickets/{id}")) {
          continue; // it would delete customer A's ticket, which the rest of the matrix reads
        }
        Verdict verdict = AccessRules.expected(who, endpoint);
        Http.Answer answer = call(who, endpoint);
        requests++;
        verdicts.merge(verdict.name(), 1, Integer::sum);
        if (!AccessRules.matches(who, verdict, answer.status())) {
          findings.add(who + " " + endpoint + " → " + answer.status() + ", expected " + verdict + ": " + head(answer.text()));
        }
        leaks(who, endpoint.toString(), answer.text()).forEach(findings::add);
      }
    }
    findings.addAll(listsShowOnlyOwnTickets());
    DrillReport report = new DrillReport("access-matrix");
    report.put("routes", catalog.endpoints().size() + " (from " + catalog.source() + ")")
        .put("callers", Who.values().length)
        .put("requests", requests)
        .put("verdicts checked", verdicts)
        .put("findings", findings.size());
    findings.stream().limit(50).forEach(report::line);
    report.write();
    assertEquals(List.of(), findings.stream().limit(50).toList());
  }

  @Test
  @DisplayName("live topics: each caller may follow exactly what they may read, and never hears of the other "
      + "customer's ticket")
  void topicMatrix() {
    String ticketA = "ticket:" + world.ticketA.getLong("id");
    String ticketB = "ticket:" + world.ticketB.getLong("id");
    String queue = "queue:" + world.queue;
    String otherAgent = "agent:" + UUID.randomUUID();
    Map<Who, Map<String, Boolean>> allowed = new EnumMap<>(Who.class);
    allowed.put(Who.CUSTOMER_A, topics(false, true, false, false, false, false, false));
    allowed.put(Who.CUSTOMER_B, topics(false, false, true, false, false, false, false));
    allowed.put(Who.AGENT_WITHOUT_GROUP, topics(false, false, false, true, true, true, false));
    allowed.put(Who.AGENT_RO, topics(true, true, true, true, true, true, false));
    allowed.put(Who.AGENT_RW, topics(true, true, true, true, true, true, false));
    allowed.put(Who.ADMIN, topics(true, true, true, true, true, true, false));
    List<String> names = List.of(queue, ticketA, ticketB, "wallboard", "chats", "agent", otherAgent);
    List<String> findings = new ArrayList<>();
    for (var entry : allowed.entrySet()) {
      try (LiveClient live = LiveClient.agent(server, tokens.get(entry.getKey()))) {
        for (int i = 0; i < names.size(); i++) {
          live.subscribe(null, names.get(i));
          JsonObject answer = live.await(frame -> "subscribed".equals(frame.getString("type"))
              || "error".equals(frame.getString("type")), 10);
          boolean subscribed = "subscribed".equals(answer.getString("type"));
          boolean expected = entry.getValue().get(List.of("queue", "ticketA", "ticketB", "wallboard", "chats", "agent",
              "otherAgent").get(i));
          if (subscribed != expected) {
            findings.add(entry.getKey() + " on " + names.get(i) + ": " + answer.encode());
          }
        }
        if (entry.getKey().customer()) {
          http.json(HttpMethod.PATCH, "/api/v1/tickets/" + world.ticketB.getLong("id"), world.admin,
              new JsonObject().put("tags", new io.vertx.core.json.JsonArray().add("seen-by-" + entry.getKey())));
          http.json(HttpMethod.PATCH, "/api/v1/tickets/" + world.ticketA.getLong("id"), world.admin,
              new JsonObject().put("tags", new io.vertx.core.json.JsonArray().add("seen-by-" + entry.getKey())));
          for (JsonObject frame : live.drain(1_500)) {
            leaks(entry.getKey(), "live frame", frame.encode()).forEach(findings::add);
          }
        }
      }
    }
    try (LiveClient anonymous = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      anonymous.subscribe(null, queue);
      if (!Short.valueOf((short) 4401).equals(anonymous.awaitClose(10))) {
        findings.add("an anonymous subscriber was not closed with 4401");
      }
    }
    assertEquals(List.of(), findings);
  }

  @Test
  @DisplayName("forged tokens (wrong key, alg none, tampered claims, garbage) and revoked ones are refused over "
      + "REST and WebSocket")
  void forgedAndRevokedTokens() {
    String token = server.login("drill-rw", DrillWorld.PASSWORD);
    Map<String, String> forged = new LinkedHashMap<>();
    forged.put("signed with another key", Tokens.signedWith(token, "not-the-server-key-" + UUID.randomUUID()));
    forged.put("alg none", Tokens.unsigned(token));
    forged.put("tampered expiry", Tokens.tampered(token));
    forged.put("garbage", "a.b.c");
    forged.put("8 KB", "x".repeat(8_000));
    String ticket = "/api/v1/tickets/" + world.ticketA.getLong("id");
    assertEquals(200, http.get(ticket, token).status(), "the genuine token works");
    assertEquals(401, http.send(HttpMethod.GET, ticket, null, Map.of("Authorization", "Bearer "), null).status(), "empty");
    forged.forEach((label, bad) -> {
      assertEquals(401, http.get(ticket, bad).status(), label);
      assertEquals(401, http.get("/api/v1/auth/me", bad).status(), label);
      assertWebSocketRefused(bad, label);
    });
    JsonObject pair = http.json(HttpMethod.POST, "/api/v1/auth/login", null,
        new JsonObject().put("login", "drill-rw").put("password", DrillWorld.PASSWORD)).json();
    String revoked = pair.getString("access_token");
    assertEquals(204, http.json(HttpMethod.POST, "/api/v1/auth/logout", revoked, null).status());
    assertEquals(401, http.get(ticket, revoked).status(), "a logged-out access token is refused");
    assertEquals(401, http.json(HttpMethod.POST, "/api/v1/auth/refresh", null,
        new JsonObject().put("refresh_token", pair.getString("refresh_token"))).status(), "and so is its refresh token");
    assertWebSocketRefused(revoked, "revoked");
  }

  @Test
  @DisplayName("an expired access token (1 s lifetime) is refused over REST and WebSocket")
  void expiredTokens() {
    TestServer shortLived = TestServer.start(Servers.unthrottled()
        .put("jwt", new JsonObject().put("access_ttl_seconds", 1)));
    try {
      String token = shortLived.loginAdmin();
      long issued = System.currentTimeMillis();
      assertEquals(200, shortLived.get("/health").statusCode());
      assertEquals(200, shortLived.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode());
      Await.until(java.time.Duration.ofSeconds(30),
          () -> shortLived.send(HttpMethod.GET, "/api/v1/auth/me", token, null).statusCode() == 401,
          () -> "a token with a 1 s lifetime was still accepted after 30 s");
      assertTrue(System.currentTimeMillis() - issued >= 1_000, "not refused before it expired");
      try (LiveClient live = LiveClient.connect(shortLived.app().vertx(), shortLived.port(), "/ws")) {
        live.send(new JsonObject().put("type", "auth").put("token", token));
        assertEquals((short) 4401, live.awaitClose(10));
      }
    } finally {
      shortLived.close();
      DrillDatabases.drop(shortLived.database());
    }
  }

  private void assertWebSocketRefused(String token, String label) {
    try (LiveClient live = LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      live.send(new JsonObject().put("type", "auth").put("token", token));
      assertEquals((short) 4401, live.awaitClose(10), label);
    }
  }

  private static Map<String, Boolean> topics(boolean queue, boolean ticketA, boolean ticketB, boolean wallboard,
                                             boolean chats, boolean agent, boolean otherAgent) {
    return Map.of("queue", queue, "ticketA", ticketA, "ticketB", ticketB, "wallboard", wallboard, "chats", chats,
        "agent", agent, "otherAgent", otherAgent);
  }

  private Http.Answer call(Who who, RouteCatalog.Endpoint endpoint) {
    String token = tokens.get(who);
    String uri = world.fill(endpoint.path());
    HttpMethod method = endpoint.method();
    if (method == HttpMethod.POST && endpoint.path().endsWith("/attachments")) {
      String boundary = "matrix-" + UUID.randomUUID();
      Buffer body = Buffer.buffer("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; "
          + "filename=\"matrix.txt\"\r\nContent-Type: text/plain\r\n\r\nmatrix\r\n--" + boundary + "--\r\n");
      return http.send(method, uri, token, Map.of("Content-Type", "multipart/form-data; boundary=" + boundary), body);
    }
    boolean takesBody = method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH;
    return http.json(method, uri, token, takesBody ? Templates.of(endpoint, world) : null);
  }

  /** The searches and lists that would show another customer's ticket if any could. */
  private List<String> listsShowOnlyOwnTickets() {
    List<String> findings = new ArrayList<>();
    for (Who who : List.of(Who.CUSTOMER_A, Who.CUSTOMER_B, Who.AGENT_WITHOUT_GROUP)) {
      for (String query : List.of("", "?q=secret", "?q=Bravo", "?q=Alpha", "?customer_id=" + world.companyB,
          "?customer_id=" + world.companyA, "?queue_id=" + world.queue, "?limit=1000")) {
        Http.Answer answer = http.get("/api/v1/tickets" + query, tokens.get(who));
        if (answer.status() >= 500) {
          findings.add(who + " GET /api/v1/tickets" + query + " → " + answer.status());
        }
        leaks(who, "GET /api/v1/tickets" + query, answer.text()).forEach(findings::add);
      }
    }
    return findings;
  }

  private List<String> leaks(Who who, String where, String body) {
    List<String> found = new ArrayList<>();
    for (String secret : forbiddenText.getOrDefault(who, List.of())) {
      if (body.contains(secret)) {
        found.add(who + " saw '" + secret + "' in " + where);
      }
    }
    return found;
  }

  private static String head(String text) {
    return text.length() > 160 ? text.substring(0, 157) + "..." : text;
  }
}
