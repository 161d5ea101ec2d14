package org.gotrs.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gotrs.testing.Admin;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class AuditLogReaderTest {

  private static final String ROOT_ID = "00000000-0000-0000-0000-000000000001";

  private final TestServer server;
  private final String admin;

  AuditLogReaderTest(TestServer server, @Admin String admin) {
    this.server = server;
    this.admin = admin;
  }

  @BeforeAll
  void data() {
    // Seven rows an hour apart on a day of their own, so filters and pages have known answers.
    for (int hour = 0; hour < 7; hour++) {
      server.sql("""
          INSERT INTO audit_log ("timestamp", user_id, ip_address, action, object_type, object_id, old_values,
                                 new_values, result, metadata)
          VALUES (?::timestamp, ?::uuid, '10.0.0.7', ?, 'widget', ?, '{"size": 1}', '{"size": 2}', 'success', '{}')""",
          "2025-03-0" + 1 + " " + String.format("%02d", hour) + ":30:00", hour % 2 == 0 ? ROOT_ID : null,
          hour < 4 ? "widget.create" : "widget.update", "w" + (hour % 3));
    }
  }

  @Test
  @DisplayName("the admin reads the audit log newest first, with ISO-8601 UTC times and every column")
  void readsNewestFirst() {
    var response = server.send(HttpMethod.GET, "/api/v1/audit-log?object_type=widget", admin, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    JsonArray items = response.bodyAsJsonObject().getJsonArray("items");
    assertEquals(7, items.size());
    JsonObject newest = items.getJsonObject(0);
    assertEquals("2025-03-01T06:30:00Z", newest.getString("timestamp"));
    assertEquals("10.0.0.7", newest.getString("ip_address"));
    assertEquals(new JsonObject().put("size", 1), newest.getJsonObject("old_values"));
    assertEquals(new JsonObject().put("size", 2), newest.getJsonObject("new_values"));
    assertEquals("success", newest.getString("result"));
    for (String field : List.of("id", "user_id", "session_id", "user_agent", "action", "object_type", "object_id",
        "error_message", "metadata")) {
      assertTrue(newest.containsKey(field), field);
    }
    List<Instant> times = items.stream().map(item -> Instant.parse(((JsonObject) item).getString("timestamp"))).toList();
    List<Instant> sorted = new ArrayList<>(times);
    sorted.sort(java.util.Comparator.reverseOrder());
    assertEquals(sorted, times);
  }

  @Test
  @DisplayName("the export answers every entry the filters find as CSV, newest first, with a formula turned into text")
  void exportsCsv() {
    server.sql("""
        INSERT INTO audit_log ("timestamp", action, object_type, object_id, new_values, result, metadata)
        VALUES ('2025-03-02 09:00:00', 'gadget.create', 'gadget', '=HYPERLINK("x")', '{"name": "a, b"}', 'success', '{}')""");
    var csv = server.send(HttpMethod.GET, "/api/v1/audit-log/export?object_type=widget&action=widget.update", admin,
        null);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"), csv.getHeader("Content-Type"));
    assertTrue(csv.getHeader("Content-Disposition").contains("audit-log.csv"));
    List<String> lines = List.of(csv.bodyAsString().split("\r\n"));
    assertEquals(4, lines.size(), csv.bodyAsString());
    assertTrue(lines.get(0).startsWith("timestamp,user_id,ip_address,action"), lines.get(0));
    assertTrue(lines.get(1).startsWith("2025-03-01T06:30:00Z,"), lines.get(1));
    assertTrue(lines.get(1).contains("\"{\"\"size\"\":1}\""), "JSON cells are quoted: " + lines.get(1));

    String gadget = server.send(HttpMethod.GET, "/api/v1/audit-log/export?object_type=gadget", admin, null)
        .bodyAsString().split("\r\n")[1];
    assertTrue(gadget.contains(",\"'=HYPERLINK(\"\"x\"\")\","), gadget);
    assertEquals(422, server.send(HttpMethod.GET, "/api/v1/audit-log/export?from=yesterday", admin, null).statusCode());
  }

  @Test
  @DisplayName("filters on action, object_id, user_id and a from/to window narrow the rows")
  void filters() {
    assertEquals(3, items("object_type=widget&action=widget.update").size());
    assertEquals(3, items("object_type=widget&object_id=w0").size());
    assertEquals(4, items("object_type=widget&user_id=" + ROOT_ID).size());
    JsonArray window = items("object_type=widget&from=2025-03-01T02:00:00Z&to=2025-03-01T04:30:00Z");
    assertEquals(List.of("2025-03-01T03:30:00Z", "2025-03-01T02:30:00Z"),
        window.stream().map(item -> ((JsonObject) item).getString("timestamp")).toList());
    assertEquals(0, items("action=no.such.action").size());
  }

  @Test
  @DisplayName("two pages asked with limit and cursor do not overlap, and the last has no next cursor")
  void pages() {
    JsonObject first = server.send(HttpMethod.GET, "/api/v1/audit-log?object_type=widget&limit=4", admin, null)
        .bodyAsJsonObject();
    assertEquals(4, first.getJsonArray("items").size());
    assertNotNull(first.getString("next_cursor"));
    JsonObject second = server.send(HttpMethod.GET, "/api/v1/audit-log?object_type=widget&limit=4&cursor="
        + first.getString("next_cursor"), admin, null).bodyAsJsonObject();
    assertEquals(3, second.getJsonArray("items").size());
    assertNull(second.getValue("next_cursor"));
    Set<String> ids = new HashSet<>();
    for (JsonObject page : List.of(first, second)) {
      page.getJsonArray("items").forEach(item -> assertTrue(ids.add(((JsonObject) item).getString("id")), "overlap"));
    }
    assertEquals(7, ids.size());
  }

  @Test
  @DisplayName("bad filters are a 422 naming each of them")
  void badFilters() {
    var response = server.send(HttpMethod.GET,
        "/api/v1/audit-log?user_id=nobody&from=yesterday&limit=0&cursor=@@@", admin, null);
    assertEquals(422, response.statusCode());
    Set<String> fields = new HashSet<>();
    response.bodyAsJsonObject().getJsonArray("errors").forEach(error -> fields.add(((JsonObject) error).getString("field")));
    assertEquals(Set.of("user_id", "from", "limit", "cursor"), fields);
    assertEquals(422, server.send(HttpMethod.GET,
        "/api/v1/audit-log?from=2025-03-02T00:00:00Z&to=2025-03-01T00:00:00Z", admin, null).statusCode());
  }

  @Test
  @DisplayName("only administrators read the audit log: anonymous 401, other agents 403")
  void adminOnly() {
    assertEquals(401, server.send(HttpMethod.GET, "/api/v1/audit-log", null, null).statusCode());
    var created = server.send(HttpMethod.POST, "/api/v1/users", admin, new JsonObject().put("login", "reader")
        .put("email", "reader@example.com").put("password", "reader-password"));
    assertEquals(201, created.statusCode());
    String agent = server.login("reader", "reader-password");
    assertEquals(403, server.send(HttpMethod.GET, "/api/v1/audit-log", agent, null).statusCode());
  }

  private JsonArray items(String query) {
    var response = server.send(HttpMethod.GET, "/api/v1/audit-log?" + query, admin, null);
    assertEquals(200, response.statusCode(), response.bodyAsString());
    return response.bodyAsJsonObject().getJsonArray("items");
  }
}
