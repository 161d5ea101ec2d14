package org.gotrs.drills;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.gotrs.testing.Fixtures;
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
class HostileFramesDrillTest {

  private TestServer server;
  private Fixtures fixtures;
  private String token;
  private int queue;

  @BeforeAll
  void start() {
    server = TestServer.start(Servers.unthrottled());
    fixtures = new Fixtures(server);
    int group = fixtures.group("frames");
    queue = fixtures.queue("Frames", group);
    fixtures.agent("frames-agent", "pw", group, "rw");
    token = server.login("frames-agent", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
    DrillDatabases.drop(server.database());
  }

  @Test
  @DisplayName("hostile WebSocket frames get an error frame or a close, never a 1011, a crash or a stack trace; "
      + "a well-behaved client on the same node keeps receiving")
  void hostileFrames() {
    Map<String, Consumer<LiveClient>> beforeAuth = new LinkedHashMap<>();
    beforeAuth.put("not JSON", live -> live.sendRaw("{not json"));
    beforeAuth.put("JSON array", live -> live.sendRaw("[]"));
    beforeAuth.put("JSON null", live -> live.sendRaw("null"));
    beforeAuth.put("a number", live -> live.sendRaw("42"));
    beforeAuth.put("token of the wrong type", live -> live.sendRaw("{\"type\":\"auth\",\"token\":123}"));
    beforeAuth.put("100k token", live -> live.send(new JsonObject().put("type", "auth").put("token", "x".repeat(100_000))));
    beforeAuth.put("api_key object", live -> live.sendRaw("{\"type\":\"auth\",\"api_key\":{}}"));
    beforeAuth.put("alg none", live -> live.send(new JsonObject().put("type", "auth").put("token", Tokens.unsigned(token))));
    beforeAuth.put("subscribe first", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"wallboard\"]}"));
    beforeAuth.put("binary frame", live -> TestServer.await(live.socket().writeBinaryMessage(Buffer.buffer(new byte[] {0, 1, 2}))));

    Map<String, Consumer<LiveClient>> afterAuth = new LinkedHashMap<>();
    afterAuth.put("not JSON", live -> live.sendRaw("{\"type\":"));
    afterAuth.put("invalid UTF-16 escape", live -> live.sendRaw("{\"type\":\"\\ud800\"}"));
    afterAuth.put("JSON array", live -> live.sendRaw("[1,2,3]"));
    afterAuth.put("JSON null", live -> live.sendRaw("null"));
    afterAuth.put("type as number", live -> live.sendRaw("{\"type\":7}"));
    afterAuth.put("unknown type", live -> live.sendRaw("{\"type\":\"drop_tables\"}"));
    afterAuth.put("topics as string", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":\"queue:1\"}"));
    afterAuth.put("topics of odd types", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[123,null,{},[],true]}"));
    afterAuth.put("10k topics", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[" + "\"queue:1\",".repeat(9_999)
        + "\"queue:1\"]}"));
    afterAuth.put("60k topic name", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"" + "q".repeat(60_000) + "\"]}"));
    afterAuth.put("hostile topic names", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"queue:-1\","
        + "\"queue:99999999999999999999\",\"ticket:1 OR 1=1\",\"agent:00000000-0000-0000-0000-000000000000\","
        + "\"queue:1e3\",\"../../etc\",\"<script>\",\"\\u0000\"]}"));
    afterAuth.put("since as text", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"wallboard\"],\"since\":\"abc\"}"));
    afterAuth.put("since negative", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"queue:" + queue + "\"],\"since\":-5}"));
    afterAuth.put("since 1e308", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"queue:" + queue + "\"],\"since\":1e308}"));
    afterAuth.put("since 40 digits", live -> live.sendRaw("{\"type\":\"subscribe\",\"topics\":[\"queue:" + queue
        + "\"],\"since\":1234567890123456789012345678901234567890}"));
    afterAuth.put("presence of text", live -> live.sendRaw("{\"type\":\"presence\",\"ticket_id\":\"1\",\"state\":\"viewing\"}"));
    afterAuth.put("presence huge id", live -> live.sendRaw("{\"type\":\"presence\",\"ticket_id\":1e300,\"state\":\"viewing\"}"));
    afterAuth.put("presence odd state", live -> live.sendRaw("{\"type\":\"presence\",\"ticket_id\":1,\"state\":\"<script>\"}"));
    afterAuth.put("5000 deep", live -> live.sendRaw("{\"a\":".repeat(5_000) + "1" + "}".repeat(5_000)));
    afterAuth.put("1 MB message", live -> live.sendRaw("{\"type\":\"ping\",\"pad\":\"" + "p".repeat(1_000_000) + "\"}"));
    afterAuth.put("binary frame", live -> TestServer.await(live.socket().writeBinaryMessage(Buffer.buffer("{\"type\":\"ping\"}"))));
    afterAuth.put("flood", live -> {
      for (int i = 0; i < 300; i++) {
        live.socket().writeTextMessage("{\"type\":\"ping\"}");
      }
    });

    List<String> findings = new ArrayList<>();
    DrillReport report = new DrillReport("hostile-frames");
    try (LiveClient control = LiveClient.agent(server, token)) {
      control.subscribe(null, "queue:" + queue);
      control.await(frame -> "subscribed".equals(frame.getString("type")), 10);
      beforeAuth.forEach((label, action) -> findings.addAll(attack("before auth: " + label, false, action, report)));
      afterAuth.forEach((label, action) -> findings.addAll(attack("after auth: " + label, true, action, report)));
      assertEquals(200, server.get("/health").statusCode(), "the node is healthy after the attacks");
      long id = fixtures.ticket(token, queue, "after the attacks", "still here").getLong("id");
      JsonObject event = control.awaitEvent("ticket.created", 10);
      assertEquals(id, event.getJsonObject("data").getJsonObject("ticket").getLong("id"));
    }
    report.put("attacks", beforeAuth.size() + afterAuth.size()).put("findings", findings.size());
    report.write();
    assertEquals(List.of(), findings);
  }

  /** One attack on a fresh connection; what came back is checked, and described in the report. */
  private List<String> attack(String label, boolean authenticate, Consumer<LiveClient> action, DrillReport report) {
    List<String> findings = new ArrayList<>();
    try (LiveClient live = authenticate ? LiveClient.agent(server, token)
        : LiveClient.connect(server.app().vertx(), server.port(), "/ws")) {
      try {
        action.accept(live);
      } catch (IllegalStateException closedWhileSending) {
        // the server may close the connection before the whole attack is written
      }
      List<JsonObject> frames = live.drain(200);
      Short code = live.closeCode();
      if (code == null) {
        try {
          live.send(new JsonObject().put("type", "ping"));
          frames.add(live.await(frame -> "pong".equals(frame.getString("type")), 5));
        } catch (IllegalStateException | AssertionError closed) {
          if (live.awaitClose(2) == null) {
            findings.add(label + ": the connection neither answered nor closed");
          }
        }
        code = live.closeCode();
      }
      String outcome = frames.stream().map(frame -> frame.getString("type") + (frame.containsKey("code")
          ? "(" + frame.getString("code") + ")" : "")).distinct().toList() + (code == null ? "" : " close " + code);
      report.line(label + " → " + outcome);
      if (code != null && (code == 1011 || code == 1006)) {
        findings.add(label + ": closed with " + code + " " + live.closeReason());
      }
      frames.stream().filter(frame -> Http.LEAK.matcher(frame.encode()).find())
          .forEach(frame -> findings.add(label + ": leaked " + frame.encode()));
    } catch (RuntimeException | AssertionError failure) {
      findings.add(label + ": " + failure.getMessage());
    }
    return findings;
  }
}
