package org.gotrs.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Administrators write the texts of notification mails per event and language; each agent gets the text in their
 * language, English when there is none, with the OTRS tags filled. Against a real SMTP server (GreenMail).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationTextsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final String ADMIN_MAIL = "desk-admin@example.com";

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Api api;
  private int queue;
  private UUID gretaId;
  private UUID lianId;
  private String admin;
  private String bert;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0).put("retry_seconds", 1)
            .put("send_attempts", 3).put("timeout_seconds", 5)));
    api = new Api(server);
    Fixtures fixtures = new Fixtures(server);
    int group = fixtures.group("texts");
    queue = fixtures.queue("Texts desk", group);
    gretaId = fixtures.agent("greta", "pw", group, "ro", "owner");
    lianId = fixtures.agent("lian", "pw", group, "ro", "owner");
    fixtures.agent("bert", "pw", group, "rw");
    fixtures.company("texts-co");
    fixtures.customer("texts-customer", "pw", "texts-co");
    fixtures.customer("kunde", "pw", "texts-co");
    server.sql("UPDATE customer_user SET language = 'de' WHERE login = 'kunde'");
    server.sql("UPDATE users SET language = 'de', first_name = 'Greta' WHERE id = ?", gretaId);
    server.sql("UPDATE users SET language = 'fr', first_name = 'Lian' WHERE id = ?", lianId);
    server.sql("UPDATE users SET email = ? WHERE login = 'root@localhost'", ADMIN_MAIL);
    admin = server.loginAdmin();
    bert = server.login("bert", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private JsonObject ticket(String title) {
    var created = api.post("/tickets", bert, new JsonObject().put("title", title).put("queue_id", queue)
        .put("customer_user", "texts-customer")
        .put("article", new JsonObject().put("subject", title).put("body", "Something is wrong")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private MimeMessage awaitMail(String address, String tn) {
    Await.until(WAIT, () -> !mailTo(address, tn).isEmpty(), () -> "no mail to " + address + " about " + tn);
    return mailTo(address, tn).get(0);
  }

  private List<MimeMessage> mailTo(String address, String tn) {
    return mail.receivedBy(address).stream().filter(message -> {
      try {
        return message.getSubject() != null && message.getSubject().contains(tn);
      } catch (jakarta.mail.MessagingException e) {
        return false;
      }
    }).toList();
  }

  private static String body(MimeMessage message) throws Exception {
    return String.valueOf(message.getContent());
  }

  private JsonObject text(String event, String language) {
    var listed = api.get("/settings/notification-texts", admin);
    assertEquals(200, listed.statusCode(), listed.bodyAsString());
    return listed.bodyAsJsonObject().getJsonArray("texts").stream().map(JsonObject.class::cast)
        .filter(t -> event.equals(t.getString("event")) && language.equals(t.getString("language")))
        .findFirst().orElseThrow();
  }

  @Test
  @DisplayName("OTRS's texts are there from the start, in English and German, for every event and every customer mail")
  void seeded() {
    var listed = api.get("/settings/notification-texts", admin).bodyAsJsonObject();
    assertEquals(List.of("en", "de"), listed.getJsonArray("languages").getList());
    assertEquals((NotificationEvent.values().length + NotificationText.CUSTOMER_TEXTS.size()) * 2,
        listed.getJsonArray("texts").size());
    assertTrue(text("ticket.owner", "de").getString("subject").startsWith("Änderung des Ticket-Besitzers"));
  }

  @Test
  @DisplayName("an edited German text reaches a German-speaking agent with its tags filled")
  void germanAgent() throws Exception {
    var changed = api.patch("/settings/notification-texts", admin, new JsonObject().put("event", "ticket.owner")
        .put("language", "de").put("subject", "Neu für Sie: <OTRS_TICKET_Title>")
        .put("body", "Hallo <OTRS_NOTIFICATION_RECIPIENT_UserFirstname>, <OTRS_CURRENT_UserLastname> gab Ihnen "
            + "<OTRS_TICKET_TicketNumber> von <OTRS_CUSTOMER_UserLogin>."));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals("Neu für Sie: <OTRS_TICKET_Title>", changed.bodyAsJsonObject().getString("subject"));
    JsonObject ticket = ticket("Drucker brennt");
    String tn = ticket.getString("tn");
    assertEquals(200, api.patch("/tickets/" + ticket.getLong("id"), bert,
        new JsonObject().put("user_id", gretaId.toString())).statusCode());
    MimeMessage message = awaitMail("greta@example.com", tn);
    assertTrue(message.getSubject().contains("Neu für Sie: Drucker brennt"), message.getSubject());
    assertEquals("Hallo Greta, bert gab Ihnen " + tn + " von texts-customer.", body(message).strip());
  }

  @Test
  @DisplayName("an agent's web answer reaches a German-speaking customer in the German customer text")
  void germanCustomer() throws Exception {
    assertEquals(200, api.patch("/settings/notification-texts", admin, new JsonObject()
        .put("event", "customer.answer").put("language", "de")
        .put("body", "Guten Tag <OTRS_CUSTOMER_REALNAME>,\n\n<OTRS_AGENT_BODY>\n\nIhr <OTRS_CURRENT_UserLogin>"))
        .statusCode());
    var created = api.post("/tickets", bert, new JsonObject().put("title", "Bestellung").put("queue_id", queue)
        .put("customer_user", "kunde")
        .put("article", new JsonObject().put("subject", "Bestellung").put("body", "Wo ist sie?")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    long id = created.bodyAsJsonObject().getLong("id");
    String tn = created.bodyAsJsonObject().getString("tn");
    assertEquals(201, api.post("/tickets/" + id + "/articles", bert, new JsonObject()
        .put("article_type", "note-external").put("subject", "Ihre Bestellung").put("body", "Sie kommt morgen."))
        .statusCode());
    MimeMessage message = awaitMail("kunde@customer.example", tn);
    assertTrue(message.getSubject().contains("Ihre Bestellung"), message.getSubject());
    assertEquals("Guten Tag Cus Tomer,\n\nSie kommt morgen.\n\nIhr bert", body(message).strip().replace("\r\n", "\n"));
  }

  @Test
  @DisplayName("an agent whose language has no texts gets the English one")
  void englishFallback() throws Exception {
    JsonObject ticket = ticket("Printer jammed");
    String tn = ticket.getString("tn");
    assertEquals(200, api.patch("/tickets/" + ticket.getLong("id"), bert,
        new JsonObject().put("responsible_user_id", lianId.toString())).statusCode());
    MimeMessage message = awaitMail("lian@example.com", tn);
    assertTrue(message.getSubject().contains("Ticket Responsible Update to Lian lian: Printer jammed"),
        message.getSubject());
    assertTrue(body(message).startsWith("Hi Lian,"), body(message));
    assertTrue(body(message).contains("has been updated to Lian lian by Test bert"), body(message));
  }

  @Test
  @DisplayName("a test sends the filled text to the administrator, or answers it when they have no address")
  void testMail() throws Exception {
    JsonObject ticket = ticket("Try me");
    String tn = ticket.getString("tn");
    JsonObject test = new JsonObject().put("event", "mention").put("language", "en")
        .put("ticket_id", ticket.getLong("id"));
    var sent = api.post("/settings/notification-texts/test", admin, test);
    assertEquals(200, sent.statusCode(), sent.bodyAsString());
    assertEquals(ADMIN_MAIL, sent.bodyAsJsonObject().getString("sent_to"));
    assertEquals("Mention in Ticket: Try me", sent.bodyAsJsonObject().getString("subject"));
    MimeMessage message = awaitMail(ADMIN_MAIL, tn);
    assertTrue(body(message).contains("ticket [Ticket#" + tn + "]"), body(message));

    server.sql("UPDATE users SET email = '' WHERE login = 'root@localhost'");
    try {
      var answered = api.post("/settings/notification-texts/test", admin, test.copy().put("language", "de"));
      assertEquals(200, answered.statusCode(), answered.bodyAsString());
      assertNull(answered.bodyAsJsonObject().getString("sent_to"));
      assertEquals("Erwähnung in Ticket: Try me", answered.bodyAsJsonObject().getString("subject"));
      assertTrue(answered.bodyAsJsonObject().getString("body").contains("[Ticket#" + tn + "]"));
      var escalation = api.post("/settings/notification-texts/test", admin, test.copy().put("event",
          "ticket.escalation"));
      assertTrue(escalation.bodyAsJsonObject().getString("body").contains("Texts desk has escalated (first response)."),
          escalation.bodyAsString());
    } finally {
      server.sql("UPDATE users SET email = ? WHERE login = 'root@localhost'", ADMIN_MAIL);
    }
    assertEquals(404, api.post("/settings/notification-texts/test", admin, test.copy().put("ticket_id", 999_999_999))
        .statusCode());
  }

  @Test
  @DisplayName("unknown events and languages, an empty subject and stray members are refused with 422")
  void validation() {
    JsonObject good = new JsonObject().put("event", "mention").put("language", "en").put("subject", "Hi");
    for (JsonObject bad : List.of(good.copy().put("event", "ticket.exploded"), good.copy().put("language", "xx"),
        good.copy().put("subject", ""), good.copy().put("subject", "   "), good.copy().put("subject", 42),
        good.copy().put("colour", "red"), new JsonObject().put("event", "mention").put("language", "en"),
        good.copy().put("subject", "x".repeat(201)), good.copy().putNull("event"))) {
      var refused = api.patch("/settings/notification-texts", admin, bad);
      assertEquals(422, refused.statusCode(), bad.encode() + " → " + refused.bodyAsString());
      assertTrue(refused.getHeader("Content-Type").startsWith("application/problem+json"));
    }
    for (JsonObject bad : List.of(new JsonObject().put("event", "mention").put("language", "en"),
        new JsonObject().put("event", "nope").put("language", "en").put("ticket_id", 1),
        new JsonObject().put("event", "mention").put("language", "en").put("ticket_id", -3),
        new JsonObject().put("event", "mention").put("language", "en").put("ticket_id", "one"))) {
      assertEquals(422, api.post("/settings/notification-texts/test", admin, bad).statusCode(), bad.encode());
    }
    assertEquals("Mention in Ticket: <OTRS_TICKET_Title>", text("mention", "en").getString("subject"));
  }

  @Test
  @DisplayName("agents neither read nor change the texts, nor send tests: 403")
  void agentsForbidden() {
    assertEquals(403, api.get("/settings/notification-texts", bert).statusCode());
    assertEquals(403, api.patch("/settings/notification-texts", bert, new JsonObject().put("event", "mention")
        .put("language", "en").put("subject", "Mine now")).statusCode());
    assertEquals(403, api.post("/settings/notification-texts/test", bert, new JsonObject().put("event", "mention")
        .put("language", "en").put("ticket_id", 1)).statusCode());
    assertEquals(401, api.get("/settings/notification-texts", null).statusCode());
    assertEquals("Mention in Ticket: <OTRS_TICKET_Title>", text("mention", "en").getString("subject"));
  }
}
