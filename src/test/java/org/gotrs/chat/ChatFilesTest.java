package org.gotrs.chat;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpRequest;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.multipart.MultipartForm;
import java.util.List;
import java.util.Random;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Api;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /chats/{id}/files}: files both ways in a chat, as attachments of its ticket's chat articles. */
@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"chat": {"seats_per_agent": 100, "starts_per_minute": 1000, "messages_per_minute": 10000}}"""})
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChatFilesTest {

  private static final String DESK = "File Desk";
  /** The file limits of these tests, set as an administrator sets them on the Settings page. */
  private static final JsonObject LIMITS = new JsonObject().put("chat.max_file_bytes", 200_000)
      .put("chat.file_types", new JsonArray().add("image/*").add("application/pdf"));

  private final TestServer server;
  private final Api api;
  private final Fixtures fixtures;
  private String alice;
  private String bob;
  private String carl;

  ChatFilesTest(TestServer server, Api api, Fixtures fixtures) {
    this.server = server;
    this.api = api;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data(@Admin String admin) {
    var limited = api.patch("/settings", admin, LIMITS);
    assertEquals(200, limited.statusCode(), limited.bodyAsString());
    int group = fixtures.group("files");
    fixtures.queue(DESK, group);
    fixtures.agent("alice-files", "pw", group, "rw");
    fixtures.agent("bob-files", "pw", fixtures.group("elsewhere"), "rw");
    fixtures.agent("carl-files", "pw", group, "rw");
    alice = server.login("alice-files", "pw");
    bob = server.login("bob-files", "pw");
    carl = server.login("carl-files", "pw");
  }

  /** A visitor in a chat alice accepted; the queued frame carries the chat id and the resume token. */
  private record Talk(ChatCustomer customer, long chatId, long ticketId, String token) {}

  private Talk talk(String name) {
    ChatCustomer customer = ChatCustomer.connect(server);
    JsonObject queued = customer.start(name, name.toLowerCase() + "@visitor.example", DESK, "hello");
    long chatId = queued.getLong("chat_id");
    assertEquals(200, api.post("/chats/" + chatId + "/accept", alice, null).statusCode());
    customer.await("chat.accepted");
    return new Talk(customer, chatId, queued.getLong("ticket_id"), queued.getString("resume_token"));
  }

  private HttpResponse<Buffer> upload(long chatId, String agentToken, String chatToken, byte[] bytes, String filename,
                                      String type) {
    HttpRequest<Buffer> request = server.client().post("/api/v1/chats/" + chatId + "/files").timeout(30_000);
    if (agentToken != null) {
      request.bearerTokenAuthentication(agentToken);
    }
    if (chatToken != null) {
      request.putHeader("X-Chat-Token", chatToken);
    }
    return TestServer.await(request.sendMultipartForm(
        MultipartForm.create().binaryFileUpload("file", filename, Buffer.buffer(bytes), type)));
  }

  private HttpResponse<Buffer> download(String url, String agentToken, String chatToken) {
    HttpRequest<Buffer> request = server.client().get(url).timeout(30_000);
    if (agentToken != null) {
      request.bearerTokenAuthentication(agentToken);
    }
    if (chatToken != null) {
      request.putHeader("X-Chat-Token", chatToken);
    }
    return TestServer.await(request.send());
  }

  private static byte[] bytes(int size, long seed) {
    byte[] bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  private long attachmentRows() {
    return (Long) server.scalar("SELECT count(*) FROM article_attachment");
  }

  @Test
  @DisplayName("a visitor's PDF reaches the agent as a chat message with the file, which the agent downloads")
  void visitorSendsAFile() {
    Talk talk = talk("Paula");
    try (ChatCustomer customer = talk.customer(); LiveClient agent = LiveClient.agent(server, alice)) {
      agent.subscribe(null, "ticket:" + talk.ticketId());
      agent.await(frame -> "subscribed".equals(frame.getString("type")), 5);
      byte[] pdf = bytes(50_000, 1);
      var response = upload(talk.chatId(), null, talk.token(), pdf, "invoice.pdf", "application/pdf");
      assertEquals(201, response.statusCode(), response.bodyAsString());
      JsonObject file = response.bodyAsJsonObject().getJsonArray("attachments").getJsonObject(0);
      assertEquals("invoice.pdf", file.getString("filename"));
      assertEquals(50_000, file.getLong("size"));
      assertEquals("application/pdf", file.getString("content_type"));
      assertEquals("/api/v1/chats/" + talk.chatId() + "/files/" + file.getLong("id"), file.getString("url"));

      JsonObject echoed = customer.awaitMessageFrom("customer");
      assertEquals(file, echoed.getJsonArray("attachments").getJsonObject(0));
      JsonObject event = agent.awaitEvent("chat.message", 10).getJsonObject("data");
      assertEquals("invoice.pdf", event.getJsonArray("attachments").getJsonObject(0).getString("filename"));

      var fetched = download(file.getString("url"), alice, null);
      assertEquals(200, fetched.statusCode());
      assertArrayEquals(pdf, fetched.body().getBytes());
      JsonArray messages = api.get("/chats/" + talk.chatId() + "/messages", alice).bodyAsJsonObject().getJsonArray("items");
      JsonObject last = messages.getJsonObject(messages.size() - 1);
      assertEquals("invoice.pdf", last.getString("text"));
      assertEquals(file.getLong("id"), last.getJsonArray("attachments").getJsonObject(0).getLong("id"));
    }
  }

  @Test
  @DisplayName("an agent's image reaches the visitor as a chat message with its url, which the visitor downloads with "
      + "the chat token, and the ticket keeps it on the chat article")
  void agentSendsAnImage() {
    Talk talk = talk("Ingrid");
    try (ChatCustomer customer = talk.customer()) {
      byte[] png = bytes(20_000, 2);
      var response = upload(talk.chatId(), alice, null, png, "screenshot.png", "image/png");
      assertEquals(201, response.statusCode(), response.bodyAsString());
      JsonObject message = customer.awaitMessageFrom("agent");
      JsonObject file = message.getJsonArray("attachments").getJsonObject(0);
      assertEquals("screenshot.png", file.getString("filename"));
      assertEquals("image/png", file.getString("content_type"));

      var fetched = download(file.getString("url"), null, talk.token());
      assertEquals(200, fetched.statusCode(), fetched.bodyAsString());
      assertArrayEquals(png, fetched.body().getBytes());
      assertEquals("image/png", fetched.getHeader("Content-Type"));

      long articleId = message.getLong("message_id");
      JsonArray attached = api.get("/tickets/" + talk.ticketId() + "/articles/" + articleId + "/attachments", alice)
          .bodyAsJsonObject().getJsonArray("items");
      assertEquals("screenshot.png", attached.getJsonObject(0).getString("filename"));

      customer.send(new JsonObject().put("type", "chat.resume").put("resume_token", talk.token()));
      JsonArray transcript = customer.await("chat.resumed").getJsonArray("messages");
      assertEquals(file, transcript.getJsonObject(transcript.size() - 1).getJsonArray("attachments").getJsonObject(0),
          "a resumed transcript shows the files too");
    }
  }

  @Test
  @DisplayName("a visitor reaches only their own chat's files: another chat's token, no token or a wrong one get 404 or 401")
  void visitorsReachOnlyTheirChat() {
    Talk mine = talk("Mona");
    Talk other = talk("Otto");
    try (ChatCustomer first = mine.customer(); ChatCustomer second = other.customer()) {
      var sent = upload(mine.chatId(), alice, null, bytes(1_000, 3), "a.png", "image/png");
      String url = sent.bodyAsJsonObject().getJsonArray("attachments").getJsonObject(0).getString("url");
      assertEquals(404, download(url, null, other.token()).statusCode());
      assertEquals(404, download(url, null, "not-a-token").statusCode());
      assertEquals(401, download(url, null, null).statusCode());
      assertEquals(404, download(url, bob, null).statusCode(), "an agent without the queue");
      assertEquals(404, upload(mine.chatId(), null, other.token(), bytes(10, 4), "x.pdf", "application/pdf")
          .statusCode());
      assertEquals(200, download(url, null, mine.token()).statusCode());
    }
  }

  @Test
  @DisplayName("a file over chat.max_file_bytes is refused with 413 and one of another type with 415; neither is stored")
  void limits() {
    Talk talk = talk("Lars");
    try (ChatCustomer customer = talk.customer()) {
      long before = attachmentRows();
      var tooLarge = upload(talk.chatId(), null, talk.token(), bytes(300_000, 5), "big.pdf", "application/pdf");
      assertEquals(413, tooLarge.statusCode());
      assertEquals("application/problem+json", tooLarge.getHeader("Content-Type"));
      var wrongType = upload(talk.chatId(), null, talk.token(), bytes(100, 6), "run.exe", "application/x-msdownload");
      assertEquals(415, wrongType.statusCode());
      assertTrue(wrongType.bodyAsJsonObject().getString("detail").contains("run.exe"));
      assertEquals(before, attachmentRows());
      assertEquals(List.of(), server.sql("SELECT id FROM article WHERE ticket_id = ? AND body = 'run.exe'",
          talk.ticketId()).stream().map(row -> row.get("id")).toList());
    }
  }

  @Test
  @DisplayName("no file goes into a chat that ended, nor from an agent who does not hold the chat")
  void onlyWhileTalking() {
    Talk talk = talk("Edda");
    try (ChatCustomer customer = talk.customer()) {
      assertEquals(403, upload(talk.chatId(), carl, null, bytes(10, 7), "a.png", "image/png").statusCode());
      customer.send(new JsonObject().put("type", "chat.close"));
      customer.await("chat.closed");
      assertEquals(409, upload(talk.chatId(), null, talk.token(), bytes(10, 8), "a.pdf", "application/pdf").statusCode());
      assertEquals(409, upload(talk.chatId(), alice, null, bytes(10, 9), "a.png", "image/png").statusCode());
    }
  }

  @Test
  @DisplayName("an administrator changes the chat's file limit and file types at run time: the next upload is held to "
      + "them, a list that is not media types is a 422, and null brings back the configuration's")
  void limitsChangedAtRunTime(@Admin String admin) {
    Talk talk = talk("Runa");
    try (ChatCustomer customer = talk.customer()) {
      var changed = api.patch("/settings", admin, new JsonObject().put("chat.max_file_bytes", 20_000)
          .put("chat.file_types", new JsonArray().add("application/pdf")));
      assertEquals(200, changed.statusCode(), changed.bodyAsString());
      assertEquals(413, upload(talk.chatId(), null, talk.token(), bytes(50_000, 10), "a.pdf", "application/pdf")
          .statusCode());
      assertEquals(415, upload(talk.chatId(), null, talk.token(), bytes(1_000, 11), "a.png", "image/png").statusCode());
      assertEquals(201, upload(talk.chatId(), null, talk.token(), bytes(1_000, 12), "a.pdf", "application/pdf")
          .statusCode());

      var bad = api.patch("/settings", admin, new JsonObject().put("chat.file_types", new JsonArray().add("pdf"))
          .put("chat.max_file_bytes", 10));
      assertEquals(422, bad.statusCode());
      assertTrue(bad.bodyAsString().contains("chat.file_types") && bad.bodyAsString().contains("chat.max_file_bytes"),
          bad.bodyAsString());

      var configured = api.patch("/settings", admin, new JsonObject().putNull("chat.max_file_bytes")
          .putNull("chat.file_types"));
      assertEquals(200, configured.statusCode(), configured.bodyAsString());
      assertEquals(201, upload(talk.chatId(), null, talk.token(), bytes(300_000, 13), "b.png", "image/png")
          .statusCode(), "the configuration's 10 MiB and image types apply again");
    } finally {
      api.patch("/settings", admin, LIMITS);
    }
  }
}
