package org.gotrs.reply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Replies, reply-all, forwards and the next state, as an agent's e-mail through the outbox. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReplyApiTest {

  private static final String CUSTOMER_EMAIL = "maria@customer.example";

  private final MailServer smtp = new MailServer();
  private TestServer server;
  private Fixtures fixtures;
  private int queue;
  private String agent;
  private String noteTaker;
  private String customer;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 1000))
        .put("smtp", smtp.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0)));
    fixtures = new Fixtures(server);
    int group = fixtures.group("replies");
    queue = fixtures.queue("Replies", group);
    fixtures.offerToCustomers(queue);
    fixtures.agent("rita", "rita-password", group, "rw");
    fixtures.agent("nico", "nico-password", group, "ro", "note");
    fixtures.company("acme");
    fixtures.customer("maria", "maria-password", "acme");
    agent = server.login("rita", "rita-password");
    noteTaker = server.login("nico", "nico-password");
    customer = fixtures.customerLogin("maria", "maria-password");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
    smtp.close();
  }

  /** A ticket maria opened in the portal: state new, her address on file. */
  private long customerTicket(String title) {
    return fixtures.ticket(customer, queue, title, "Please help.").getLong("id");
  }

  /** An e-mail that came in from a customer, with its recipients, as the mail channel would have written it. */
  private long incomingMail(long ticket, String from, String to, String cc) {
    return added(ticket, agent, new JsonObject().put("article_type", "email-external").put("article_sender_type_id", 3)
        .put("from_address", from).put("to_address", to).put("cc_address", cc).put("subject", "Printer")
        .put("body", "The printer is on fire.")).getLong("id");
  }

  private HttpResponse<Buffer> add(long ticket, String token, JsonObject article) {
    return server.send(HttpMethod.POST, "/api/v1/tickets/" + ticket + "/articles", token, article);
  }

  private JsonObject added(long ticket, String token, JsonObject article) {
    var response = add(ticket, token, article);
    assertEquals(201, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private JsonObject ticket(long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, agent, null).bodyAsJsonObject();
  }

  private long articles(long ticket) {
    return (Long) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", ticket);
  }

  private List<String> fields(HttpResponse<Buffer> response) {
    return response.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(error -> ((JsonObject) error).getString("field")).toList();
  }

  private static void await(String what, BooleanSupplier condition) {
    Await.until(Duration.ofSeconds(20), condition, () -> "timed out waiting for " + what);
  }

  @Test
  @DisplayName("a reply goes to the customer user's address, stored as to_address, and leaves as mail with the ticket number")
  void replyGoesToTheCustomer() throws Exception {
    long ticket = customerTicket("Printer on fire");
    long first = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", ticket);
    JsonObject reply = added(ticket, agent, new JsonObject().put("reply_to_article_id", first)
        .put("body", "We are on our way."));
    assertEquals(CUSTOMER_EMAIL, reply.getString("to_address"));
    assertEquals("email-external", reply.getString("article_type"), "a reply names no type and is an e-mail");
    assertEquals("Re: Printer on fire", reply.getString("subject"));
    assertEquals(CUSTOMER_EMAIL, server.scalar("SELECT to_address FROM article WHERE id = ?", reply.getLong("id")));

    String tn = ticket(ticket).getString("tn");
    await("the reply at the SMTP server", () -> smtp.addressedTo(CUSTOMER_EMAIL).stream().anyMatch(m -> subject(m).contains(tn)));
    MimeMessage mail = smtp.addressedTo(CUSTOMER_EMAIL).stream().filter(m -> subject(m).contains(tn)).findFirst().orElseThrow();
    assertEquals("Re: [Ticket#" + tn + "] Printer on fire", mail.getSubject());
  }

  private static List<String> attachmentNames(MimeMessage message) throws Exception {
    List<String> names = new java.util.ArrayList<>();
    if (message.getContent() instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        if (multipart.getBodyPart(i).getFileName() != null) {
          names.add(multipart.getBodyPart(i).getFileName());
        }
      }
    }
    return names;
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  @DisplayName("an e-mail without to_address on a ticket with a customer goes to the customer too")
  void unaddressedEmailGoesToTheCustomer() {
    long ticket = customerTicket("No address given");
    JsonObject mail = added(ticket, agent, new JsonObject().put("article_type", "email-external")
        .put("subject", "News").put("body", "Fixed."));
    assertEquals(CUSTOMER_EMAIL, mail.getString("to_address"));
  }

  @Test
  @DisplayName("a reply on a ticket without a customer goes to whoever wrote the answered article, in its thread")
  void replyWithoutCustomerGoesToTheSender() {
    long ticket = fixtures.ticket(agent, queue, "Walk-in", "Someone at the desk.").getLong("id");
    long incoming = incomingMail(ticket, "Paul Walker <paul@elsewhere.example>", "support@desk.example", null);
    server.sql("UPDATE article SET message_id = '<m1@elsewhere.example>', \"references\" = '<m0@elsewhere.example>' WHERE id = ?",
        incoming);
    JsonObject reply = added(ticket, agent, new JsonObject().put("reply_to_article_id", incoming).put("body", "Hi Paul"));
    assertEquals("Paul Walker <paul@elsewhere.example>", reply.getString("to_address"));
    assertEquals("<m1@elsewhere.example>", reply.getString("in_reply_to"));
    assertEquals("<m0@elsewhere.example> <m1@elsewhere.example>", reply.getString("references"));
  }

  @Test
  @DisplayName("reply_all adds everyone else who got the answered article as Cc, but not the help desk's own address")
  void replyAllAddsCc() {
    long ticket = customerTicket("Printer again");
    server.sql("INSERT INTO system_address (value0, value1, queue_id) VALUES ('support@desk.example', 'Support', ?)",
        queue);
    long incoming = incomingMail(ticket, CUSTOMER_EMAIL, "support@desk.example, boss@customer.example",
        "Tom <tom@customer.example>, maria@customer.example");
    JsonObject reply = added(ticket, agent, new JsonObject().put("reply_to_article_id", incoming).put("reply_all", true)
        .put("cc", "it@customer.example").put("body", "Noted, all of you."));
    assertEquals(CUSTOMER_EMAIL, reply.getString("to_address"));
    assertEquals("it@customer.example, boss@customer.example, Tom <tom@customer.example>", reply.getString("cc_address"));

    JsonObject plain = added(ticket, agent, new JsonObject().put("reply_to_article_id", incoming).put("body", "Only you."));
    assertNull(plain.getString("cc_address"), "a reply to one answers one");
  }

  @Test
  @DisplayName("Bcc is sent and kept for agents, and never shown to the customer")
  void bccHiddenFromCustomers() {
    long ticket = customerTicket("Quote");
    JsonObject reply = added(ticket, agent, new JsonObject().put("article_type", "email-external")
        .put("subject", "Your quote").put("bcc", "sales@desk.example").put("body", "Attached."));
    assertEquals("sales@desk.example", reply.getString("bcc_address"));
    await("the blind copy in its inbox", () -> smtp.receivedBy("sales@desk.example").size() == 1);
    assertTrue(smtp.addressedTo("sales@desk.example").isEmpty(), "no header names the blind copy");
    JsonObject seen = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles", customer, null)
        .bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(article -> article.getLong("id").equals(reply.getLong("id"))).findFirst().orElseThrow();
    assertNull(seen.getString("bcc_address"));
  }

  @Test
  @DisplayName("a forward goes to the address given, with the forwarded article's attachments")
  void forwardCopiesAttachments() throws Exception {
    long ticket = customerTicket("Invoice");
    long incoming = incomingMail(ticket, CUSTOMER_EMAIL, "support@desk.example", null);
    var uploaded = TestServer.await(server.client().post("/api/v1/tickets/" + ticket + "/articles/" + incoming
            + "/attachments").bearerTokenAuthentication(agent)
        .sendMultipartForm(MultipartForm.create().binaryFileUpload("file", "invoice.pdf",
            Buffer.buffer("%PDF-1.4 invoice"), "application/pdf")));
    assertEquals(201, uploaded.statusCode(), uploaded.bodyAsString());

    var missingTo = add(ticket, agent, new JsonObject().put("forward_of_article_id", incoming).put("body", "FYI"));
    assertEquals(422, missingTo.statusCode());
    assertEquals(List.of("to_address"), fields(missingTo));

    JsonObject forward = added(ticket, agent, new JsonObject().put("forward_of_article_id", incoming)
        .put("to_address", "accounting@partner.example").put("body", "Please check this invoice."));
    assertEquals("accounting@partner.example", forward.getString("to_address"));
    assertEquals("Fwd: Printer", forward.getString("subject"));
    var files = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/articles/" + forward.getLong("id")
        + "/attachments", agent, null).bodyAsJsonObject().getJsonArray("items");
    assertEquals(1, files.size());
    assertEquals("invoice.pdf", files.getJsonObject(0).getString("filename"));

    await("the forward at the SMTP server", () -> !smtp.addressedTo("accounting@partner.example").isEmpty());
    MimeMessage mail = smtp.addressedTo("accounting@partner.example").get(0);
    assertTrue(attachmentNames(mail).contains("invoice.pdf"), "the invoice travels along");
  }

  @Test
  @DisplayName("a reply to an article of another ticket, or a reply that also forwards, is refused and writes nothing")
  void foreignArticleRefused() {
    long ticket = customerTicket("Mine");
    long other = customerTicket("Someone else's");
    long foreign = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", other);
    long before = articles(ticket);
    var refused = add(ticket, agent, new JsonObject().put("reply_to_article_id", foreign).put("body", "x"));
    assertEquals(422, refused.statusCode());
    assertEquals(List.of("reply_to_article_id"), fields(refused));
    var both = add(ticket, agent, new JsonObject().put("reply_to_article_id", foreign).put("forward_of_article_id", foreign)
        .put("to_address", "a@b.example").put("body", "x"));
    assertEquals(422, both.statusCode());
    assertEquals(before, articles(ticket));
  }

  @Test
  @DisplayName("an e-mail moves a new ticket to open by default; a note leaves it new; an open ticket stays where it is")
  void nextStateDefault() {
    long ticket = customerTicket("State machine");
    added(ticket, agent, new JsonObject().put("body", "Internal thought."));
    assertEquals("new", ticket(ticket).getString("state"), "a note moves nothing");
    long first = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", ticket);
    added(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "On it."));
    assertEquals("open", ticket(ticket).getString("state"));
    List<String> history = server.sql("""
        SELECT ht.name FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? ORDER BY h.id""", ticket).stream().map(row -> (String) row.get("name")).toList();
    assertEquals(List.of("SendAnswer", "StateUpdate"), history.subList(history.size() - 2, history.size()));

    added(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "Fixed.")
        .put("next_state", "closed successful"));
    assertEquals("closed successful", ticket(ticket).getString("state"));
  }

  @Test
  @DisplayName("a pending next state needs a pending time in the future; without one nothing is written")
  void pendingNeedsTime() {
    long ticket = customerTicket("Waiting for parts");
    long first = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", ticket);
    long before = articles(ticket);
    var noTime = add(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "Ordered.")
        .put("next_state", "pending reminder"));
    assertEquals(422, noTime.statusCode());
    assertEquals(List.of("pending_until"), fields(noTime));
    var past = add(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "Ordered.")
        .put("next_state", "pending reminder").put("pending_until", "2001-01-01T00:00:00Z"));
    assertEquals(422, past.statusCode());
    var unknown = add(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "Ordered.")
        .put("next_state", "on holiday"));
    assertEquals(List.of("next_state"), fields(unknown));
    assertEquals(before, articles(ticket));
    assertEquals("new", ticket(ticket).getString("state"));

    Instant until = Instant.now().plus(Duration.ofDays(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    added(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "Ordered.")
        .put("next_state", "pending reminder").put("pending_until", until.toString()));
    JsonObject pending = ticket(ticket);
    assertEquals("pending reminder", pending.getString("state"));
    assertEquals(until.getEpochSecond(), pending.getLong("until_time"));
  }

  @Test
  @DisplayName("an agent who may only write notes cannot move the ticket with one; a customer cannot name a next state")
  void nextStateNeedsItsKey() {
    long ticket = customerTicket("Keys");
    long before = articles(ticket);
    var note = add(ticket, noteTaker, new JsonObject().put("body", "Seen.").put("next_state", "open"));
    assertEquals(403, note.statusCode(), note.bodyAsString());
    assertEquals(before, articles(ticket), "the note went with the refused change");
    assertEquals(201, add(ticket, noteTaker, new JsonObject().put("body", "Seen.")).statusCode());
    assertEquals(403, add(ticket, customer, new JsonObject().put("body", "Close it").put("next_state", "open"))
        .statusCode());
  }

  @Test
  @DisplayName("reply-defaults tells the composer To, Cc, subject and next state before anything is written")
  void replyDefaults() {
    long ticket = customerTicket("Defaults");
    long incoming = incomingMail(ticket, CUSTOMER_EMAIL, "support@desk.example, boss@customer.example", null);
    String path = "/api/v1/tickets/" + ticket + "/reply-defaults";
    JsonObject all = server.send(HttpMethod.GET, path + "?reply_to_article_id=" + incoming + "&reply_all=true", agent,
        null).bodyAsJsonObject();
    assertEquals(CUSTOMER_EMAIL, all.getString("to"));
    assertEquals("boss@customer.example", all.getString("cc"));
    assertEquals("Re: Printer", all.getString("subject"));
    assertEquals("open", all.getString("next_state"), "a new ticket is opened by an answer");
    JsonObject forward = server.send(HttpMethod.GET, path + "?forward_of_article_id=" + incoming, agent, null)
        .bodyAsJsonObject();
    assertNull(forward.getString("to"), "a forward goes where the agent says");
    assertEquals("Fwd: Printer", forward.getString("subject"));
    assertEquals(422, server.send(HttpMethod.GET, path + "?reply_to_article_id=x", agent, null).statusCode());
    assertEquals(403, server.send(HttpMethod.GET, path, customer, null).statusCode());
  }

  @Test
  @DisplayName("the queue's salutation and signature, filled for the ticket, go around a reply unless it asks for none; "
      + "reply-defaults shows them to the composer")
  void salutationAndSignature() throws Exception {
    String admin = server.loginAdmin();
    int signature = added(admin, "/api/v1/signatures", new JsonObject().put("name", "Replies signature")
        .put("text", "Your support team\n<OTRS_CONFIG_NotAKnownTag>"));
    int salutation = added(admin, "/api/v1/salutations", new JsonObject().put("name", "Replies salutation")
        .put("text", "Hello <OTRS_CUSTOMER_UserFirstname>,"));
    var assigned = server.send(HttpMethod.PATCH, "/api/v1/queues/" + queue, admin, new JsonObject()
        .put("salutation_id", salutation).put("signature_id", signature));
    assertEquals(200, assigned.statusCode(), assigned.bodyAsString());
    try {
      long ticket = customerTicket("Decorated reply");
      long first = (Long) server.scalar("SELECT min(id) FROM article WHERE ticket_id = ?", ticket);
      JsonObject defaults = server.send(HttpMethod.GET, "/api/v1/tickets/" + ticket + "/reply-defaults?reply_to_article_id="
          + first, agent, null).bodyAsJsonObject();
      assertEquals("Hello Cus,", defaults.getJsonObject("salutation").getString("text"));
      assertTrue(defaults.getJsonObject("signature").getString("text").startsWith("Your support team"));

      JsonObject reply = added(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "It works again."));
      assertEquals("Hello Cus,\n\nIt works again.\n\nYour support team\n<OTRS_CONFIG_NotAKnownTag>",
          reply.getString("body"), "an unknown tag stays visible");
      JsonObject bare = added(ticket, agent, new JsonObject().put("reply_to_article_id", first).put("body", "As written.")
          .put("decorate", false));
      assertEquals("As written.", bare.getString("body"));
      JsonObject html = added(ticket, agent, new JsonObject().put("reply_to_article_id", first)
          .put("content_type", "text/html").put("body", "<p>In <b>bold</b>.</p>"));
      assertTrue(html.getString("body").startsWith("<div>Hello Cus,</div>"), html.getString("body"));
      assertTrue(html.getString("body").contains("Your support team<br>&lt;OTRS_CONFIG_NotAKnownTag&gt;"),
          html.getString("body"));
      JsonObject note = added(ticket, agent, new JsonObject().put("body", "Just between us."));
      assertEquals("Just between us.", note.getString("body"), "a note gets neither");
    } finally {
      server.send(HttpMethod.PATCH, "/api/v1/queues/" + queue, admin, new JsonObject()
          .putNull("salutation_id").putNull("signature_id"));
    }
  }

  private int added(String admin, String path, JsonObject body) {
    var created = server.send(HttpMethod.POST, path, admin, body);
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getInteger("id");
  }

  @Test
  @DisplayName("an image pasted into the text leaves as an inline part of the mail that the HTML names by cid:")
  void pastedImageBecomesInlinePart() throws Exception {
    long ticket = customerTicket("Screenshot");
    String pixel = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==";
    added(ticket, agent, new JsonObject().put("article_type", "email-external").put("subject", "See here")
        .put("content_type", "text/html").put("decorate", false)
        .put("body", "<p>Look:</p><p><img src=\"data:image/png;base64," + pixel + "\" alt=\"shot\"></p>"));
    String tn = ticket(ticket).getString("tn");
    await("the mail with the image", () -> smtp.addressedTo(CUSTOMER_EMAIL).stream().anyMatch(m -> subject(m).contains(tn)));
    MimeMessage mail = smtp.addressedTo(CUSTOMER_EMAIL).stream().filter(m -> subject(m).contains(tn)).findFirst().orElseThrow();
    java.io.ByteArrayOutputStream raw = new java.io.ByteArrayOutputStream();
    mail.writeTo(raw);
    String source = raw.toString(java.nio.charset.StandardCharsets.UTF_8);
    java.util.regex.Matcher cid = java.util.regex.Pattern.compile("src=3D\"cid:([^\"]+)\"|src=\"cid:([^\"]+)\"")
        .matcher(source);
    assertTrue(cid.find(), "the HTML names the image by cid: " + source);
    String id = cid.group(1) != null ? cid.group(1) : cid.group(2);
    assertTrue(source.contains("Content-ID: <" + id + ">"), "the image is a part with that id");
    assertFalse(source.contains("data:image/png"), "no data: URL is left in the mail");
  }

  @Test
  @DisplayName("a draft survives on the server for its agent alone, from any sign-in, and is gone once the reply is sent")
  void draftsSurviveUntilSent() {
    long ticket = customerTicket("Draft me");
    String path = "/api/v1/tickets/" + ticket + "/draft";
    assertEquals(404, server.send(HttpMethod.GET, path, agent, null).statusCode());
    var saved = server.send(HttpMethod.PUT, path, agent, new JsonObject().put("kind", "reply")
        .put("to", CUSTOMER_EMAIL).put("body", "Half a thought").put("next_state", "open"));
    assertEquals(200, saved.statusCode(), saved.bodyAsString());

    String otherDevice = server.login("rita", "rita-password");
    JsonObject draft = server.send(HttpMethod.GET, path, otherDevice, null).bodyAsJsonObject();
    assertEquals("Half a thought", draft.getString("body"));
    assertEquals("reply", draft.getString("kind"));
    assertEquals(ticket, draft.getLong("ticket_id"));
    assertEquals(404, server.send(HttpMethod.GET, path, noteTaker, null).statusCode(), "nico's drafts are his own");
    assertEquals(403, server.send(HttpMethod.GET, path, customer, null).statusCode());
    var unknown = server.send(HttpMethod.PUT, path, agent, new JsonObject().put("kind", "reply").put("colour", "red"));
    assertEquals(422, unknown.statusCode());
    assertEquals(List.of("colour"), fields(unknown));

    added(ticket, agent, new JsonObject().put("article_type", "email-external").put("body", "A whole thought."));
    assertEquals(404, server.send(HttpMethod.GET, path, agent, null).statusCode(), "sending discards the draft");

    server.send(HttpMethod.PUT, path, agent, new JsonObject().put("kind", "note").put("body", "scratch"));
    assertEquals(204, server.send(HttpMethod.DELETE, path, agent, null).statusCode());
    assertEquals(404, server.send(HttpMethod.GET, path, agent, null).statusCode());
    assertFalse(server.sql("SELECT 1 FROM article_draft WHERE ticket_id = ?", ticket).size() > 0);
  }
}
