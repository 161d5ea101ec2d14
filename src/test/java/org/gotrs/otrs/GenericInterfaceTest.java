package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.stream.Collectors;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@GotrsServer(config = {GotrsServer.MANY_LOGINS, """
    {"tickets": {"attachment_max_bytes": 4096}}"""})
@DisplayName("The OTRS GenericInterface REST API (GenericTicketConnectorREST)")
class GenericInterfaceTest {

  private static final String BASE = GenericTicketConnector.BASE;
  private static final String FILE = Base64.getEncoder().encodeToString("hello otrs\n".getBytes(StandardCharsets.UTF_8));

  private static TestServer server;
  private static int queueId;

  @BeforeAll
  static void data(TestServer started, Fixtures fixtures) {
    server = started;
    int support = fixtures.group("gi-support");
    queueId = fixtures.queue("GI Support", support);
    fixtures.agent("gi-agent", "agent-pass", support, "rw");
    fixtures.agent("outsider", "outsider-pass", null);
    fixtures.company("ACME");
    fixtures.company("OTHER");
    fixtures.customer("gi-customer", "customer-pass", "ACME");
    fixtures.customer("other-customer", "other-pass", "OTHER");
    server.sql("""
        INSERT INTO custom_field_definitions (object_type, field_name, field_type, field_config, visible_for_customer)
        VALUES ('ticket', 'severity', 'select', '{"options":["high","low"],"otrs_name":"Severity"}', true)""");
  }

  private static JsonObject call(HttpMethod method, String path, JsonObject body) {
    var response = server.send(method, BASE + path, null, body);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject get(String path, Map<String, String> query) {
    String q = query.entrySet().stream().map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return call(HttpMethod.GET, path + (q.isEmpty() ? "" : "?" + q), null);
  }

  private static String session(String login, String password) {
    JsonObject answer = call(HttpMethod.POST, "/Session", new JsonObject().put("UserLogin", login).put("Password", password));
    assertNotNull(answer.getString("SessionID"), answer.encode());
    return answer.getString("SessionID");
  }

  private static void assertError(JsonObject answer, String code, String message) {
    assertEquals(new JsonObject().put("Error", new JsonObject().put("ErrorCode", code).put("ErrorMessage", message)),
        answer);
  }

  /** The TicketCreate request of OTRS's documentation, for our queue and customer. */
  private static JsonObject createRequest(String title) {
    return new JsonObject().put("UserLogin", "gi-agent").put("Password", "agent-pass")
        .put("Ticket", new JsonObject().put("Title", title).put("Queue", "GI Support").put("State", "open")
            .put("Priority", "3 normal").put("CustomerUser", "gi-customer"))
        .put("Article", new JsonObject().put("CommunicationChannel", "Email").put("SenderType", "agent")
            .put("Subject", "some subject").put("Body", "some body").put("ContentType", "text/plain; charset=utf8"))
        .put("DynamicField", new JsonArray().add(new JsonObject().put("Name", "Severity").put("Value", "high")))
        .put("Attachment", new JsonArray().add(new JsonObject().put("Content", FILE).put("ContentType", "text/plain")
            .put("Filename", "note.txt")));
  }

  private static JsonObject create(String title) {
    JsonObject created = call(HttpMethod.POST, "/Ticket", createRequest(title));
    assertTrue(created.getString("TicketID").matches("[0-9]+"), created.encode());
    return created;
  }

  @Test
  @DisplayName("POST /Session gives a SessionID for the right password and OTRS's AuthFail error otherwise")
  void session() {
    assertTrue(session("gi-agent", "agent-pass").length() > 20);
    assertError(call(HttpMethod.POST, "/Session", new JsonObject().put("UserLogin", "gi-agent").put("Password", "nope")),
        "SessionCreate.AuthFail", "SessionCreate: Authorization failing!");
    assertError(call(HttpMethod.POST, "/Session", new JsonObject().put("UserLogin", "gi-agent")),
        "SessionCreate.MissingParameter", "SessionCreate: UserLogin or CustomerUserLogin, and Password are required!");
    JsonObject customer = call(HttpMethod.POST, "/Session", new JsonObject().put("CustomerUserLogin", "gi-customer")
        .put("Password", "customer-pass"));
    assertNotNull(customer.getString("SessionID"));
  }

  @Test
  @DisplayName("POST /Ticket creates the ticket with its article, dynamic field and base64 attachment")
  void ticketCreate() {
    JsonObject created = create("Printer on fire");
    assertEquals(3, created.size(), created.encode());
    long id = Long.parseLong(created.getString("TicketID"));
    assertEquals(created.getString("TicketNumber"), server.scalar("SELECT tn FROM ticket WHERE id = ?", id));
    var article = server.sql("""
        SELECT a.id, at.name AS type, a.subject, a.body, a.content_type, a.article_sender_type_id AS sender
          FROM article a JOIN article_type at ON at.id = a.article_type_id WHERE a.ticket_id = ?""", id).get(0);
    assertEquals(Long.parseLong(created.getString("ArticleID")), article.get("id"));
    assertEquals("email-external", article.get("type"));
    assertEquals("some subject", article.get("subject"));
    assertEquals("some body", article.get("body"));
    assertEquals("text/plain; charset=utf8", article.get("content_type"));
    assertEquals(1, article.get("sender"));
    assertEquals("high", server.scalar("SELECT custom_fields ->> 'severity' FROM ticket WHERE id = ?", id));
    var file = server.sql("SELECT filename, content_type, content, checksum FROM article_attachment WHERE article_id = ?",
        article.get("id")).get(0);
    assertEquals("note.txt", file.get("filename"));
    assertEquals("hello otrs\n", new String((byte[]) file.get("content"), StandardCharsets.UTF_8));
    assertEquals(org.apache.commons.codec.digest.DigestUtils.sha256Hex("hello otrs\n"), file.get("checksum"));
  }

  @Test
  @DisplayName("POST /Ticket answers OTRS's errors: missing and invalid parameters, no permission, wrong login")
  void ticketCreateErrors() {
    JsonObject noTitle = createRequest("x");
    noTitle.getJsonObject("Ticket").remove("Title");
    assertError(call(HttpMethod.POST, "/Ticket", noTitle), "TicketCreate.MissingParameter",
        "TicketCreate: Ticket->Title parameter is missing!");
    JsonObject noArticle = createRequest("x");
    noArticle.remove("Article");
    assertError(call(HttpMethod.POST, "/Ticket", noArticle), "TicketCreate.MissingParameter",
        "TicketCreate: Article parameter is missing or not valid!");
    JsonObject badQueue = createRequest("x");
    badQueue.getJsonObject("Ticket").put("Queue", "No Such Queue");
    assertEquals("TicketCreate.InvalidParameter",
        call(HttpMethod.POST, "/Ticket", badQueue).getJsonObject("Error").getString("ErrorCode"));
    JsonObject badField = createRequest("x");
    badField.put("DynamicField", new JsonObject().put("Name", "Nope").put("Value", "1"));
    assertError(call(HttpMethod.POST, "/Ticket", badField), "TicketCreate.InvalidParameter",
        "TicketCreate: DynamicField->Name parameter is invalid!");
    JsonObject outsider = createRequest("x").put("UserLogin", "outsider").put("Password", "outsider-pass");
    assertError(call(HttpMethod.POST, "/Ticket", outsider), "TicketCreate.AccessDenied",
        "TicketCreate: Can not create tickets in given Queue or QueueID!");
    JsonObject wrongPassword = createRequest("x").put("Password", "wrong");
    assertError(call(HttpMethod.POST, "/Ticket", wrongPassword), "TicketCreate.AuthFail",
        "TicketCreate: User could not be authenticated!");
    JsonObject anonymous = createRequest("x");
    anonymous.remove("UserLogin");
    anonymous.remove("Password");
    assertError(call(HttpMethod.POST, "/Ticket", anonymous), "TicketCreate.MissingParameter",
        "TicketCreate: UserLogin, CustomerUserLogin or SessionID is required!");
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket WHERE title = 'x'"));
  }

  @Test
  @DisplayName("GET /Ticket/:TicketID shows the ticket with OTRS's field names and formats, articles and attachments")
  void ticketGet() {
    JsonObject created = create("Get me");
    String sessionId = session("gi-agent", "agent-pass");
    JsonObject answer = get("/Ticket/" + created.getString("TicketID"), Map.of("SessionID", sessionId,
        "AllArticles", "1", "Attachments", "1", "DynamicFields", "1", "Extended", "1"));
    JsonObject t = answer.getJsonArray("Ticket").getJsonObject(0);
    assertEquals(created.getString("TicketID"), t.getString("TicketID"));
    assertEquals(created.getString("TicketNumber"), t.getString("TicketNumber"));
    assertEquals("Get me", t.getString("Title"));
    assertEquals("open", t.getString("State"));
    assertEquals("open", t.getString("StateType"));
    assertEquals("GI Support", t.getString("Queue"));
    assertEquals(String.valueOf(queueId), t.getString("QueueID"));
    assertEquals("3 normal", t.getString("Priority"));
    assertEquals("unlock", t.getString("Lock"));
    assertEquals("gi-customer", t.getString("CustomerUserID"));
    assertEquals("ACME", t.getString("CustomerID"));
    assertEquals("n", t.getString("ArchiveFlag"));
    assertEquals("", t.getString("SLA"));
    assertTrue(t.getString("Created").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"), t.getString("Created"));
    assertTrue(t.getValue("Age") instanceof Number);
    assertEquals(new JsonArray().add(new JsonObject().put("Name", "Severity").put("Value", "high")),
        t.getJsonArray("DynamicField"));
    assertTrue(t.containsKey("FirstResponse"));
    JsonObject article = t.getJsonArray("Article").getJsonObject(0);
    assertEquals(created.getString("ArticleID"), article.getString("ArticleID"));
    assertEquals("some subject", article.getString("Subject"));
    assertEquals("some body", article.getString("Body"));
    assertEquals("agent", article.getString("SenderType"));
    assertEquals("1", article.getString("CommunicationChannelID"));
    assertEquals(1, article.getInteger("IsVisibleForCustomer"));
    assertEquals("text/plain", article.getString("MimeType"));
    assertEquals("utf8", article.getString("Charset"));
    JsonObject file = article.getJsonArray("Attachment").getJsonObject(0);
    assertEquals("note.txt", file.getString("Filename"));
    assertEquals("text/plain", file.getString("ContentType"));
    assertEquals(FILE, file.getString("Content"));
    assertEquals("11", file.getString("FilesizeRaw"));
    assertEquals(1, file.getInteger("FileID"));
    JsonObject plain = get("/Ticket/" + created.getString("TicketID"), Map.of("SessionID", sessionId))
        .getJsonArray("Ticket").getJsonObject(0);
    assertTrue(!plain.containsKey("Article") && !plain.containsKey("DynamicField"), plain.encode());
  }

  @Test
  @DisplayName("GET /Ticket/:TicketID refuses other people's tickets, bad ids and missing credentials OTRS style")
  void ticketGetErrors() {
    String id = create("Not yours").getString("TicketID");
    assertError(get("/Ticket/" + id, Map.of("UserLogin", "outsider", "Password", "outsider-pass")),
        "TicketGet.AccessDenied", "TicketGet: User does not have access to the ticket!");
    assertError(get("/Ticket/abc", Map.of("UserLogin", "gi-agent", "Password", "agent-pass")),
        "TicketGet.WrongStructure", "TicketGet: Invalid ticket ID parameter(s) found!");
    assertError(get("/Ticket/" + id, Map.of()), "TicketGet.AuthFail", "TicketGet: Authorization failing!");
    assertError(get("/Ticket/" + id, Map.of("SessionID", "forged.session")), "TicketGet.AuthFail",
        "TicketGet: Authorization failing!");
    JsonObject customerSession = call(HttpMethod.POST, "/Session", new JsonObject()
        .put("CustomerUserLogin", "other-customer").put("Password", "other-pass"));
    assertError(get("/Ticket/" + id, Map.of("SessionID", customerSession.getString("SessionID"))),
        "TicketGet.AccessDenied", "TicketGet: User does not have access to the ticket!");
    JsonObject ownCustomer = call(HttpMethod.POST, "/Session", new JsonObject()
        .put("CustomerUserLogin", "gi-customer").put("Password", "customer-pass"));
    assertEquals(id, get("/Ticket/" + id, Map.of("SessionID", ownCustomer.getString("SessionID")))
        .getJsonArray("Ticket").getJsonObject(0).getString("TicketID"));
  }

  @Test
  @DisplayName("GET /Ticket searches with OTRS's parameters, SortBy and OrderBy, within the caller's permissions")
  void ticketSearch() {
    String a = create("Search alpha").getString("TicketID");
    String b = create("Search beta").getString("TicketID");
    String sessionId = session("gi-agent", "agent-pass");
    var up = call(HttpMethod.GET, "/Ticket", new JsonObject().put("SessionID", sessionId).put("Title", "Search*")
        .put("SortBy", "Age").put("OrderBy", "Up"));
    assertEquals(new JsonArray().add(a).add(b), up.getJsonArray("TicketID"));
    var down = get("/Ticket", Map.of("SessionID", sessionId, "Title", "Search*"));
    assertEquals(new JsonArray().add(b).add(a), down.getJsonArray("TicketID"));
    var filtered = call(HttpMethod.GET, "/Ticket", new JsonObject().put("SessionID", sessionId)
        .put("Title", "Search*").put("QueueIDs", new JsonArray().add(queueId)).put("States", new JsonArray().add("open"))
        .put("StateType", "Open").put("CustomerUserLogin", "gi-customer").put("Limit", 1)
        .put("DynamicField_Severity", new JsonObject().put("Equals", "high")));
    assertEquals(new JsonArray().add(b), filtered.getJsonArray("TicketID"));
    assertEquals(new JsonObject(), get("/Ticket", Map.of("SessionID", sessionId, "Title", "Search*",
        "States", "closed successful")));
    assertEquals(new JsonObject(), get("/Ticket", Map.of("UserLogin", "outsider", "Password", "outsider-pass",
        "Title", "Search*")));
    assertError(get("/Ticket", Map.of("SessionID", sessionId, "SortBy", "Nonsense")), "TicketSearch.InvalidParameter",
        "TicketSearch: SortBy parameter is invalid!");
    assertError(get("/Ticket", Map.of("Title", "x")), "TicketSearch.AuthFail", "TicketSearch: Authorization failing!");
  }

  @Test
  @DisplayName("PATCH /Ticket/:TicketID changes fields and adds an article through the native checks")
  void ticketUpdate() {
    JsonObject created = create("Update me");
    String id = created.getString("TicketID");
    JsonObject answer = call(HttpMethod.PATCH, "/Ticket/" + id, new JsonObject().put("UserLogin", "gi-agent")
        .put("Password", "agent-pass")
        .put("Ticket", new JsonObject().put("State", "closed successful").put("Priority", "4 high").put("Title", "Updated"))
        .put("Article", new JsonObject().put("CommunicationChannel", "Internal").put("IsVisibleForCustomer", 0)
            .put("Subject", "note").put("Body", "internal remark")));
    assertEquals(created.getString("TicketNumber"), answer.getString("TicketNumber"));
    assertEquals(id, answer.getString("TicketID"));
    var ticket = server.sql("SELECT t.title, s.name AS state, p.name AS priority FROM ticket t JOIN ticket_state s "
        + "ON s.id = t.ticket_state_id JOIN ticket_priority p ON p.id = t.ticket_priority_id WHERE t.id = ?",
        Long.parseLong(id)).get(0);
    assertEquals(Map.of("title", "Updated", "state", "closed successful", "priority", "4 high"), ticket);
    assertEquals("note-internal", server.scalar("SELECT at.name FROM article a JOIN article_type at "
        + "ON at.id = a.article_type_id WHERE a.id = ?", Long.parseLong(answer.getString("ArticleID"))));
    assertError(call(HttpMethod.PATCH, "/Ticket/" + id, new JsonObject().put("UserLogin", "outsider")
            .put("Password", "outsider-pass").put("Ticket", new JsonObject().put("Title", "hijack"))),
        "TicketUpdate.AccessDenied", "TicketUpdate: User does not have access to the ticket!");
    assertError(call(HttpMethod.PATCH, "/Ticket/" + id, new JsonObject().put("UserLogin", "gi-agent")
            .put("Password", "agent-pass").put("Ticket", new JsonObject().put("State", "no such state"))),
        "TicketUpdate.InvalidParameter", "TicketUpdate: state names no valid state");
  }

  @Test
  @DisplayName("GET /TicketHistory/:TicketID lists the history with OTRS's fields, for agents only")
  void ticketHistory() {
    String id = create("History").getString("TicketID");
    JsonObject answer = get("/TicketHistory/" + id, Map.of("UserLogin", "gi-agent", "Password", "agent-pass"));
    JsonObject ticket = answer.getJsonArray("TicketHistory").getJsonObject(0);
    assertEquals(id, ticket.getString("TicketID"));
    JsonObject first = ticket.getJsonArray("History").getJsonObject(0);
    assertEquals("NewTicket", first.getString("HistoryType"));
    assertEquals("1", first.getString("HistoryTypeID"));
    assertEquals(String.valueOf(queueId), first.getString("QueueID"));
    assertTrue(first.getString("CreateTime").matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d"));
    assertEquals(12, first.size(), first.encode());
    JsonObject customer = call(HttpMethod.POST, "/Session", new JsonObject().put("CustomerUserLogin", "gi-customer")
        .put("Password", "customer-pass"));
    assertError(get("/TicketHistory/" + id, Map.of("SessionID", customer.getString("SessionID"))),
        "TicketHistoryGet.AuthFail", "TicketHistoryGet: User needs to an Agent!");
    assertError(get("/TicketHistory/" + id, Map.of("UserLogin", "outsider", "Password", "outsider-pass")),
        "TicketHistoryGet.AccessDenied", "TicketHistoryGet: User does not have access to the ticket " + id + "!");
  }

  @Test
  @DisplayName("a NUL character anywhere in a request is OTRS's InvalidParameter, never a 500, and nothing is written")
  void nulCharactersAreInvalidParameters() {
    String id = create("Before NUL").getString("TicketID");
    long tickets = (Long) server.scalar("SELECT count(*) FROM ticket");
    long articles = (Long) server.scalar("SELECT count(*) FROM article");
    JsonObject nulTitle = createRequest("a\u0000b");
    assertError(call(HttpMethod.POST, "/Ticket", nulTitle), "TicketCreate.InvalidParameter",
        "TicketCreate: Ticket->Title parameter is invalid!");
    JsonObject nulAttachment = createRequest("NUL in the attachment's type");
    nulAttachment.getJsonArray("Attachment").getJsonObject(0).put("ContentType", "text/plain\u0000");
    assertEquals("TicketCreate.InvalidParameter", call(HttpMethod.POST, "/Ticket", nulAttachment)
        .getJsonObject("Error").getString("ErrorCode"));
    JsonObject nulNote = new JsonObject().put("UserLogin", "gi-agent").put("Password", "agent-pass")
        .put("Ticket", new JsonObject().put("Title", "After NUL"))
        .put("Article", new JsonObject().put("Subject", "note").put("Body", "\u0000"));
    assertError(call(HttpMethod.PATCH, "/Ticket/" + id, nulNote), "TicketUpdate.InvalidParameter",
        "TicketUpdate: Article->Body parameter is invalid!");
    assertError(get("/Ticket", Map.of("UserLogin", "gi-agent", "Password", "agent-pass", "Title", "x\u0000")),
        "TicketSearch.InvalidParameter", "TicketSearch: Title parameter is invalid!");
    assertError(call(HttpMethod.POST, "/Session", new JsonObject().put("UserLogin", "gi-agent\u0000")
        .put("Password", "agent-pass")), "SessionCreate.InvalidParameter", "SessionCreate: UserLogin parameter is invalid!");
    assertEquals(tickets, server.scalar("SELECT count(*) FROM ticket"));
    assertEquals(articles, server.scalar("SELECT count(*) FROM article"));
    assertEquals("Before NUL", server.scalar("SELECT title FROM ticket WHERE id = ?", Long.parseLong(id)));
  }

  @Test
  @DisplayName("a TicketUpdate whose article is refused leaves the ticket as it was")
  void refusedArticleLeavesTheTicket() {
    String id = create("Unchanged").getString("TicketID");
    long articles = (Long) server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", Long.parseLong(id));
    JsonObject update = new JsonObject().put("UserLogin", "gi-agent").put("Password", "agent-pass")
        .put("Ticket", new JsonObject().put("Title", "Changed").put("State", "closed successful"))
        .put("Article", new JsonObject().put("Subject", "s".repeat(300)).put("Body", "too long a subject"));
    assertEquals("TicketUpdate.InvalidParameter", call(HttpMethod.PATCH, "/Ticket/" + id, update)
        .getJsonObject("Error").getString("ErrorCode"));
    assertEquals("Unchanged", server.scalar("SELECT title FROM ticket WHERE id = ?", Long.parseLong(id)));
    assertEquals("open", server.scalar("SELECT s.name FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id "
        + "WHERE t.id = ?", Long.parseLong(id)));
    assertEquals(articles, server.scalar("SELECT count(*) FROM article WHERE ticket_id = ?", Long.parseLong(id)));
  }

  @Test
  @DisplayName("a TicketCreate whose attachments exceed the limit creates no ticket")
  void oversizeAttachmentCreatesNoTicket() {
    JsonObject request = createRequest("Too big to attach");
    request.getJsonArray("Attachment").getJsonObject(0)
        .put("Content", Base64.getEncoder().encodeToString(new byte[5000]));
    assertEquals("TicketCreate.InvalidParameter", call(HttpMethod.POST, "/Ticket", request)
        .getJsonObject("Error").getString("ErrorCode"));
    assertEquals(0L, server.scalar("SELECT count(*) FROM ticket WHERE title = 'Too big to attach'"));
  }

  @Test
  @DisplayName("a dynamic field's value given as [null] leaves the field empty instead of failing")
  void dynamicFieldValueOfNull() {
    JsonObject request = createRequest("Null severity");
    request.put("DynamicField", new JsonObject().put("Name", "Severity").put("Value", new JsonArray().addNull()));
    JsonObject created = call(HttpMethod.POST, "/Ticket", request);
    assertTrue(created.getString("TicketID", "").matches("[0-9]+"), created.encode());
    assertEquals(null, server.scalar("SELECT custom_fields ->> 'severity' FROM ticket WHERE id = ?",
        Long.parseLong(created.getString("TicketID"))));
  }

  @Test
  @DisplayName("search patterns match themselves but for OTRS's wildcards * and %: a lone backslash or _ is no error")
  void searchPatternsAreLiteral() {
    String id = create("Path C:\\temp is 100%_full").getString("TicketID");
    String sessionId = session("gi-agent", "agent-pass");
    for (String title : new String[] {"*C:\\temp*", "*100%_full", "Path C:\\temp is 100%_full"}) {
      assertEquals(new JsonArray().add(id), get("/Ticket", Map.of("SessionID", sessionId, "Title", title))
          .getJsonArray("TicketID"), title);
    }
    for (Map.Entry<String, String> search : Map.of("Title", "\\", "TicketNumber", "\\", "CustomerID", "_",
        "CustomerUserLogin", "_\\", "MIMEBase_Subject", "\\", "MIMEBase_Body", "*\\").entrySet()) {
      assertEquals(new JsonObject(), get("/Ticket", Map.of("SessionID", sessionId, search.getKey(), search.getValue())),
          search.toString());
    }
    assertEquals(new JsonObject(), call(HttpMethod.GET, "/Ticket", new JsonObject().put("SessionID", sessionId)
        .put("DynamicField_Severity", new JsonObject().put("Like", "\\"))));
    assertEquals(new JsonObject(), get("/Ticket", Map.of("SessionID", sessionId, "Title", "100%")),
        "% is OTRS's LIKE wildcard: 100% is a title that starts with 100");
    assertEquals(new JsonArray().add(id), get("/Ticket", Map.of("SessionID", sessionId, "Title", "%temp is 100%"))
        .getJsonArray("TicketID"));
  }

  @Test
  @DisplayName("bad JSON and unknown routes answer in OTRS's error shape")
  void badRequests() {
    var broken = server.send(HttpMethod.POST, BASE + "/Ticket", null, io.vertx.core.buffer.Buffer.buffer("{nope"));
    assertEquals(200, broken.statusCode());
    assertEquals("TicketCreate.InvalidParameter", broken.bodyAsJsonObject().getJsonObject("Error").getString("ErrorCode"));
    var unknown = server.send(HttpMethod.GET, BASE + "/Nothing", null, null);
    assertEquals(404, unknown.statusCode());
    assertEquals("Provider.RouteNotFound", unknown.bodyAsJsonObject().getJsonObject("Error").getString("ErrorCode"));
  }

  @Test
  @DisplayName("GET /Session/:SessionID tells a client its kept SessionID still works (PyOTRS's session restore)")
  void sessionGet() {
    String sessionId = session("gi-agent", "agent-pass");
    JsonObject data = call(HttpMethod.GET, "/Session/" + sessionId, null);
    JsonArray pairs = data.getJsonArray("SessionData");
    assertNotNull(pairs, data.encode());
    assertTrue(pairs.stream().map(JsonObject.class::cast).anyMatch(pair -> "UserLogin".equals(pair.getString("Key"))
        && "gi-agent".equals(pair.getString("Value"))), data.encode());
    assertTrue(pairs.stream().map(JsonObject.class::cast).anyMatch(pair -> "UserType".equals(pair.getString("Key"))
        && "User".equals(pair.getString("Value"))), data.encode());
    assertError(call(HttpMethod.GET, "/Session/not-a-session", null), "SessionGet.SessionInvalid",
        "SessionGet: SessionID is Invalid!");
  }

  @Test
  @DisplayName("TicketSearch refuses a parameter it does not support instead of ignoring it and answering everything")
  void unknownSearchParameterIsRefused() {
    String sessionId = session("gi-agent", "agent-pass");
    for (String unknown : new String[] {"CreatedUserIDs", "Bogus", "TicketCreateTimeNewerYears"}) {
      assertError(get("/Ticket", Map.of("SessionID", sessionId, unknown, "1")), "TicketSearch.InvalidParameter",
          "TicketSearch: " + unknown + " parameter is not supported!");
    }
    assertError(get("/Ticket", Map.of("SessionID", sessionId, "Subject", "x", "ContentSearch", "XOR")),
        "TicketSearch.InvalidParameter", "TicketSearch: ContentSearch parameter is invalid!");
  }

  @Test
  @DisplayName("TicketSearch finds articles by OTRS 5's Subject/Body/From names and MIMEBase_*, ANDed or with ContentSearch=OR")
  void fullTextSearch() {
    String sessionId = session("gi-agent", "agent-pass");
    String marker = "fulltext" + System.nanoTime();
    JsonObject first = createRequest("Full text one");
    first.getJsonObject("Article").put("Subject", marker + " printer").put("Body", "the printer jams");
    String one = call(HttpMethod.POST, "/Ticket", first).getString("TicketID");
    JsonObject second = createRequest("Full text two");
    second.getJsonObject("Article").put("Subject", marker + " scanner").put("Body", "the scanner is slow");
    String two = call(HttpMethod.POST, "/Ticket", second).getString("TicketID");

    assertEquals(new JsonArray().add(one), get("/Ticket", Map.of("SessionID", sessionId, "Subject", marker + " print*"))
        .getJsonArray("TicketID"));
    assertEquals(new JsonArray().add(one), get("/Ticket", Map.of("SessionID", sessionId, "MIMEBase_Subject",
        marker + "*", "Body", "*jams*")).getJsonArray("TicketID"), "both must match by default");
    assertEquals(new JsonObject(), get("/Ticket", Map.of("SessionID", sessionId, "Subject", marker + " scanner",
        "Body", "*jams*")), "AND: no article has both");
    var either = get("/Ticket", Map.of("SessionID", sessionId, "Subject", marker + " scanner", "Body", "*jams*",
        "ContentSearch", "OR", "FullTextIndex", "1", "SortBy", "Age", "OrderBy", "Up"));
    assertEquals(new JsonArray().add(one).add(two), either.getJsonArray("TicketID"));
    long inDatabase = ((Number) server.scalar("""
        SELECT count(DISTINCT ticket_id) FROM article WHERE subject ILIKE ? OR body ILIKE '%jams%'""",
        marker + " scanner")).longValue();
    assertEquals(inDatabase, either.getJsonArray("TicketID").size(), "the same as the database finds");
  }

  @Test
  @DisplayName("TicketSearch's TicketCloseTime* and TicketChangeTime* windows find only tickets closed or changed then")
  void closeAndChangeTimes() {
    String sessionId = session("gi-agent", "agent-pass");
    String closed = create("Closed in the window").getString("TicketID");
    String open = create("Still open").getString("TicketID");
    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + closed, server.login("gi-agent", "agent-pass"),
        new JsonObject().put("state", "closed successful")).statusCode());
    JsonArray recentlyClosed = get("/Ticket", Map.of("SessionID", sessionId, "TicketCloseTimeNewerMinutes", "60",
        "Limit", "1000")).getJsonArray("TicketID", new JsonArray());
    assertTrue(recentlyClosed.contains(closed), recentlyClosed.encode());
    assertTrue(!recentlyClosed.contains(open), "an open ticket was never closed");
    JsonArray closedLongAgo = get("/Ticket", Map.of("SessionID", sessionId, "TicketCloseTimeOlderDate",
        "2001-01-01 00:00:00")).getJsonArray("TicketID", new JsonArray());
    assertTrue(!closedLongAgo.contains(closed), closedLongAgo.encode());
    long closedCount = ((Number) server.scalar("""
        SELECT count(*) FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
         WHERE s.type_id = 4 AND t.queue_id = ?""", queueId)).longValue();
    assertEquals(closedCount, get("/Ticket", Map.of("SessionID", sessionId, "TicketCloseTimeNewerMinutes", "60",
        "QueueIDs", String.valueOf(queueId), "Limit", "1000")).getJsonArray("TicketID").size());
    JsonArray changed = get("/Ticket", Map.of("SessionID", sessionId, "TicketChangeTimeNewerMinutes", "60",
        "Limit", "1000")).getJsonArray("TicketID");
    assertTrue(changed.contains(closed) && changed.contains(open), changed.encode());
    assertEquals(new JsonObject(), get("/Ticket", Map.of("SessionID", sessionId, "TicketChangeTimeOlderDate",
        "2001-01-01 00:00:00")));
  }

  @Test
  @DisplayName("TicketSearch with UseSubQueues finds the tickets of the queues below the ones named")
  void subQueues() {
    String sessionId = session("gi-agent", "agent-pass");
    int child = ((Number) server.scalar("""
        INSERT INTO queue (name, group_id, parent_id, follow_up_id)
        SELECT 'GI Support Child', group_id, id, 1 FROM queue WHERE id = ? RETURNING id""", queueId)).intValue();
    JsonObject request = createRequest("In the child queue");
    request.getJsonObject("Ticket").put("Queue", "GI Support Child");
    String inChild = call(HttpMethod.POST, "/Ticket", request).getString("TicketID");
    JsonArray withChildren = get("/Ticket", Map.of("SessionID", sessionId, "QueueIDs", String.valueOf(queueId),
        "UseSubQueues", "1", "Limit", "1000")).getJsonArray("TicketID");
    assertTrue(withChildren.contains(inChild), withChildren.encode());
    JsonArray byName = get("/Ticket", Map.of("SessionID", sessionId, "Queues", "GI Support", "UseSubQueues", "1",
        "Limit", "1000")).getJsonArray("TicketID");
    assertTrue(byName.contains(inChild), byName.encode());
    JsonArray alone = get("/Ticket", Map.of("SessionID", sessionId, "QueueIDs", String.valueOf(queueId),
        "Limit", "1000")).getJsonArray("TicketID", new JsonArray());
    assertTrue(!alone.contains(inChild), "without UseSubQueues the child queue is not searched");
    assertTrue(child > queueId);
  }

  @Test
  @DisplayName("agents appear as OTRS numbers: an unowned ticket is root's (1), CreateBy and history are integers")
  void agentsAsNumbers() {
    String sessionId = session("gi-agent", "agent-pass");
    String id = create("Numbers please").getString("TicketID");
    int agentNumber = ((Number) server.scalar("SELECT number FROM users WHERE login = 'gi-agent'")).intValue();
    JsonObject ticket = get("/Ticket/" + id, Map.of("SessionID", sessionId, "AllArticles", "1"))
        .getJsonArray("Ticket").getJsonObject(0);
    assertEquals("root@localhost", ticket.getString("Owner"), ticket.encode());
    assertEquals("1", ticket.getString("OwnerID"));
    assertEquals(String.valueOf(agentNumber), ticket.getString("CreateBy"));
    assertTrue(ticket.getString("CreateTimeUnix").matches("[1-9][0-9]{9}"), ticket.encode());
    assertEquals(String.valueOf(agentNumber), ticket.getJsonArray("Article").getJsonObject(0).getString("CreateBy"));
    JsonObject history = get("/TicketHistory/" + id, Map.of("SessionID", sessionId))
        .getJsonArray("TicketHistory").getJsonObject(0);
    assertTrue(history.getJsonArray("History").stream().map(JsonObject.class::cast)
        .allMatch(line -> line.getString("CreateBy").matches("[0-9]+")), history.encode());

    assertEquals(200, server.send(HttpMethod.PATCH, "/api/v1/tickets/" + id, server.login("gi-agent", "agent-pass"),
        new JsonObject().put("user_id", server.scalar("SELECT id FROM users WHERE login = 'gi-agent'").toString()))
        .statusCode());
    JsonArray owned = get("/Ticket", Map.of("SessionID", sessionId, "OwnerIDs", String.valueOf(agentNumber),
        "Title", "Numbers please")).getJsonArray("TicketID");
    assertEquals(new JsonArray().add(id), owned);
    assertEquals(204, server.send(HttpMethod.PUT, "/api/v1/tickets/" + id + "/watchers/me",
        server.login("gi-agent", "agent-pass"), null).statusCode());
    JsonArray watched = get("/Ticket", Map.of("SessionID", sessionId, "WatchUserIDs", String.valueOf(agentNumber),
        "Title", "Numbers please")).getJsonArray("TicketID");
    assertEquals(new JsonArray().add(id), watched);
    assertEquals(null, get("/Ticket", Map.of("SessionID", sessionId, "WatchUserIDs", "1", "Title", "Numbers please"))
        .getJsonArray("TicketID"), "root watches nothing");
    assertEquals("1", ((Number) server.scalar("SELECT number FROM users WHERE login = 'root@localhost'")).toString());
  }
}
