package org.gotrs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = """
    {"workflows": {"webhook_backoff_millis": 100}}""")
class WebhookTest {

  private record Received(String body, String signature, String tenant) {}

  private static String hmac(String secret, String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  @DisplayName("a webhook is signed with HMAC-SHA256, retried after a server error, and its delivery recorded")
  void signedAndRetried(TestServer server, Fixtures fixtures, @Admin String admin) throws Exception {
    List<Received> received = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer receiver = TestServer.await(server.app().vertx().createHttpServer()
        .requestHandler(request -> request.body().onSuccess(body -> {
          received.add(new Received(body.toString(), request.getHeader("X-GOTRS-Signature"),
              request.getHeader("X-Tenant")));
          request.response().setStatusCode(calls.incrementAndGet() == 1 ? 503 : 204).end();
        }))
        .listen(0, "127.0.0.1"));
    try {
      int group = fixtures.group("hooks");
      int queue = fixtures.queue("Hooks", group);
      fixtures.agent("hook-agent", "pw", group, "rw");
      String token = server.login("hook-agent", "pw");
      long ticket = fixtures.ticket(token, queue, "Tell someone", "x").getLong("id");
      var workflow = server.send(HttpMethod.POST, "/api/v1/workflows", admin, new JsonObject()
          .put("name", "notify").put("trigger_type", "manual")
          .put("actions", new JsonArray().add(new JsonObject().put("type", "webhook")
              .put("url", "http://127.0.0.1:" + receiver.actualPort() + "/hook").put("secret", "s3cret")
              .put("headers", new JsonObject().put("X-Tenant", "acme")))));
      assertEquals(201, workflow.statusCode(), workflow.bodyAsString());
      String id = workflow.bodyAsJsonObject().getString("id");

      var run = server.send(HttpMethod.POST, "/api/v1/workflows/" + id + "/run", token,
          new JsonObject().put("ticket_id", ticket));
      assertEquals(200, run.statusCode(), run.bodyAsString());
      assertEquals("success", run.bodyAsJsonObject().getString("status"));
      JsonObject delivery = run.bodyAsJsonObject().getJsonArray("actions_taken").getJsonObject(0);
      assertEquals("sent", delivery.getString("status"));
      assertEquals(2, delivery.getInteger("attempts"));
      assertEquals(204, delivery.getInteger("http_status"));
      assertEquals(null, delivery.getString("secret"), "the secret is not recorded");

      assertEquals(2, received.size());
      for (Received call : received) {
        assertEquals("sha256=" + hmac("s3cret", call.body()), call.signature());
        assertEquals("acme", call.tenant());
        JsonObject payload = new JsonObject(call.body());
        assertEquals(ticket, payload.getJsonObject("ticket").getLong("id"));
        assertEquals("notify", payload.getJsonObject("workflow").getString("name"));
      }
      JsonObject recorded = server.send(HttpMethod.GET, "/api/v1/workflows/" + id + "/history", admin, null)
          .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
      assertEquals("success", recorded.getString("status"));
      assertEquals("sent", recorded.getJsonArray("actions_taken").getJsonObject(0).getString("status"));
    } finally {
      TestServer.await(receiver.close());
    }
  }
}
