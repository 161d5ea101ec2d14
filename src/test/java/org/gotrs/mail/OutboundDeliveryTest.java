package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import org.gotrs.permission.Principal;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Outbound mail when the SMTP server is not there yet, and mail that can never be sent. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OutboundDeliveryTest {

  private final int smtpPort = TestServer.freePort();
  private TestServer server;
  private GreenMail smtp;
  private String admin;
  private long ticketId;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", smtpPort).put("tls", false))
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0).put("retry_seconds", 1)
            .put("send_attempts", 5).put("timeout_seconds", 5)));
    Fixtures fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    int group = fixtures.group("outbound");
    int queue = fixtures.queue("Outbound", group);
    fixtures.grant(Principal.SYSTEM_USER_ID, group, "rw");
    ticketId = fixtures.ticket(admin, queue, "Order 42", "Where is my order?").getLong("id");
  }

  @AfterAll
  void stop() {
    server.close();
    if (smtp != null) {
      smtp.stop();
    }
  }

  private long reply(String to) {
    var created = server.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles", admin, new JsonObject()
        .put("article_type", "email-external").put("to_address", to).put("subject", "Your order").put("body", "Shipped"));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getLong("id");
  }

  private Object status(long article) {
    return server.scalar("SELECT delivery_status FROM article WHERE id = ?", article);
  }

  @Test
  @DisplayName("mail that cannot reach the SMTP server is retried, and sent once the server is there")
  void retriedUntilSent() {
    long article = reply("customer@example.test");
    MailServer.await("a failed first attempt", () -> "retry".equals(status(article)));
    assertNotNull(server.scalar("SELECT last_error FROM mail_delivery WHERE article_id = ?", article));

    smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    smtp.start();
    MailServer.await("the retry to succeed", () -> "sent".equals(status(article)));
    assertTrue(((Number) server.scalar("SELECT attempts FROM mail_delivery WHERE article_id = ?", article)).intValue() >= 2);
    MailServer.await("the mail at the server", () -> smtp.getReceivedMessages().length == 1);
  }

  @Test
  @DisplayName("mail to an address that cannot be written is given up at once and noted in the ticket's history")
  void unsendableFails() {
    long article = reply("broken@[unclosed");
    MailServer.await("the article marked failed", () -> "failed".equals(status(article)));
    assertEquals(1L, server.scalar("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? AND ht.name = 'Misc' AND h.article_id = ?""", ticketId, article));
  }

  @Test
  @DisplayName("notes and customer messages are never sent as mail")
  void onlyEmailArticlesGoOut() {
    var note = server.send(HttpMethod.POST, "/api/v1/tickets/" + ticketId + "/articles", admin, new JsonObject()
        .put("article_type", "note-internal").put("to_address", "customer@example.test").put("body", "internal"));
    assertEquals(201, note.statusCode());
    assertEquals(null, status(note.bodyAsJsonObject().getLong("id")));
  }
}
