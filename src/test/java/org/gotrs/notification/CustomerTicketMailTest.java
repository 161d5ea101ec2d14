package org.gotrs.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The customer hears when an agent closes their ticket (with the portal link to rate it) and, where configured, when
 * its pending reminder is reached; and an agent's in-app notification reaches their open console at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CustomerTicketMailTest {

  private static final Duration WAIT = Duration.ofSeconds(30);

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Api api;
  private int queue;
  private UUID annaId;
  private String anna;
  private String bert;
  private String customer;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0))
        .put("portal", new JsonObject().put("pending_reminder_mail", true))
        .put("scheduler", new JsonObject().put("intervals", new JsonObject().put("pending_tickets", 1))));
    api = new Api(server);
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("closing");
    queue = fixtures.queue("Closing desk", group);
    annaId = fixtures.agent("anna-c", "pw", group, "rw");
    fixtures.agent("bert-c", "pw", group, "rw");
    fixtures.company("closing-co");
    fixtures.customer("cora", "pw", "closing-co");
    anna = server.login("anna-c", "pw");
    bert = server.login("bert-c", "pw");
    customer = fixtures.customerLogin("cora", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private JsonObject ticket(String title) {
    var created = api.post("/tickets", bert, new JsonObject().put("title", title).put("queue_id", queue)
        .put("customer_user", "cora")
        .put("article", new JsonObject().put("subject", title).put("body", "Something is wrong")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private List<MimeMessage> mailAbout(String tn, String subject) {
    return mail.receivedBy("cora@customer.example").stream().filter(message -> {
      try {
        return message.getSubject().contains(tn) && message.getSubject().contains(subject);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).toList();
  }

  private long queued(long ticketId, String kind) {
    return ((Number) server.scalar("SELECT count(*) FROM mail_queue WHERE ticket_id = ? AND kind = ?", ticketId, kind))
        .longValue();
  }

  @Test
  @DisplayName("an agent closing the ticket mails the customer once, with the link to rate it in the portal")
  void closedByAnAgent() throws Exception {
    JsonObject ticket = ticket("Invoice wrong");
    long id = ticket.getLong("id");
    String tn = ticket.getString("tn");
    assertEquals(200, api.patch("/tickets/" + id, bert, new JsonObject().put("state", "closed successful"))
        .statusCode());
    Await.until(WAIT, () -> mailAbout(tn, "closed").size() == 1, () -> "no close mail to cora");
    String body = GreenMailUtil.getBody(mailAbout(tn, "closed").get(0));
    assertTrue(body.contains("/portal/#/ticket/" + id), body);
    assertEquals("auto-generated", mailAbout(tn, "closed").get(0).getHeader("Auto-Submitted", null));
    assertEquals(200, api.patch("/tickets/" + id, bert, new JsonObject().put("title", "Invoice wrong (done)"))
        .statusCode());
    assertEquals(1, queued(id, "customer:closed"), "a later change to the closed ticket mails nothing");
  }

  @Test
  @DisplayName("a customer who closes their own ticket gets no mail about it")
  void closedByTheCustomer() {
    JsonObject ticket = ticket("Never mind");
    long id = ticket.getLong("id");
    assertEquals(200, api.patch("/tickets/" + id, customer, new JsonObject().put("state", "closed successful"))
        .statusCode());
    JsonObject marker = ticket("Marker after");
    assertEquals(200, api.patch("/tickets/" + marker.getLong("id"), bert,
        new JsonObject().put("state", "closed successful")).statusCode());
    Await.until(WAIT, () -> queued(marker.getLong("id"), "customer:closed") == 1,
        () -> "the later close is mailed, so the first one has been seen");
    assertEquals(0, queued(id, "customer:closed"));
  }

  @Test
  @DisplayName("with pending_reminder_mail on, the customer hears when the pending reminder time is reached")
  void pendingReminder() {
    JsonObject ticket = ticket("Waiting for parts");
    long id = ticket.getLong("id");
    String tn = ticket.getString("tn");
    var pending = api.patch("/tickets/" + id, bert, new JsonObject().put("state", "pending reminder")
        .put("until_time", java.time.Instant.now().getEpochSecond() + 2));
    assertEquals(200, pending.statusCode(), pending.bodyAsString());
    Await.until(WAIT, () -> mailAbout(tn, "still on it").size() == 1, () -> "no reminder mail to cora");
  }

  @Test
  @DisplayName("an agent's in-app notification reaches their open console within a second (20 assignments, p50 and max)")
  void pushedAtOnce() {
    List<Long> millis = new ArrayList<>();
    try (LiveClient live = LiveClient.agent(server, anna)) {
      live.subscribe(null, "agent");
      live.await(frame -> "subscribed".equals(frame.getString("type")), 10);
      for (int i = 0; i < 20; i++) {
        long id = ticket("Assigned " + i).getLong("id");
        long started = System.nanoTime();
        assertEquals(200, api.patch("/tickets/" + id, bert, new JsonObject().put("user_id", annaId.toString()))
            .statusCode());
        live.await(frame -> "notification.created".equals(frame.getString("event"))
            && frame.getJsonObject("data").getLong("ticket_id") == id
            && "ticket.owner".equals(frame.getJsonObject("data").getString("event")), 5);
        millis.add((System.nanoTime() - started) / 1_000_000);
      }
    }
    List<Long> sorted = millis.stream().sorted().toList();
    long p50 = sorted.get(sorted.size() / 2);
    long max = sorted.get(sorted.size() - 1);
    System.out.println("notification.created after the PATCH was sent: p50 " + p50 + " ms, max " + max + " ms");
    assertTrue(max < 1_000, "every notification within a second of the change: " + millis);
  }
}
