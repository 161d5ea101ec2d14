package org.gotrs.otrs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gotrs.otrs.connector.GenericTicketConnector;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The GenericInterface as the PyOTRS client library calls it: {@code session_create} POSTs JSON,
 * {@code session_restore_or_create} GETs {@code /Session/:SessionID}, and every GET operation (SessionGet, TicketGet,
 * TicketSearch, TicketHistoryGet) sends its payload form-encoded in the query string (requests' {@code params=}, a list
 * as repeated keys), while PATCH sends JSON. The answers are checked for the shapes PyOTRS parses.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("The GenericInterface as PyOTRS calls it")
class PyOtrsShapesTest {

  private static final String BASE = GenericTicketConnector.BASE;
  private static TestServer server;
  private static long ticketId;

  @BeforeAll
  static void data(TestServer started, Fixtures fixtures) {
    server = started;
    int group = fixtures.group("pyotrs");
    int queue = fixtures.queue("PyOTRS desk", group);
    fixtures.agent("py-agent", "py-pass", group, "rw");
    String token = server.login("py-agent", "py-pass");
    ticketId = fixtures.ticket(token, queue, "Printer jam on floor 3", "The printer jams on every page.").getLong("id");
  }

  /** What requests.get(url, params=payload) sends: keys in order, a list as the key repeated. */
  private static String form(Map<String, Object> payload) {
    return payload.entrySet().stream().flatMap(entry -> (entry.getValue() instanceof List<?> list ? list : List.of(
            entry.getValue())).stream().map(value -> URLEncoder.encode(entry.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8)))
        .collect(Collectors.joining("&"));
  }

  private static JsonObject get(String route, Map<String, Object> payload) {
    var response = server.send(HttpMethod.GET, BASE + route + "?" + form(payload), null, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static JsonObject json(HttpMethod method, String route, JsonObject payload) {
    var response = server.send(method, BASE + route, null, payload);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static String sessionCreate() {
    JsonObject answer = json(HttpMethod.POST, "/Session", new JsonObject().put("UserLogin", "py-agent")
        .put("Password", "py-pass"));
    assertEquals(1, answer.size(), answer.encode());
    return answer.getString("SessionID");
  }

  @Test
  @DisplayName("session_create, then session_restore_or_create's SessionGet of the stored session")
  void sessions() {
    String session = sessionCreate();
    JsonObject restored = get("/Session/" + session, Map.of("SessionID", session));
    JsonArray data = restored.getJsonArray("SessionData");
    assertTrue(data != null && !data.isEmpty(), restored.encode());
    assertTrue(data.stream().map(JsonObject.class::cast).anyMatch(item -> "UserLogin".equals(item.getString("Key"))
        && "py-agent".equals(item.getString("Value"))), restored.encode());
    JsonObject expired = get("/Session/nosuchsession", Map.of("SessionID", "nosuchsession"));
    assertEquals("SessionGet.SessionInvalid", expired.getJsonObject("Error").getString("ErrorCode"), expired.encode());
  }

  @Test
  @DisplayName("ticket_search and ticket_search_full_text as form-encoded GETs, lists as repeated keys")
  void search() {
    String session = sessionCreate();
    JsonObject found = get("/Ticket", new java.util.LinkedHashMap<>(Map.of("SessionID", session,
        "Title", "%Printer%", "StateType", List.of("new", "open"))));
    assertEquals(new JsonArray().add(String.valueOf(ticketId)), found.getJsonArray("TicketID"), found.encode());
    var fullText = new java.util.LinkedHashMap<String, Object>();
    fullText.put("SessionID", session);
    fullText.put("ContentSearch", "OR");
    fullText.put("FullTextIndex", "1");
    fullText.put("Subject", "%jams on every%");
    fullText.put("Body", "%jams on every%");
    assertEquals(new JsonArray().add(String.valueOf(ticketId)), get("/Ticket", fullText).getJsonArray("TicketID"));
    JsonObject none = get("/Ticket", Map.of("SessionID", session, "Title", "nothing like this"));
    assertTrue(none.isEmpty() || none.getJsonArray("TicketID") == null || none.getJsonArray("TicketID").isEmpty(),
        "PyOTRS reads an empty answer as no tickets: " + none.encode());
  }

  @Test
  @DisplayName("ticket_get_by_id with articles, attachments and dynamic fields, and ticket_update with an article")
  void getAndUpdate() {
    String session = sessionCreate();
    JsonObject updated = json(HttpMethod.PATCH, "/Ticket/" + ticketId, new JsonObject().put("SessionID", session)
        .put("TicketID", ticketId)
        .put("Article", new JsonObject().put("Subject", "Replaced the drum").put("Body", "Works again.")
            .put("ContentType", "text/plain; charset=utf8").put("CommunicationChannel", "Internal")
            .put("IsVisibleForCustomer", 0).put("TimeUnit", 2))
        .put("Attachment", new JsonArray().add(new JsonObject().put("Content", "aGVsbG8=").put("ContentType",
            "text/plain").put("Filename", "log.txt"))));
    assertEquals(String.valueOf(ticketId), updated.getString("TicketID"), updated.encode());
    assertTrue(updated.getString("ArticleID").matches("[0-9]+"), updated.encode());

    var payload = new java.util.LinkedHashMap<String, Object>();
    payload.put("SessionID", session);
    payload.put("AllArticles", 1);
    payload.put("ArticleSenderType", List.of("agent", "customer"));
    payload.put("DynamicFields", 1);
    payload.put("Attachments", 1);
    payload.put("HTMLBodyAsAttachment", 0);
    JsonObject got = get("/Ticket/" + ticketId, payload);
    JsonObject ticket = got.getJsonArray("Ticket").getJsonObject(0);
    for (String field : List.of("TicketID", "TicketNumber", "Title", "Queue", "State", "StateType", "Owner", "OwnerID",
        "Created", "CreateTimeUnix", "Changed", "UnlockTimeout", "Article", "DynamicField")) {
      assertTrue(ticket.containsKey(field), field + " in " + ticket.encode());
    }
    assertEquals(String.valueOf(ticketId), ticket.getString("TicketID"));
    JsonArray articles = ticket.getJsonArray("Article");
    assertEquals(2, articles.size());
    JsonObject note = articles.getJsonObject(1);
    assertEquals("Replaced the drum", note.getString("Subject"));
    assertEquals(2, note.getInteger("TimeUnit"));
    assertEquals("log.txt", note.getJsonArray("Attachment").getJsonObject(0).getString("Filename"), note.encode());
    assertEquals("aGVsbG8=", note.getJsonArray("Attachment").getJsonObject(0).getString("Content"));
    assertTrue(note.getValue("ArticleID") instanceof String, "ids are text, as OTRS writes them");
    assertTrue(ticket.getJsonArray("DynamicField") != null);
  }

  @Test
  @DisplayName("ticket_history_get as a form-encoded GET")
  void history() {
    String session = sessionCreate();
    JsonObject answer = get("/TicketHistory/" + ticketId, Map.of("SessionID", session, "TicketID", ticketId));
    JsonObject first = answer.getJsonArray("TicketHistory").getJsonObject(0);
    assertEquals(String.valueOf(ticketId), String.valueOf(first.getValue("TicketID")));
    JsonArray entries = first.getJsonArray("History");
    assertTrue(entries.size() >= 2, answer.encode());
    JsonObject entry = entries.getJsonObject(0);
    for (String field : List.of("HistoryType", "Name", "CreateBy", "CreateTime", "QueueID", "StateID")) {
      assertTrue(entry.containsKey(field), field + " in " + entry.encode());
    }
    assertTrue(String.valueOf(entry.getValue("CreateBy")).matches("[0-9]+"), "a user number, not a UUID: " + entry);
  }
}
