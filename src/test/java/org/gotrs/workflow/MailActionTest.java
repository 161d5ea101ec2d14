package org.gotrs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.NetServer;
import io.vertx.core.parsetools.RecordParser;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class MailActionTest {

  /** A minimal SMTP server: accepts every command and keeps what it was told. */
  private static NetServer smtp(Vertx vertx, List<String> lines) {
    return TestServer.await(vertx.createNetServer().connectHandler(socket -> {
      boolean[] data = new boolean[1];
      socket.write("220 test SMTP\r\n");
      RecordParser parser = RecordParser.newDelimited("\r\n", line -> {
        String text = line.toString();
        lines.add(text);
        if (data[0]) {
          if (text.equals(".")) {
            data[0] = false;
            socket.write("250 queued\r\n");
          }
        } else if (text.startsWith("EHLO") || text.startsWith("HELO")) {
          socket.write("250-test\r\n250 8BITMIME\r\n");
        } else if (text.equals("DATA")) {
          data[0] = true;
          socket.write("354 go ahead\r\n");
        } else if (text.equals("QUIT")) {
          socket.write("221 bye\r\n").onComplete(done -> socket.close());
        } else {
          socket.write("250 ok\r\n");
        }
      });
      socket.handler(parser);
    }).listen(0, "127.0.0.1"));
  }

  @Test
  @DisplayName("with SMTP configured, an e-mail action sends the message with the ticket's fields filled in")
  void sendsMail() {
    Vertx vertx = Vertx.vertx();
    List<String> lines = new CopyOnWriteArrayList<>();
    NetServer server = smtp(vertx, lines);
    try (TestServer gotrs = TestServer.start(TestDatabase.migrated(), Map.of("GOTRS_SMTP_HOST", "127.0.0.1",
        "GOTRS_SMTP_PORT", String.valueOf(server.actualPort())), new JsonObject()).awaitReady()) {
      Fixtures fixtures = new Fixtures(gotrs);
      int group = fixtures.group("mail");
      int queue = fixtures.queue("Mail", group);
      fixtures.agent("mail-agent", "pw", group, "rw");
      String token = gotrs.login("mail-agent", "pw");
      JsonObject ticket = fixtures.ticket(token, queue, "Printer on fire", "x");
      var workflow = gotrs.send(HttpMethod.POST, "/api/v1/workflows", gotrs.loginAdmin(), new JsonObject()
          .put("name", "tell the boss").put("trigger_type", "manual")
          .put("actions", new JsonArray().add(new JsonObject().put("type", "email").put("to", "boss@example.com")
              .put("subject", "Ticket {{tn}}").put("body", "About: {{title}}"))));
      assertEquals(201, workflow.statusCode(), workflow.bodyAsString());
      var run = gotrs.send(HttpMethod.POST, "/api/v1/workflows/" + workflow.bodyAsJsonObject().getString("id") + "/run",
          token, new JsonObject().put("ticket_id", ticket.getLong("id")));
      assertEquals(200, run.statusCode(), run.bodyAsString());
      assertEquals("success", run.bodyAsJsonObject().getString("status"), run.bodyAsString());
      assertTrue(lines.stream().anyMatch(line -> line.equals("RCPT TO:<boss@example.com>")), lines.toString());
      assertTrue(lines.stream().anyMatch(line -> line.equals("Subject: Ticket " + ticket.getString("tn"))), lines.toString());
      assertTrue(lines.stream().anyMatch(line -> line.contains("About: Printer on fire")), lines.toString());
    } finally {
      TestServer.await(vertx.close());
    }
  }
}
