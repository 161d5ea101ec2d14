package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMailUtil;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.gotrs.testing.Await;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.MailServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.Select;

/**
 * The day's loop in two browsers: a customer opens a ticket in the portal, an agent sees it arrive live and answers
 * it in the composer with a template, and the customer gets one mail with the queue's salutation and signature.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposerTest {

  private static final String MARIA = "maria@customer.example";

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Fixtures fixtures;
  private Browser anna;
  private Browser maria;
  private int support;
  private String agent;

  @BeforeAll
  void start() {
    Browser.assumeInstalled();
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0)));
    fixtures = new Fixtures(server);
    int group = fixtures.group("support");
    support = fixtures.queue("Support", group);
    fixtures.offerToCustomers(support);
    UUID annaId = fixtures.agent("anna", "anna-password", group, "rw");
    fixtures.agent("bert", "bert-password", group, "rw");
    server.sql("UPDATE users SET first_name = 'Anna', last_name = 'Berg' WHERE id = ?", annaId);
    fixtures.company("acme");
    UUID mariaId = fixtures.customer("maria", "maria-password", "acme");
    server.sql("UPDATE customer_user SET first_name = 'Maria', last_name = 'Jones', email = ? WHERE id = ?", MARIA,
        mariaId);
    agent = server.login("anna", "anna-password");

    String admin = server.loginAdmin();
    int salutation = created(admin, "/api/v1/salutations", new JsonObject().put("name", "Support salutation")
        .put("text", "Dear <OTRS_CUSTOMER_UserFirstname> <OTRS_CUSTOMER_UserLastname>,"));
    int signature = created(admin, "/api/v1/signatures", new JsonObject().put("name", "Support signature")
        .put("text", "Kind regards, your support team"));
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/queues/" + support, admin, new JsonObject()
        .put("salutation_id", salutation).put("signature_id", signature)).statusCode());
    created(admin, "/api/v1/templates", new JsonObject().put("name", "Password reset").put("template_type", "Answer")
        .put("text", "<OTRS_CURRENT_UserFirstname> here: Maria's reset link for <OTRS_CUSTOMER_UserLogin> is on its way.")
        .put("queue_ids", List.of(support)));
    created(admin, "/api/v1/templates", new JsonObject().put("name", "Printer checklist").put("template_type", "Note")
        .put("text", "Please switch the printer off and on again.").put("queue_ids", List.of(support)));

    anna = Browser.open(server.port());
    maria = Browser.open(server.port());
  }

  private int created(String admin, String path, JsonObject body) {
    var answer = server.send(HttpMethod.POST, path, admin, body);
    assertEquals(201, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getInteger("id");
  }

  @AfterAll
  void stop() {
    if (anna != null) {
      anna.close();
    }
    if (maria != null) {
      maria.close();
    }
    if (server != null) {
      server.close();
    }
    mail.close();
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), anna.consoleErrors(), "the agent's console stays free of errors");
    assertEquals(List.of(), maria.consoleErrors(), "the portal stays free of errors");
  }

  private JsonObject ticket(long id) {
    return server.send(HttpMethod.GET, "/api/v1/tickets/" + id, agent, null).bodyAsJsonObject();
  }

  @Test
  @Order(1)
  @DisplayName("maria opens a ticket in Support from the portal; anna sees it arrive, answers with a template, and "
      + "maria gets one mail: salutation, template and signature, the ticket number in its subject; the ticket is open")
  void portalToAnswer() throws Exception {
    anna.go("/");
    anna.signIn("anna", "anna-password");
    anna.go("/#/queue/" + support);
    anna.visible(".live-status.live-live", Duration.ofSeconds(15));

    maria.go("/portal/");
    maria.signIn("maria", "maria-password");
    maria.go("/portal/#/new");
    new Select(maria.visible("#new-queue")).selectByVisibleText("Support");
    maria.type("#new-title", "Cannot sign in");
    maria.type("#new-body", "My password stopped working this morning.");
    maria.find("#new-submit").click();
    maria.text("#ticket-title", "Cannot sign in");
    long id = ((Number) server.scalar("SELECT id FROM ticket WHERE title = 'Cannot sign in'")).longValue();
    assertEquals(support, ((Number) server.scalar("SELECT queue_id FROM ticket WHERE id = ?", id)).intValue());

    anna.text("#ticket-rows tr[data-id='" + id + "']", "Cannot sign in", Duration.ofSeconds(5));
    anna.find("#ticket-rows tr[data-id='" + id + "'] a").click();
    anna.text("#ticket-title", "Cannot sign in");
    anna.find("#articles .article-reply").click();
    anna.visible(".tox-edit-area iframe", Duration.ofSeconds(15));
    assertEquals(MARIA, anna.find("#compose-to").getAttribute("value"));
    assertEquals("open", new Select(anna.find("#compose-state")).getFirstSelectedOption().getText());
    Await.until(Duration.ofSeconds(10), () -> anna.written().contains("Dear Maria Jones,"),
        () -> "the salutation in the editor: " + anna.written());
    assertTrue(anna.written().contains("My password stopped working"), "the customer's text is quoted");
    new Select(anna.find("#compose-template")).selectByVisibleText("Password reset");
    Await.until(Duration.ofSeconds(10), () -> anna.written().contains("Anna here: Maria's reset link for maria"),
        () -> "the template in the editor: " + anna.written() + " " + anna.consoleErrors());
    anna.screenshot("composer-reply");
    anna.find("#compose-send").click();
    anna.waiting(Duration.ofSeconds(10)).until(d -> anna.all("#composer").isEmpty());

    Await.until(Duration.ofSeconds(20), () -> !mail.addressedTo(MARIA).isEmpty(), () -> "no mail reached maria");
    Await.during(Duration.ofMillis(500));
    List<MimeMessage> mails = mail.addressedTo(MARIA);
    assertEquals(1, mails.size(), "one mail");
    String tn = ticket(id).getString("tn");
    assertTrue(mails.get(0).getSubject().contains("[Ticket#" + tn + "]"), mails.get(0).getSubject());
    String body = GreenMailUtil.getBody(mails.get(0)).replace("=\r\n", "").replace("=3D", "=");
    int salutation = body.indexOf("Dear Maria Jones,");
    int template = body.indexOf("Anna here: Maria&#39;s reset link for maria is on its way.");
    if (template < 0) {
      template = body.indexOf("Anna here: Maria's reset link for maria is on its way.");
    }
    int signature = body.indexOf("Kind regards, your support team");
    assertTrue(salutation >= 0 && template > salutation && signature > template,
        "salutation, template text and signature in that order: " + body);
    assertEquals("open", ticket(id).getString("state"));
  }

  @Test
  @Order(2)
  @DisplayName("typing :: finds a template; the draft survives a reload; a note from a colleague meanwhile is announced")
  void templatesByTypingDraftsAndWarnings() {
    long id = fixtures.ticket(agent, support, "Printer jam", "Paper everywhere.").getLong("id");
    anna.go("/#/ticket/" + id);
    anna.text("#ticket-title", "Printer jam");
    anna.find("#action-note").click();
    anna.write("::print");
    anna.visible(".tox-autocompleter .tox-collection__item", Duration.ofSeconds(10));
    anna.text(".tox-autocompleter", "Printer checklist");
    anna.write(Keys.ENTER.toString());
    Await.until(Duration.ofSeconds(10), () -> anna.written().contains("switch the printer off and on again"),
        () -> "the template typed for: " + anna.written());
    assertFalse(anna.written().contains("::"), "the search text is replaced");
    anna.write(" Then call us. Ask ");
    anna.write("@bert");
    anna.text(".tox-autocompleter", "@bert", Duration.ofSeconds(10));
    anna.write(Keys.ENTER.toString());
    Await.until(Duration.ofSeconds(10), () -> anna.written().contains("Ask @bert"),
        () -> "the colleague mentioned: " + anna.written());
    Await.until(Duration.ofSeconds(10), () -> server.sql("SELECT 1 FROM article_draft WHERE ticket_id = ?", id).size() == 1,
        () -> "the draft was saved");

    anna.driver().navigate().refresh();
    anna.visible("#action-draft").click();
    Await.until(Duration.ofSeconds(10), () -> anna.written().contains("Then call us."),
        () -> "the draft restored: " + anna.written());
    anna.visible(".live-status.live-live", Duration.ofSeconds(15));
    String colleague = server.login("bert", "bert-password");
    assertEquals(201, server.send(HttpMethod.POST, "/api/v1/tickets/" + id + "/articles", colleague, new JsonObject()
        .put("body", "I already sent a technician.").put("internal_note", true)).statusCode());
    anna.text("#compose-notice", "Someone else added an article", Duration.ofSeconds(5));
    anna.screenshot("composer-note-warning");
    anna.find("#compose-send").click();
    anna.waiting(Duration.ofSeconds(10)).until(d -> anna.all("#composer").isEmpty());
    assertEquals(0, server.sql("SELECT 1 FROM article_draft WHERE ticket_id = ?", id).size(), "sending ends the draft");
    Await.until(Duration.ofSeconds(10), () -> ((Number) server.scalar("""
        SELECT count(*) FROM notification n JOIN users u ON u.id = n.user_id
         WHERE u.login = 'bert' AND n.ticket_id = ? AND n.event = 'mention'""", id)).longValue() == 1,
        () -> "bert was not told of the mention");
  }
}
