package org.gotrs.mail;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.user.GreenMailUser;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.ByteArrayOutputStream;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The email channel against real SMTP, IMAP and POP3 servers (GreenMail) and a real PostgreSQL. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmailChannelTest {

  private MailServer mail;
  private TestServer server;
  private Api api;
  private Fixtures fixtures;
  private String admin;
  private int group;
  private int support;
  private UUID alice;
  private GreenMailUser supportBox;
  private GreenMailUser popBox;
  private int imapAccount;
  private int popAccount;

  @BeforeAll
  void start() {
    mail = new MailServer();
    supportBox = mail.user("support@helpdesk.test", "support", "secret");
    popBox = mail.user("pop@helpdesk.test", "pop", "secret");
    server = TestServer.start(new JsonObject()
        .put("smtp", new JsonObject().put("host", "127.0.0.1").put("port", mail.smtpPort()).put("tls", false))
        .put("mail", new JsonObject().put("scheduler_millis", 200).put("outbox_millis", 200)
            .put("send_delay_seconds", 0).put("retry_seconds", 1).put("send_attempts", 2)
            .put("auto_responses_per_hour", 3).put("timeout_seconds", 10))
        .mergeIn(new JsonObject(GotrsServer.MANY_LOGINS)));
    api = new Api(server);
    fixtures = new Fixtures(server);
    admin = server.loginAdmin();
    group = fixtures.group("support");
    support = fixtures.queue("Support", group);
    fixtures.grant(org.gotrs.permission.Principal.SYSTEM_USER_ID, group, "rw");
    fixtures.company("acme");
    alice = (UUID) server.scalar("""
        INSERT INTO customer_user (login, email, customer_id, first_name, last_name)
        VALUES ('alice', 'Alice@Customer.test', 'acme', 'Alice', 'Liddell') RETURNING id""");
    imapAccount = account("imap", "support", mail.imapPort(), "Support", 3600);
    popAccount = account("pop3", "pop", mail.pop3Port(), "Support", 3600);
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private int account(String type, String login, int port, String queue, int pollSeconds) {
    var created = api.post("/mail-accounts", admin, new JsonObject().put("type", type)
        .put("host", "127.0.0.1").put("port", port).put("login", login).put("password", "secret").put("tls", false)
        .put("queue", queue).put("poll_seconds", pollSeconds));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject().getInteger("id");
  }

  private JsonObject poll(int account) {
    var polled = api.post("/mail-accounts/" + account + "/poll", admin, null);
    assertEquals(200, polled.statusCode(), polled.bodyAsString());
    return polled.bodyAsJsonObject();
  }

  private static String message(String messageId, String from, String subject, String headers, String body) {
    return """
        From: %s
        To: Support <support@helpdesk.test>
        Subject: %s
        Message-ID: %s
        Date: Mon, 2 Feb 2026 10:00:00 +0000
        MIME-Version: 1.0
        %sContent-Type: text/plain; charset=utf-8

        %s
        """.formatted(from, subject, messageId, headers.isEmpty() ? "" : headers + "\n", body);
  }

  private Map<String, Object> ticketOf(String messageId) {
    List<Map<String, Object>> rows = server.sql("""
        SELECT t.id, t.tn, t.title, t.source, t.queue_id, t.customer_user_id, t.customer_id, t.ticket_priority_id,
               t.tags, a.id AS article_id
          FROM article a JOIN ticket t ON t.id = a.ticket_id WHERE a.message_id = ?""", messageId);
    assertEquals(1, rows.size(), "one article carries " + messageId);
    return rows.get(0);
  }

  private long count(String sql, Object... parameters) {
    return ((Number) server.scalar(sql, parameters)).longValue();
  }

  @Test
  @DisplayName("a mail in a polled mailbox becomes an email ticket in the account's queue, its customer found by address")
  void mailBecomesTicket() {
    GreenMailUser box = mail.user("new@helpdesk.test", "new", "secret");
    mail.deliver(box, message("<first@customer.test>", "Alice Liddell <alice@customer.test>", "Printer on fire", "",
        "It is burning.\nPlease help."));
    account("imap", "new", mail.imapPort(), "Support", 1);
    MailServer.await("the mail to be imported",
        () -> count("SELECT count(*) FROM article WHERE message_id = '<first@customer.test>'") == 1);
    Map<String, Object> ticket = ticketOf("<first@customer.test>");
    assertEquals("Printer on fire", ticket.get("title"));
    assertEquals("email", ticket.get("source"));
    assertEquals(support, ticket.get("queue_id"));
    assertEquals(alice, ticket.get("customer_user_id"));
    assertEquals("acme", ticket.get("customer_id"));
    var articles = api.get("/tickets/" + ticket.get("id") + "/articles", admin)
        .bodyAsJsonObject().getJsonArray("items");
    JsonObject article = articles.getJsonObject(0);
    assertEquals("email-external", article.getString("article_type"));
    assertEquals("customer", article.getString("sender_type"));
    assertEquals("Alice Liddell <alice@customer.test>", article.getString("from_address"));
    assertEquals("Support <support@helpdesk.test>", article.getString("to_address"));
    assertTrue(article.getString("body").contains("It is burning."));
    MailServer.await("the mailbox to be emptied", () -> mail.inboxSize(box) == 0);
    assertEquals("EmailCustomer", server.scalar("""
        SELECT ht.name FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? AND h.article_id IS NOT NULL""", ticket.get("id")));
  }

  @Test
  @DisplayName("a reply with the ticket number in its subject is a follow-up; so is one threaded by In-Reply-To alone")
  void followUps() {
    mail.deliver(supportBox, message("<thread-1@customer.test>", "alice@customer.test", "Screen is black", "", "Help"));
    assertEquals(1, poll(imapAccount).getInteger("imported"));
    Map<String, Object> ticket = ticketOf("<thread-1@customer.test>");
    long tickets = count("SELECT count(*) FROM ticket");

    mail.deliver(supportBox, message("<thread-2@customer.test>", "alice@customer.test",
        "Re: [Ticket#" + ticket.get("tn") + "] Screen is black", "", "Still black"));
    mail.deliver(supportBox, message("<thread-3@customer.test>", "alice@customer.test", "Re: my screen",
        "In-Reply-To: <thread-1@customer.test>\nReferences: <thread-1@customer.test>", "And now it flickers"));
    JsonObject polled = poll(imapAccount);
    assertEquals(2, polled.getInteger("imported"));
    assertEquals(0, mail.inboxSize(supportBox));
    assertEquals(tickets, count("SELECT count(*) FROM ticket"), "no new ticket");
    assertEquals(ticket.get("id"), ticketOf("<thread-2@customer.test>").get("id"));
    assertEquals(ticket.get("id"), ticketOf("<thread-3@customer.test>").get("id"));
    assertEquals(2L, count("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE h.ticket_id = ? AND ht.name = 'FollowUp'""", ticket.get("id")));
  }

  @Test
  @DisplayName("a follow-up to a closed ticket reopens it, or opens a new ticket when its queue says so")
  void followUpToClosedTicket() {
    mail.deliver(supportBox, message("<closed-1@customer.test>", "alice@customer.test", "Mouse broken", "", "Help"));
    poll(imapAccount);
    Map<String, Object> ticket = ticketOf("<closed-1@customer.test>");
    long id = (Long) ticket.get("id");
    assertEquals(200, api.patch("/tickets/" + id, admin,
        new JsonObject().put("state", "closed successful")).statusCode());
    mail.deliver(supportBox, message("<closed-2@customer.test>", "alice@customer.test",
        "Re: [Ticket#" + ticket.get("tn") + "] Mouse broken", "", "It broke again"));
    poll(imapAccount);
    assertEquals(id, ticketOf("<closed-2@customer.test>").get("id"));
    assertEquals("open", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id WHERE t.id = ?", id));

    int strict = fixtures.queue("Strict", group);
    server.sql("UPDATE queue SET follow_up_id = 3 WHERE id = ?", strict);
    server.sql("UPDATE ticket SET queue_id = ?, ticket_state_id = 3 WHERE id = ?", strict, id);
    mail.deliver(supportBox, message("<closed-3@customer.test>", "alice@customer.test",
        "Re: [Ticket#" + ticket.get("tn") + "] Mouse broken", "", "Once more"));
    poll(imapAccount);
    Map<String, Object> fresh = ticketOf("<closed-3@customer.test>");
    assertNotEquals(id, fresh.get("id"));
    assertEquals("Mouse broken", fresh.get("title"));
  }

  @Test
  @DisplayName("an attachment and an inline image survive byte for byte, the image with its Content-ID")
  void attachmentsSurvive() {
    byte[] image = new byte[2048];
    byte[] document = new byte[70_000];
    Random random = new Random(42);
    random.nextBytes(image);
    random.nextBytes(document);
    mail.deliver(supportBox, """
        From: alice@customer.test
        To: support@helpdesk.test
        Subject: Screenshot attached
        Message-ID: <files@customer.test>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="outer"

        --outer
        Content-Type: multipart/related; boundary="related"

        --related
        Content-Type: text/html; charset=utf-8

        <p>See <img src="cid:shot@customer.test"></p>
        --related
        Content-Type: image/png
        Content-ID: <shot@customer.test>
        Content-Disposition: inline; filename="shot.png"
        Content-Transfer-Encoding: base64

        %s
        --related--
        --outer
        Content-Type: application/pdf; name="report.pdf"
        Content-Disposition: attachment; filename="report.pdf"
        Content-Transfer-Encoding: base64

        %s
        --outer--
        """.formatted(Base64.getMimeEncoder().encodeToString(image), Base64.getMimeEncoder().encodeToString(document)));
    assertEquals(1, poll(imapAccount).getInteger("imported"));
    Map<String, Object> ticket = ticketOf("<files@customer.test>");
    String base = "/tickets/" + ticket.get("id") + "/articles/" + ticket.get("article_id") + "/attachments";
    JsonArray items = api.get(base, admin).bodyAsJsonObject().getJsonArray("items");
    assertEquals(2, items.size(), items.encode());
    JsonObject inline = items.getJsonObject(0);
    assertEquals("shot.png", inline.getString("filename"));
    assertEquals("inline", inline.getString("disposition"));
    assertEquals("shot@customer.test", inline.getString("content_id"));
    assertArrayEquals(image, api.get(base + "/" + inline.getLong("id"), admin).body().getBytes());
    JsonObject pdf = items.getJsonObject(1);
    assertEquals("report.pdf", pdf.getString("filename"));
    assertEquals("application/pdf", pdf.getString("content_type"));
    assertArrayEquals(document, api.get(base + "/" + pdf.getLong("id"), admin).body().getBytes());
    JsonObject article = api.get("/tickets/" + ticket.get("id") + "/articles", admin)
        .bodyAsJsonObject().getJsonArray("items").getJsonObject(0);
    assertTrue(article.getString("html_body").contains("cid:shot@customer.test"), article.getString("html_body"));
  }

  @Test
  @DisplayName("a malformed message is kept whole as failed, and the mailbox goes on with the next one")
  void malformedIsKept() {
    String broken = """
        From: alice@customer.test
        To: support@helpdesk.test
        Subject: Broken structure
        Message-ID: <broken@customer.test>
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary="never-there"

        this body has no parts at all
        """;
    mail.deliver(supportBox, broken);
    mail.deliver(supportBox, message("<after-broken@customer.test>", "alice@customer.test", "Next one", "", "fine"));
    JsonObject polled = poll(imapAccount);
    assertEquals(1, polled.getInteger("failed"), polled.encode());
    assertEquals(1, polled.getInteger("imported"), polled.encode());
    assertEquals(0, mail.inboxSize(supportBox));
    ticketOf("<after-broken@customer.test>");

    JsonArray failed = api.get("/mail-failed", admin).bodyAsJsonObject().getJsonArray("items");
    JsonObject kept = failed.stream().map(JsonObject.class::cast)
        .filter(item -> "Broken structure".equals(item.getString("subject"))).findFirst().orElseThrow();
    assertNotNull(kept.getString("error"));
    String raw = api.get("/mail-failed/" + kept.getLong("id") + "/raw", admin).bodyAsString();
    assertTrue(raw.contains("this body has no parts at all"), raw);
    assertTrue(raw.contains("Message-ID: <broken@customer.test>"), raw);

    mail.deliver(supportBox, broken);
    JsonObject again = poll(imapAccount);
    assertEquals(1, again.getInteger("duplicates"), "a failed message fetched again is not kept twice");
    assertEquals(1L, count("SELECT count(*) FROM mail_failed WHERE subject = 'Broken structure'"));
  }

  @Test
  @DisplayName("a message still in the mailbox after it was stored (a crash before the delete) is not imported twice")
  void crashBetweenStoreAndDelete() {
    String original = message("<once@customer.test>", "alice@customer.test", "Only once", "", "once");
    mail.deliver(popBox, original);
    assertEquals(1, poll(popAccount).getInteger("imported"));
    long tickets = count("SELECT count(*) FROM ticket");
    long articles = count("SELECT count(*) FROM article");
    assertEquals(0, mail.inboxSize(popBox));

    // what a crash between the commit and the delete leaves behind: the same message, stored and still there
    mail.deliver(popBox, original);
    JsonObject polled = poll(popAccount);
    assertEquals(0, polled.getInteger("imported"));
    assertEquals(1, polled.getInteger("duplicates"));
    assertEquals(0, mail.inboxSize(popBox), "the stored message is removed this time");
    assertEquals(tickets, count("SELECT count(*) FROM ticket"));
    assertEquals(articles, count("SELECT count(*) FROM article"));
  }

  @Test
  @DisplayName("an agent's email reply reaches the customer with the ticket number and threading headers; the answer threads back")
  void agentReplyGoesOut() throws Exception {
    mail.user("alice@customer.test", "alice-box", "secret");
    mail.deliver(supportBox, message("<ask@customer.test>", "Alice <alice@customer.test>", "Invoice missing",
        "References: <older@customer.test>", "Where is it?"));
    poll(imapAccount);
    Map<String, Object> ticket = ticketOf("<ask@customer.test>");
    var reply = api.post("/tickets/" + ticket.get("id") + "/articles", admin, new JsonObject()
        .put("article_type", "email-external").put("to_address", "Alice <alice@customer.test>")
        .put("subject", "Re: Invoice missing").put("body", "It is attached now."));
    assertEquals(201, reply.statusCode(), reply.bodyAsString());
    long articleId = reply.bodyAsJsonObject().getLong("id");
    assertEquals("queued", reply.bodyAsJsonObject().getString("delivery_status"));

    MailServer.await("the reply in the customer's mailbox", () -> mail.receivedBy("alice@customer.test").stream()
        .anyMatch(m -> subject(m).contains("[Ticket#" + ticket.get("tn") + "]")));
    MimeMessage received = mail.receivedBy("alice@customer.test").stream()
        .filter(m -> subject(m).contains("[Ticket#" + ticket.get("tn") + "]")).findFirst().orElseThrow();
    assertEquals("Re: [Ticket#" + ticket.get("tn") + "] Invoice missing", received.getSubject());
    assertEquals("<ask@customer.test>", received.getHeader("In-Reply-To", null));
    assertEquals("<older@customer.test> <ask@customer.test>", received.getHeader("References", null));
    MailServer.await("the article marked sent",
        () -> "sent".equals(server.scalar("SELECT delivery_status FROM article WHERE id = ?", articleId)));
    assertEquals(server.scalar("SELECT message_id FROM article WHERE id = ?", articleId), received.getMessageID());
    assertEquals(received.getMessageID(), received.getHeader("Message-ID", null));

    mail.deliver(supportBox, message("<answer@customer.test>", "alice@customer.test", "Thanks!",
        "In-Reply-To: " + received.getMessageID(), "Got it"));
    poll(imapAccount);
    assertEquals(ticket.get("id"), ticketOf("<answer@customer.test>").get("id"));
  }

  @Test
  @DisplayName("an agent's mail goes out from its queue's system address, under the address's display name")
  void sentFromTheQueuesSystemAddress() throws Exception {
    int billing = fixtures.queue("Billing", group);
    var address = api.post("/system-addresses", admin, new JsonObject()
        .put("email", "billing@helpdesk.test").put("display_name", "Billing Team").put("queue_id", billing));
    assertEquals(201, address.statusCode(), address.bodyAsString());
    assertEquals(200, api.patch("/queues/" + billing, admin, new JsonObject()
        .put("system_address_id", address.bodyAsJsonObject().getInteger("id"))).statusCode());
    long ticket = fixtures.ticket(admin, billing, "Invoice 7", "Wrong amount").getLong("id");
    var reply = api.post("/tickets/" + ticket + "/articles", admin, new JsonObject()
        .put("article_type", "email-external").put("to_address", "dora@customer.test")
        .put("subject", "Your invoice").put("body", "Corrected."));
    assertEquals(201, reply.statusCode(), reply.bodyAsString());

    MailServer.await("the reply at dora's", () -> !mail.receivedBy("dora@customer.test").isEmpty());
    MimeMessage received = mail.receivedBy("dora@customer.test").get(0);
    assertEquals("Billing Team <billing@helpdesk.test>", received.getHeader("From", null));
    assertTrue(received.getMessageID().endsWith("@helpdesk.test>"), received.getMessageID());
  }

  private static String subject(MimeMessage message) {
    try {
      return String.valueOf(message.getSubject());
    } catch (Exception e) {
      return "";
    }
  }

  @Test
  @DisplayName("auto-replies answer people once, never machines, the help desk's own mail, or one address too often")
  void noAutoReplyLoop() throws Exception {
    int queue = fixtures.queue("Replies", group);
    server.sql("UPDATE queue SET auto_response_config = ?::jsonb WHERE id = ?", new JsonObject()
        .put("auto_reply", new JsonObject().put("subject", "We got it: <OTRS_CUSTOMER_SUBJECT>")
            .put("body", "Your ticket is <OTRS_TICKET_TicketNumber>."))
        .put("auto_follow_up", new JsonObject().put("subject", "Noted").put("body", "We have your follow-up."))
        .encode(), queue);
    GreenMailUser box = mail.user("replies@helpdesk.test", "replies", "secret");
    mail.user("bob@customer.test", "bob-box", "secret");
    int account = account("imap", "replies", mail.imapPort(), "Replies", 3600);

    mail.deliver(box, message("<bob-1@customer.test>", "bob@customer.test", "Coffee machine", "", "Empty"));
    poll(account);
    Map<String, Object> ticket = ticketOf("<bob-1@customer.test>");
    MailServer.await("the auto-reply", () -> mail.receivedBy("bob@customer.test").size() == 1);
    MimeMessage autoReply = mail.receivedBy("bob@customer.test").get(0);
    assertEquals("auto-replied", autoReply.getHeader("Auto-Submitted", null));
    assertEquals("<bob-1@customer.test>", autoReply.getHeader("In-Reply-To", null));
    assertTrue(autoReply.getSubject().contains("[Ticket#" + ticket.get("tn") + "]"), autoReply.getSubject());
    assertTrue(String.valueOf(autoReply.getContent()).contains("Your ticket is " + ticket.get("tn")));

    // the auto-reply comes back to the help desk's own mailbox: it is recognised as its own mail
    ByteArrayOutputStream bounced = new ByteArrayOutputStream();
    autoReply.writeTo(bounced);
    mail.deliver(box, bounced.toByteArray());
    assertEquals(1, poll(account).getInteger("duplicates"));
    // bob's vacation responder answers the auto-reply: kept as a follow-up, not answered
    mail.deliver(box, message("<bob-vacation@customer.test>", "bob@customer.test", "Out of office",
        "Auto-Submitted: auto-replied\nIn-Reply-To: " + autoReply.getMessageID(), "I am away"));
    // bulk mail and a mailer daemon's report open tickets but get no answer
    mail.deliver(box, message("<news@lists.test>", "news@lists.test", "Newsletter", "Precedence: bulk", "News"));
    mail.deliver(box, message("<dsn@mx.test>", "MAILER-DAEMON@mx.test", "Undeliverable", "", "Returned"));
    // a person following up is answered once more
    mail.deliver(box, message("<bob-2@customer.test>", "bob@customer.test",
        "Re: [Ticket#" + ticket.get("tn") + "] Coffee machine", "", "Still empty"));
    JsonObject polled = poll(account);
    assertEquals(4, polled.getInteger("imported"), polled.encode());
    assertEquals(ticket.get("id"), ticketOf("<bob-vacation@customer.test>").get("id"));
    assertEquals(2L, count("SELECT count(*) FROM article WHERE ticket_id = ? AND article_sender_type_id = 2", ticket.get("id")));
    assertEquals(0L, count("SELECT count(*) FROM article WHERE article_sender_type_id = 2 AND to_address IN ('news@lists.test', 'mailer-daemon@mx.test')"));

    // an auto-responder without any header writes again and again: the per-address limit stops the loop
    for (int i = 0; i < 5; i++) {
      mail.deliver(box, message("<carol-" + i + "@customer.test>", "carol@customer.test", "Ping " + i, "", "ping"));
    }
    poll(account);
    assertEquals(3L, count("SELECT count(*) FROM article WHERE article_sender_type_id = 2 AND to_address = 'carol@customer.test'"));
    assertEquals(2L, count("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type ht ON ht.id = h.history_type_id
         WHERE ht.name = 'LoopProtection'"""));
    MailServer.await("every auto-reply sent", () -> count(
        "SELECT count(*) FROM article WHERE article_sender_type_id = 2 AND delivery_status <> 'sent'") == 0);
  }

  @Test
  @DisplayName("postmaster filters set queue, priority and tags of a new ticket, or drop the message")
  void postmasterFilters() {
    int vip = fixtures.queue("VIP", group);
    var created = api.post("/postmaster-filters", admin, new JsonObject().put("name", "vip")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "From").put("pattern", "@vip\\.test>?$")))
        .put("actions", new JsonObject().put("queue", "VIP").put("priority", "5 very high")
            .put("tags", new JsonArray().add("vip"))));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    assertEquals(vip, created.bodyAsJsonObject().getJsonObject("actions").getInteger("queue_id"));
    assertEquals(201, api.post("/postmaster-filters", admin, new JsonObject().put("name", "spam")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "Subject").put("pattern", "^\\[SPAM\\]")))
        .put("actions", new JsonObject().put("drop", true))).statusCode());

    mail.deliver(supportBox, message("<vip@vip.test>", "boss@vip.test", "Urgent", "", "Now"));
    mail.deliver(supportBox, message("<spam@spam.test>", "x@spam.test", "[SPAM] cheap", "", "buy"));
    JsonObject polled = poll(imapAccount);
    assertEquals(1, polled.getInteger("dropped"), polled.encode());
    Map<String, Object> ticket = ticketOf("<vip@vip.test>");
    assertEquals(vip, ticket.get("queue_id"));
    assertEquals(5, ticket.get("ticket_priority_id"));
    assertEquals(0L, count("SELECT count(*) FROM article WHERE message_id = '<spam@spam.test>'"));
    assertEquals(0, mail.inboxSize(supportBox));

    var badPattern = api.post("/postmaster-filters", admin, new JsonObject().put("name", "bad")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "Subject").put("pattern", "(")))
        .put("actions", new JsonObject().put("drop", true)));
    assertEquals(422, badPattern.statusCode());
    assertEquals("matches[0].pattern", badPattern.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0).getString("field"));
    assertEquals(422, api.post("/postmaster-filters", admin, new JsonObject().put("name", "bad")
        .put("matches", new JsonArray().add(new JsonObject().put("header", "Subject").put("pattern", "x")))
        .put("actions", new JsonObject().put("queue", "No such queue"))).statusCode());
    fixtures.agent("filter-agent", "pw", group, "rw");
    String agent = server.login("filter-agent", "pw");
    assertEquals(403, api.get("/postmaster-filters", agent).statusCode());
    int id = created.bodyAsJsonObject().getInteger("id");
    assertEquals(200, api.patch("/postmaster-filters/" + id, admin,
        new JsonObject().put("valid_id", 2)).statusCode());
    assertEquals(204, api.delete("/postmaster-filters/" + id, admin).statusCode());
    assertEquals(404, api.get("/postmaster-filters/" + id, admin).statusCode());
  }

  @Test
  @DisplayName("mail accounts are for administrators, validated, and never show their password")
  void mailAccountsApi() {
    var created = api.post("/mail-accounts", admin, new JsonObject().put("type", "pop3")
        .put("host", "mail.example.test").put("login", "someone").put("password", "top-secret").put("tls", true)
        .put("queue_id", support).put("poll_seconds", 300).put("valid_id", 2));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    JsonObject account = created.bodyAsJsonObject();
    assertEquals(995, account.getInteger("port"));
    assertEquals("Support", account.getString("queue"));
    assertFalse(created.bodyAsString().contains("top-secret"));
    assertFalse(account.containsKey("password"));
    int id = account.getInteger("id");
    String sealed = (String) server.scalar("SELECT password_sealed FROM mail_account WHERE id = ?", id);
    assertFalse(sealed.contains("top-secret"));
    assertFalse(api.get("/mail-accounts", admin).bodyAsString().contains("top-secret"));
    assertFalse(server.sql("SELECT new_values::text AS v FROM audit_log WHERE action = 'mail_account.create'")
        .toString().contains("top-secret"));

    var changed = api.patch("/mail-accounts/" + id, admin, new JsonObject().put("poll_seconds", 60));
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
    assertEquals(60, changed.bodyAsJsonObject().getInteger("poll_seconds"));
    assertEquals(sealed, server.scalar("SELECT password_sealed FROM mail_account WHERE id = ?", id),
        "the password stays when not given");

    var invalid = api.post("/mail-accounts", admin, new JsonObject().put("type", "smtp")
        .put("port", 70000));
    assertEquals(422, invalid.statusCode());
    var fields = invalid.bodyAsJsonObject().getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field")).toList();
    assertTrue(fields.containsAll(List.of("type", "host", "login", "password", "port", "queue_id")), fields.toString());
    assertEquals(422, api.post("/mail-accounts", admin, new JsonObject().put("type", "imap")
        .put("host", "h").put("login", "l").put("password", "p").put("queue", "No such queue")).statusCode());
    assertEquals(400, api.post("/mail-accounts", admin, Buffer.buffer("{")).statusCode());

    fixtures.agent("mail-agent", "pw", group, "rw");
    String agent = server.login("mail-agent", "pw");
    assertEquals(403, api.get("/mail-accounts", agent).statusCode());
    assertEquals(403, api.post("/mail-accounts/" + id + "/poll", agent, null).statusCode());
    assertEquals(401, api.get("/mail-accounts", null).statusCode());
    assertEquals(409, api.post("/mail-accounts/" + id + "/poll", admin, null).statusCode(),
        "an invalid account is not polled");
    assertEquals(204, api.delete("/mail-accounts/" + id, admin).statusCode());
    assertEquals(404, api.get("/mail-accounts/" + id, admin).statusCode());
    assertEquals(404, api.post("/mail-accounts/" + id + "/poll", admin, null).statusCode());
  }
}
