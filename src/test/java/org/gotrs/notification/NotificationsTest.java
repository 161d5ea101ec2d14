package org.gotrs.notification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
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
 * Agents hear of what concerns them, stored, pushed on their own stream and mailed as their settings say; customers
 * get an agent's web answer by mail once. Against a real SMTP server (GreenMail).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NotificationsTest {

  private static final Duration WAIT = Duration.ofSeconds(20);

  private final MailServer mail = new MailServer();
  private TestServer server;
  private Api api;
  private Fixtures fixtures;
  private int queue;
  private UUID annaId;
  private UUID henrikId;
  private String anna;
  private String henrik;
  private String bert;
  private String customer;

  @BeforeAll
  void start() {
    server = TestServer.start(new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 10000))
        .put("smtp", mail.smtpConfig())
        .put("mail", new JsonObject().put("outbox_millis", 200).put("send_delay_seconds", 0).put("retry_seconds", 1)
            .put("send_attempts", 3).put("timeout_seconds", 5)));
    api = new Api(server);
    fixtures = new Fixtures(server);
    int group = fixtures.group("notify");
    queue = fixtures.queue("Notify desk", group);
    annaId = fixtures.agent("anna", "pw", group, "ro", "owner", "note");
    henrikId = fixtures.agent("henrik", "pw", group, "ro", "note");
    fixtures.agent("bert", "pw", group, "rw");
    fixtures.agent("nobody", "pw", null);
    fixtures.company("notify-co");
    fixtures.customer("notify-customer", "pw", "notify-co");
    anna = server.login("anna", "pw");
    henrik = server.login("henrik", "pw");
    bert = server.login("bert", "pw");
    customer = fixtures.customerLogin("notify-customer", "pw");
  }

  @AfterAll
  void stop() {
    server.close();
    mail.close();
  }

  private JsonObject ticket(String title) {
    var created = api.post("/tickets", bert, new JsonObject().put("title", title).put("queue_id", queue)
        .put("customer_user", "notify-customer")
        .put("article", new JsonObject().put("subject", title).put("body", "Something is wrong")));
    assertEquals(201, created.statusCode(), created.bodyAsString());
    return created.bodyAsJsonObject();
  }

  private void change(String token, long ticketId, JsonObject changes) {
    var changed = api.patch("/tickets/" + ticketId, token, changes);
    assertEquals(200, changed.statusCode(), changed.bodyAsString());
  }

  private void note(String token, long ticketId, JsonObject article) {
    var created = api.post("/tickets/" + ticketId + "/articles", token, article);
    assertEquals(201, created.statusCode(), created.bodyAsString());
  }

  private long stored(UUID agent, long ticketId, String event) {
    return ((Number) server.scalar(
        "SELECT count(*) FROM notification WHERE user_id = ? AND ticket_id = ? AND event = ?", agent, ticketId, event))
        .longValue();
  }

  private long queuedMail(String to, long ticketId, String kind) {
    return ((Number) server.scalar(
        "SELECT count(*) FROM mail_queue WHERE to_address = ? AND ticket_id = ? AND kind = ?", to, ticketId, kind))
        .longValue();
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


  private void awaitNothingQueued(long ticketId) {
    Await.until(WAIT, () -> ((Number) server.scalar(
            "SELECT count(*) FROM mail_queue WHERE ticket_id = ? AND status IN ('queued', 'retry')", ticketId))
        .longValue() == 0, () -> "mail for ticket " + ticketId + " still waiting");
  }

  @Test
  @DisplayName("a ticket assigned to anna gives her one stored notification, pushed on her stream, and one mail")
  void assignment() throws Exception {
    JsonObject ticket = ticket("Printer on fire");
    long id = ticket.getLong("id");
    String tn = ticket.getString("tn");
    try (LiveClient live = LiveClient.agent(server, anna)) {
      live.subscribe(null, "agent");
      live.await(frame -> "subscribed".equals(frame.getString("type")), 10);
      change(bert, id, new JsonObject().put("user_id", annaId.toString()));
      JsonObject pushed = live.awaitEvent("notification.created", 5);
      assertEquals("agent:" + annaId, pushed.getString("topic"));
      JsonObject data = pushed.getJsonObject("data");
      assertEquals("ticket.owner", data.getString("event"));
      assertEquals(id, data.getLong("ticket_id"));
      assertTrue(data.getString("text").contains(tn), data.encode());

      JsonObject list = api.get("/notifications?unread=true", anna).bodyAsJsonObject();
      JsonArray mine = new JsonArray(list.getJsonArray("items").stream()
          .filter(item -> ((JsonObject) item).getLong("ticket_id") == id).toList());
      assertEquals(1, mine.size());
      assertEquals(data.getLong("id"), mine.getJsonObject(0).getLong("id"));
      assertFalse(mine.getJsonObject(0).getBoolean("read"));
    }
    Await.until(WAIT, () -> mailTo("anna@example.com", tn).size() == 1, () -> "no mail to anna");
    awaitNothingQueued(id);
    assertEquals(1, mailTo("anna@example.com", tn).size());
    MimeMessage mail = mailTo("anna@example.com", tn).get(0);
    assertEquals("auto-generated", mail.getHeader("Auto-Submitted", null));
    assertEquals("anna@example.com", mail.getRecipients(Message.RecipientType.TO)[0].toString());
    assertEquals(0, mailTo("bert@example.com", tn).size(), "the agent who assigned it hears nothing");
  }

  @Test
  @DisplayName("with mail switched off for an event, anna's notification is stored and pushed, and nothing is mailed")
  void mailSwitchedOff() {
    var off = api.put("/me/notification-preferences", anna, new JsonObject()
        .put("events", new JsonObject().put("ticket.responsible", new JsonObject().put("email", false))));
    assertEquals(200, off.statusCode(), off.bodyAsString());
    JsonObject settings = off.bodyAsJsonObject();
    assertFalse(settings.getJsonObject("events").getJsonObject("ticket.responsible").getBoolean("email"));
    assertTrue(settings.getJsonObject("events").getJsonObject("ticket.responsible").getBoolean("in_app"));
    assertTrue(settings.getJsonObject("events").getJsonObject("ticket.owner").getBoolean("email"));
    assertEquals(settings, api.get("/me/notification-preferences", anna).bodyAsJsonObject());
    try {
      long id = ticket("Toner low").getLong("id");
      try (LiveClient live = LiveClient.agent(server, anna)) {
        live.subscribe(null, "agent");
        live.await(frame -> "subscribed".equals(frame.getString("type")), 10);
        change(bert, id, new JsonObject().put("responsible_user_id", annaId.toString()));
        JsonObject pushed = live.awaitEvent("notification.created", 5);
        assertEquals("ticket.responsible", pushed.getJsonObject("data").getString("event"));
      }
      // the mail would have been queued in the transaction that stored the notification
      assertEquals(1, stored(annaId, id, "ticket.responsible"));
      assertEquals(0, queuedMail("anna@example.com", id, "notification:ticket.responsible"));
    } finally {
      api.put("/me/notification-preferences", anna, new JsonObject().put("events", new JsonObject()
          .put("ticket.responsible", new JsonObject().put("email", true))));
    }
  }

  @Test
  @DisplayName("@henrik in an internal note notifies henrik, and no one else is told of a mention")
  void mention() {
    long id = ticket("Mention me").getLong("id");
    note(bert, id, new JsonObject().put("subject", "Help").put("body", "Could you look at this, @henrik? Thanks."));
    Await.until(WAIT, () -> stored(henrikId, id, "mention") == 1, () -> "henrik was not told of the mention");
    assertEquals(0, stored(annaId, id, "mention"));
    JsonObject notification = api.get("/notifications", henrik).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).filter(item -> item.getLong("ticket_id") == id).findFirst().orElseThrow();
    assertEquals("mention", notification.getString("event"));
  }

  @Test
  @DisplayName("the agent who makes a change is never notified of it, while a watcher of the ticket is")
  void actorNotNotified() {
    long id = ticket("Own change").getLong("id");
    change(bert, id, new JsonObject().put("user_id", annaId.toString()));
    Await.until(WAIT, () -> stored(annaId, id, "ticket.owner") == 1, () -> "anna was not told of the assignment");
    assertEquals(204, api.put("/tickets/" + id + "/watchers/me", anna, null).statusCode());
    assertEquals(204, api.put("/tickets/" + id + "/watchers/me", henrik, null).statusCode());
    note(anna, id, new JsonObject().put("subject", "Mine").put("body", "Working on it, @anna"));
    Await.until(WAIT, () -> stored(henrikId, id, "watched") == 1, () -> "henrik was not told of the watched change");
    assertEquals(1L, ((Number) server.scalar("SELECT count(*) FROM notification WHERE user_id = ? AND ticket_id = ?",
        annaId, id)).longValue(), "only the assignment; nothing of her own note, nor her mention of herself");
  }

  @Test
  @DisplayName("50 changes within a minute on a watched ticket: 50 notifications in the app, one mail")
  void coalesced() {
    JsonObject ticket = ticket("Busy ticket");
    long id = ticket.getLong("id");
    String tn = ticket.getString("tn");
    assertEquals(204, api.put("/tickets/" + id + "/watchers/me", henrik, null).statusCode());
    for (int i = 1; i <= 50; i++) {
      change(bert, id, new JsonObject().put("title", "Busy ticket, change " + i));
    }
    Await.until(WAIT, () -> stored(henrikId, id, "watched") == 50,
        () -> "henrik has " + stored(henrikId, id, "watched") + " notifications, not 50");
    assertEquals(1, queuedMail("henrik@example.com", id, "notification:watched"));
    awaitNothingQueued(id);
    Await.until(WAIT, () -> mailTo("henrik@example.com", tn).size() == 1, () -> "no mail to henrik");
    JsonObject page = api.get("/notifications?limit=20", henrik).bodyAsJsonObject();
    assertEquals(20, page.getJsonArray("items").size());
    JsonObject next = api.get("/notifications?limit=20&cursor=" + page.getString("next_cursor"), henrik)
        .bodyAsJsonObject();
    assertTrue(next.getJsonArray("items").getJsonObject(0).getLong("id")
        < page.getJsonArray("items").getJsonObject(19).getLong("id"), "the next page goes on where the first ended");
  }

  @Test
  @DisplayName("an agent's web answer mails the customer once; an e-mail answer is not mailed a second time")
  void customerAnswer() {
    JsonObject ticket = ticket("Where is my order?");
    long id = ticket.getLong("id");
    String tn = ticket.getString("tn");
    String address = "notify-customer@customer.example";
    note(bert, id, new JsonObject().put("article_type", "note-external").put("subject", "Your order")
        .put("body", "It ships tomorrow."));
    Await.until(WAIT, () -> mailTo(address, tn).size() == 1, () -> "no mail to the customer");
    note(bert, id, new JsonObject().put("article_type", "email-external").put("to_address", address)
        .put("subject", "Tracking").put("body", "Here is the tracking number."));
    note(bert, id, new JsonObject().put("subject", "internal").put("body", "Customer asked twice."));
    Await.until(WAIT, () -> "sent".equals(server.scalar(
            "SELECT delivery_status FROM article WHERE ticket_id = ? AND subject = 'Tracking'", id)),
        () -> "the e-mail answer was not sent");
    awaitNothingQueued(id);
    Await.until(WAIT, () -> mailTo(address, tn).size() == 2, () -> "the e-mail answer did not arrive");
    assertEquals(1, queuedMail(address, id, "customer:answer"), "the e-mail answer was not copied again");
    assertEquals(2, mailTo(address, tn).size());
  }

  @Test
  @DisplayName("a ticket opened in the portal gets the queue's acknowledgement once; one an agent opens gets none")
  void acknowledgement() throws Exception {
    int group = fixtures.group("portal-ack");
    int portal = fixtures.queue("Portal desk", group);
    fixtures.offerToCustomers(portal);
    server.sql("UPDATE queue SET auto_response_config = ?::jsonb WHERE id = ?", new JsonObject().put("auto_reply",
        new JsonObject().put("subject", "Received: <OTRS_CUSTOMER_SUBJECT>")
            .put("body", "We have your request <OTRS_TICKET_TicketNumber>.")).encode(), portal);
    var opened = api.post("/tickets", customer, new JsonObject().put("title", "Portal request").put("queue_id", portal)
        .put("article", new JsonObject().put("subject", "Portal request").put("body", "Please help")));
    assertEquals(201, opened.statusCode(), opened.bodyAsString());
    String tn = opened.bodyAsJsonObject().getString("tn");
    long id = opened.bodyAsJsonObject().getLong("id");
    String address = "notify-customer@customer.example";
    Await.until(WAIT, () -> mailTo(address, tn).size() == 1, () -> "no acknowledgement");
    assertTrue(mailTo(address, tn).get(0).getHeader("Auto-Submitted", null).startsWith("auto-"));
    assertEquals(1L, ((Number) server.scalar("""
        SELECT count(*) FROM ticket_history h JOIN ticket_history_type t ON t.id = h.history_type_id
         WHERE h.ticket_id = ? AND t.name = 'SendAutoReply'""", id)).longValue());
  }

  @Test
  @DisplayName("a notification reaches only its agent: not another agent's stream, not a customer's, not on replay")
  void onlyItsAgent() {
    JsonObject ticket = ticket("Private notice");
    long id = ticket.getLong("id");
    long since = ((Number) server.scalar("SELECT max(seq) FROM event_log")).longValue();
    try (LiveClient other = LiveClient.agent(server, henrik); LiveClient cust = LiveClient.agent(server, customer)) {
      other.subscribe(null, "agent", "agent:" + annaId, "queue:" + queue);
      JsonObject refused = other.await(frame -> "error".equals(frame.getString("type")), 10);
      assertEquals("forbidden", refused.getString("code"));
      cust.subscribe(null, "ticket:" + id, "agent:" + annaId);
      assertEquals("forbidden", cust.await(frame -> "error".equals(frame.getString("type")), 10).getString("code"));

      change(bert, id, new JsonObject().put("user_id", annaId.toString()));
      Await.until(WAIT, () -> stored(annaId, id, "ticket.owner") == 1, () -> "anna was not told");
      // a later change everyone here may see: whatever came before it has arrived
      note(bert, id, new JsonObject().put("article_type", "note-external").put("subject", "Visible").put("body", "x"));
      List<JsonObject> henrikSaw = other.framesUntil(frame -> "article.created".equals(frame.getString("event")), 10);
      List<JsonObject> customerSaw = cust.framesUntil(frame -> "article.created".equals(frame.getString("event")), 10);
      assertTrue(henrikSaw.stream().noneMatch(frame -> notificationOf(frame, id)), henrikSaw.toString());
      assertTrue(customerSaw.stream().noneMatch(frame -> "notification.created".equals(frame.getString("event"))),
          customerSaw.toString());
    }
    try (LiveClient replayed = LiveClient.agent(server, anna); LiveClient other = LiveClient.agent(server, henrik)) {
      replayed.subscribe(since, "agent");
      JsonObject again = replayed.awaitEvent("notification.created", 10);
      assertEquals(id, again.getJsonObject("data").getLong("ticket_id"));
      other.subscribe(since, "agent", "ticket:" + id);
      List<JsonObject> henrikReplay = other.framesUntil(frame -> "article.created".equals(frame.getString("event"))
          && "Visible".equals(frame.getJsonObject("data").getJsonObject("article").getString("subject")), 10);
      assertTrue(henrikReplay.stream().noneMatch(frame -> notificationOf(frame, id)), henrikReplay.toString());
    }
  }

  private static boolean notificationOf(JsonObject frame, long ticketId) {
    return "notification.created".equals(frame.getString("event"))
        && frame.getJsonObject("data").getLong("ticket_id") == ticketId;
  }

  @Test
  @DisplayName("notifications are marked read one by one or all at once, each agent only their own")
  void readMarks() {
    long id = ticket("Read me").getLong("id");
    change(bert, id, new JsonObject().put("user_id", annaId.toString()));
    Await.until(WAIT, () -> stored(annaId, id, "ticket.owner") == 1, () -> "anna was not told");
    long notification = ((Number) server.scalar(
        "SELECT id FROM notification WHERE user_id = ? AND ticket_id = ?", annaId, id)).longValue();
    assertEquals(404, api.post("/notifications/" + notification + "/read", henrik, null).statusCode());
    assertEquals(204, api.post("/notifications/" + notification + "/read", anna, null).statusCode());
    assertTrue(api.get("/notifications?unread=true", anna).bodyAsJsonObject().getJsonArray("items").stream()
        .map(JsonObject.class::cast).noneMatch(item -> item.getLong("id") == notification));
    var all = api.post("/notifications/read-all", anna, null);
    assertEquals(200, all.statusCode(), all.bodyAsString());
    assertEquals(0L, api.get("/notifications", anna).bodyAsJsonObject().getLong("unread_count"));
  }

  @Test
  @DisplayName("bad requests are refused with problem+json: no token, customers, bad paging, bad settings")
  void refused() {
    assertEquals(401, api.get("/notifications", null).statusCode());
    assertEquals(403, api.get("/notifications", customer).statusCode());
    assertEquals(403, api.get("/me/notification-preferences", customer).statusCode());
    for (String query : new String[] {"unread=maybe", "limit=0", "limit=abc", "cursor=-4", "cursor=x"}) {
      var response = api.get("/notifications?" + query, anna);
      assertEquals(422, response.statusCode(), query);
      assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }
    assertEquals(404, api.post("/notifications/999999999/read", anna, null).statusCode());
    assertEquals(404, api.post("/notifications/abc/read", anna, null).statusCode());
    for (JsonObject body : List.of(
        new JsonObject().put("events", new JsonObject().put("ticket.nonsense", new JsonObject())),
        new JsonObject().put("events", new JsonObject().put("mention", new JsonObject().put("email", "yes"))),
        new JsonObject().put("events", new JsonObject().put("mention", true)),
        new JsonObject().put("events", "all"),
        new JsonObject().put("queue_ids", new JsonArray().add("one")),
        new JsonObject().put("queue_ids", new JsonArray().add(999999)),
        new JsonObject().put("quiet", "no"),
        new JsonObject().put("volume", 11))) {
      var response = api.put("/me/notification-preferences", anna, body);
      assertEquals(422, response.statusCode(), body.encode() + " " + response.bodyAsString());
    }
    var text = server.client().put(server.port(), "localhost", "/api/v1/me/notification-preferences")
        .putHeader("Authorization", "Bearer " + anna).putHeader("Content-Type", "text/plain");
    assertEquals(415, TestServer.await(text.sendBuffer(io.vertx.core.buffer.Buffer.buffer("{}"))).statusCode());
  }

  @Test
  @DisplayName("my queues: an agent who chooses a queue hears of new tickets there; by default the queues held rw on")
  void myQueues() {
    var chosen = api.put("/me/notification-preferences", henrik, new JsonObject().put("queue_ids",
        new JsonArray().add(queue)));
    assertEquals(200, chosen.statusCode(), chosen.bodyAsString());
    try {
      long id = ticket("New in my queue").getLong("id");
      Await.until(WAIT, () -> stored(henrikId, id, "ticket.new") == 1, () -> "henrik was not told of the new ticket");
      assertEquals(0, stored(annaId, id, "ticket.new"), "anna holds no rw here and chose no queues");
    } finally {
      api.put("/me/notification-preferences", henrik, new JsonObject().putNull("queue_ids"));
    }
  }

  @Test
  @DisplayName("administrators set defaults for agents who did not choose, and events agents may not switch off")
  void defaults() {
    String admin = server.loginAdmin();
    assertEquals(403, api.get("/settings/notifications", anna).statusCode());
    assertEquals(403, api.patch("/settings/notifications", anna, new JsonObject().put("events", new JsonObject()))
        .statusCode());
    for (JsonObject body : List.of(new JsonObject(), new JsonObject().put("events", new JsonObject()
            .put("nonsense", new JsonObject())), new JsonObject().put("events", new JsonObject()
            .put("mention", new JsonObject().put("mandatory", "yes"))), new JsonObject().put("colour", "red"))) {
      assertEquals(422, api.patch("/settings/notifications", admin, body).statusCode(), body.encode());
    }
    try {
      var set = api.patch("/settings/notifications", admin, new JsonObject().put("events", new JsonObject()
          .put("ticket.responsible", new JsonObject().put("email", false))
          .put("watched", new JsonObject().put("mandatory", true))));
      assertEquals(200, set.statusCode(), set.bodyAsString());
      assertTrue(set.bodyAsJsonObject().getJsonObject("events").getJsonObject("watched").getBoolean("mandatory"));

      JsonObject henriks = api.get("/me/notification-preferences", henrik).bodyAsJsonObject().getJsonObject("events");
      assertFalse(henriks.getJsonObject("ticket.responsible").getBoolean("email"), "the default for one who did not choose");
      assertTrue(henriks.getJsonObject("watched").getBoolean("locked"));
      var refused = api.put("/me/notification-preferences", henrik, new JsonObject().put("events", new JsonObject()
          .put("watched", new JsonObject().put("in_app", false))));
      assertEquals(422, refused.statusCode(), refused.bodyAsString());

      long id = ticket("Defaults apply").getLong("id");
      change(bert, id, new JsonObject().put("responsible_user_id", henrikId.toString()));
      Await.until(WAIT, () -> stored(henrikId, id, "ticket.responsible") == 1, () -> "henrik was not told");
      assertEquals(0, queuedMail("henrik@example.com", id, "notification:ticket.responsible"));
    } finally {
      api.patch("/settings/notifications", admin, new JsonObject().put("events", new JsonObject()
          .put("ticket.responsible", new JsonObject().put("email", true))
          .put("watched", new JsonObject().put("mandatory", false))));
    }
  }
}
