package org.gotrs.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gotrs.testing.Api;
import org.gotrs.testing.Csv;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A January 2026 written straight into the tables with fixed times (as an import or a clock would leave them), so
 * every report has a known answer; the triggers of V80 keep the facts, and {@code report_rebuild()} must find the
 * same from the history.
 */
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("Reports: volume, response and resolution times, SLA, CSAT, agents, time and chat from the facts")
class ReportsTest {

  private static final int STATS_GROUP = 3;
  private static final String JANUARY = "from=2026-01-01&to=2026-01-31";

  private static TestServer server;
  private static Api api;
  private static String lead;
  private static String plain;
  private static UUID responder;
  private static int alpha;
  private static int beta;
  private static int live;

  @BeforeAll
  static void history(TestServer started, Fixtures fixtures, Api client) {
    server = started;
    api = client;
    int group = fixtures.group("reporting");
    alpha = fixtures.queue("Alpha", group);
    beta = fixtures.queue("Beta", group);
    live = fixtures.queue("Live", group);
    UUID leadId = fixtures.agent("lead", "lead-pass", group, "rw");
    fixtures.grant(leadId, STATS_GROUP, "ro");
    responder = fixtures.agent("responder", "responder-pass", group, "rw");
    fixtures.agent("plain", "plain-pass", group, "rw");
    lead = server.login("lead", "lead-pass");
    plain = server.login("plain", "plain-pass");

    long t1 = ticket(alpha, "email", "2026-01-05T10:00:00Z");
    long t2 = ticket(alpha, "web", "2026-01-05T23:30:00Z");
    long t3 = ticket(beta, "phone", "2026-01-12T00:30:00Z");
    ticket(beta, "email", "2026-01-04T23:00:00Z");

    deadlines(t1, "2026-01-05T11:00:00Z", "2026-01-06T09:00:00Z");
    deadlines(t2, "2026-01-06T00:00:00Z", null);
    reply(t1, "2026-01-05T10:30:00Z");
    reply(t2, "2026-01-06T00:30:00Z");
    reply(t3, "2026-01-12T02:30:00Z");
    state(t1, 3, "2026-01-06T10:00:00Z");
    state(t2, 3, "2026-01-07T23:30:00Z");
    state(t2, 2, "2026-01-08T09:00:00Z");
    rating(t1, 5, "2026-01-06T12:00:00Z");
    rating(t2, 3, "2026-01-08T08:00:00Z");
    server.sql("INSERT INTO time_accounting (ticket_id, time_unit, create_time, create_by) VALUES (?, 1.5, ?::timestamp, ?)",
        t1, utc("2026-01-05T10:30:00Z"), responder);
    server.sql("INSERT INTO time_accounting (ticket_id, time_unit, create_time, create_by) VALUES (?, 2.25, ?::timestamp, ?)",
        t3, utc("2026-01-12T02:30:00Z"), responder);
    long answered = chat(t1, "2026-01-05T09:00:00Z");
    server.sql("UPDATE chat SET state = 'active', agent_user_id = ?, accepted_at = ?::timestamp WHERE id = ?", responder,
        utc("2026-01-05T09:02:00Z"), answered);
    long missed = chat(t1, "2026-01-05T10:00:00Z");
    server.sql("UPDATE chat SET state = 'closed', closed_at = ?::timestamp WHERE id = ?", utc("2026-01-05T10:05:00Z"),
        missed);
  }

  private static long ticket(int queue, String source, String created) {
    long id = ((Number) server.scalar("""
        INSERT INTO ticket (tn, title, queue_id, ticket_state_id, ticket_priority_id, source, create_time, change_time)
        VALUES (?, 'Reported', ?, 1, 3, ?, ?::timestamp, ?::timestamp) RETURNING id""",
        "R" + created.replaceAll("[^0-9]", "") + queue, queue, source, utc(created), utc(created))).longValue();
    server.sql("""
        INSERT INTO ticket_history (name, history_type_id, ticket_id, queue_id, state_id, create_time, change_time)
        VALUES ('%%new', 1, ?, ?, 1, ?::timestamp, ?::timestamp)""", id, queue, utc(created), utc(created));
    server.sql("""
        INSERT INTO article (ticket_id, article_sender_type_id, is_visible_for_customer, body, create_time)
        VALUES (?, 3, 1, 'help', ?::timestamp)""", id, utc(created));
    return id;
  }

  private static void deadlines(long ticket, String response, String solution) {
    server.sql("UPDATE ticket SET escalation_response_time = ?, escalation_solution_time = ? WHERE id = ?",
        (int) Instant.parse(response).getEpochSecond(),
        solution == null ? 0 : (int) Instant.parse(solution).getEpochSecond(), ticket);
  }

  private static void reply(long ticket, String at) {
    server.sql("""
        INSERT INTO article (ticket_id, article_sender_type_id, is_visible_for_customer, body, create_time, create_by)
        VALUES (?, 1, 1, 'answer', ?::timestamp, ?)""", ticket, utc(at), responder);
  }

  private static void state(long ticket, int state, String at) {
    server.sql("UPDATE ticket SET ticket_state_id = ?, change_time = ?::timestamp, change_by = ? WHERE id = ?", state,
        utc(at), responder, ticket);
    server.sql("""
        INSERT INTO ticket_history (name, history_type_id, ticket_id, queue_id, state_id, create_time, create_by,
                                    change_time)
        SELECT '%%state', 27, id, queue_id, ticket_state_id, ?::timestamp, ?, ?::timestamp FROM ticket WHERE id = ?""",
        utc(at), responder, utc(at), ticket);
  }

  private static void rating(long ticket, int score, String at) {
    server.sql("INSERT INTO ticket_rating (ticket_id, score, create_time) VALUES (?, ?, ?::timestamp)", ticket, score,
        utc(at));
  }

  private static long chat(long ticket, String at) {
    return ((Number) server.scalar("""
        INSERT INTO chat (ticket_id, queue_id, customer_name, customer_email, resume_token_hash, created_at,
                          customer_seen_at)
        SELECT id, queue_id, 'Visitor', 'visitor@example.com', md5(random()::text) || md5(random()::text),
               ?::timestamp, ?::timestamp FROM ticket WHERE id = ?
        RETURNING id""", utc(at), utc(at), ticket)).longValue();
  }

  private static String utc(String instant) {
    return Instant.parse(instant).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
  }

  private static JsonObject report(String token, String path) {
    HttpResponse<Buffer> response = api.get("/reports/" + path, token);
    assertEquals(200, response.statusCode(), path + ": " + response.bodyAsString());
    return response.bodyAsJsonObject();
  }

  private static List<Map<String, String>> items(String path) {
    return normal(report(lead, path).getJsonArray("items"));
  }

  @Test
  @DisplayName("volume by day in UTC: created, closed and reopened on the days they happened, empty days as zeros")
  void volumeByDay() {
    assertEquals(rows("""
        [{"period":"2026-01-04","created":1,"closed":0,"reopened":0},
         {"period":"2026-01-05","created":2,"closed":0,"reopened":0},
         {"period":"2026-01-06","created":0,"closed":1,"reopened":0},
         {"period":"2026-01-07","created":0,"closed":1,"reopened":0},
         {"period":"2026-01-08","created":0,"closed":0,"reopened":1}]"""),
        items("volume?from=2026-01-04&to=2026-01-08&group_by=day&tz=UTC"));
  }

  @Test
  @DisplayName("volume by ISO week differs by time zone: Berlin and New York put the same tickets in other weeks")
  void volumeByWeekInTwoZones() {
    assertEquals(rows("""
        [{"period":"2026-W01","created":1,"closed":0,"reopened":0},
         {"period":"2026-W02","created":2,"closed":2,"reopened":1},
         {"period":"2026-W03","created":1,"closed":0,"reopened":0}]"""),
        items("volume?from=2026-01-01&to=2026-01-18&group_by=week&tz=UTC"));
    assertEquals(rows("""
        [{"period":"2026-W01","created":0,"closed":0,"reopened":0},
         {"period":"2026-W02","created":3,"closed":2,"reopened":1},
         {"period":"2026-W03","created":1,"closed":0,"reopened":0}]"""),
        items("volume?from=2026-01-01&to=2026-01-18&group_by=week&tz=Europe/Berlin"));
    assertEquals(rows("""
        [{"period":"2026-W01","created":1,"closed":0,"reopened":0},
         {"period":"2026-W02","created":3,"closed":2,"reopened":1},
         {"period":"2026-W03","created":0,"closed":0,"reopened":0}]"""),
        items("volume?from=2026-01-01&to=2026-01-18&group_by=week&tz=America/New_York"));
  }

  @Test
  @DisplayName("without tz a report is in the agent's own time zone, and says which")
  void agentsOwnZone() {
    server.sql("UPDATE users SET timezone = 'Europe/Berlin' WHERE login = 'lead'");
    try {
      JsonObject answer = report(lead, "volume?from=2026-01-06&to=2026-01-06&group_by=day");
      assertEquals("Europe/Berlin", answer.getString("time_zone"));
      assertEquals(rows("""
          [{"period":"2026-01-06","created":1,"closed":1,"reopened":0}]"""), normal(answer.getJsonArray("items")));
    } finally {
      server.sql("UPDATE users SET timezone = 'UTC' WHERE login = 'lead'");
    }
  }

  @Test
  @DisplayName("first response by queue: the first agent answer after the opening article, median, p90 and average")
  void firstResponse() {
    assertEquals(rows("""
        [{"queue_id":%d,"queue":"Alpha","responses":2,"median_seconds":1800,"p90_seconds":3600,"average_seconds":2700},
         {"queue_id":%d,"queue":"Beta","responses":1,"median_seconds":7200,"p90_seconds":7200,"average_seconds":7200}]"""
        .formatted(alpha, beta)), items("first_response?" + JANUARY + "&group_by=queue&tz=UTC"));
  }

  @Test
  @DisplayName("resolution by queue: creation to the first close; a reopened ticket is not resolved twice")
  void resolution() {
    assertEquals(rows("""
        [{"queue_id":%d,"queue":"Alpha","resolved":2,"median_seconds":86400,"p90_seconds":172800,
          "average_seconds":129600}]""".formatted(alpha)),
        items("resolution?" + JANUARY + "&group_by=queue&queue_id=" + alpha));
  }

  @Test
  @DisplayName("SLA by queue: a response before its deadline is met, after it breached; the solution likewise")
  void sla() {
    assertEquals(rows("""
        [{"queue_id":%d,"queue":"Alpha","response_met":1,"response_breached":1,"response_met_percent":50,
          "update_met":0,"update_breached":0,"update_met_percent":null,"solution_met":0,"solution_breached":1,
          "solution_met_percent":0}]""".formatted(alpha)),
        items("sla?" + JANUARY + "&group_by=queue&queue_id=" + alpha));
  }

  @Test
  @DisplayName("CSAT by week: count, average and the distribution of scores")
  void csat() {
    assertEquals(rows("""
        [{"period":"2026-W02","ratings":2,"average":4,"score_1":0,"score_2":0,"score_3":1,"score_4":0,"score_5":1}]"""),
        items("csat?from=2026-01-05&to=2026-01-11&tz=UTC"));
  }

  @Test
  @DisplayName("agents: each agent's articles, first responses, closes and time units")
  void agents() {
    assertEquals(rows("""
        [{"agent_id":"%s","agent":"responder","articles":3,"first_responses":3,"closed":2,"time_units":3.75}]"""
        .formatted(responder)), items("agents?" + JANUARY + "&agent_id=" + responder));
  }

  @Test
  @DisplayName("time accounted by week, and chats started, answered and missed with the average wait")
  void timeAndChat() {
    assertEquals(rows("""
        [{"period":"2026-W02","time_units":1.5},{"period":"2026-W03","time_units":2.25}]"""),
        items("time?from=2026-01-05&to=2026-01-18&tz=UTC"));
    assertEquals(rows("""
        [{"queue_id":%d,"queue":"Alpha","started":2,"answered":1,"missed":1,"average_wait_seconds":120}]"""
        .formatted(alpha)), items("chat?" + JANUARY + "&group_by=queue"));
  }

  @Test
  @DisplayName("the rebuild from history and the compaction of past hours give the very answers the triggers gave")
  void rebuildAgrees() {
    List<String> paths = List.of("volume?" + JANUARY + "&group_by=day", "volume?" + JANUARY + "&group_by=channel",
        "first_response?" + JANUARY + "&group_by=agent", "resolution?" + JANUARY + "&group_by=week",
        "sla?" + JANUARY + "&group_by=queue", "csat?" + JANUARY + "&group_by=queue", "agents?" + JANUARY,
        "agents?" + JANUARY + "&group_by=month", "time?" + JANUARY + "&group_by=day",
        "chat?" + JANUARY + "&group_by=day", "volume?" + JANUARY + "&group_by=week&agent_id=" + responder,
        "volume?" + JANUARY + "&group_by=day&queue_id=" + alpha);
    List<List<Map<String, String>>> before = paths.stream().map(ReportsTest::items).toList();
    assertEquals(0L, rollupDifferences(), "kept by the triggers");
    server.sql("SELECT report_compact('2026-02-01')");
    assertEquals(before, paths.stream().map(ReportsTest::items).toList(), "compacted");
    assertEquals(0L, rollupDifferences(), "compacted");
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM report_queue_hour WHERE NOT compacted"))
        .longValue(), "every past hour compacted");
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM report_total_hour WHERE NOT compacted"))
        .longValue(), "every past hour compacted over all queues");
    TestServer.await(RebuildReportsCommand.rebuild(server.app().pool()));
    assertEquals(before, paths.stream().map(ReportsTest::items).toList(), "rebuilt");
    assertEquals(0L, rollupDifferences(), "rebuilt");
  }

  @Test
  @DisplayName("a report without an agent reads a rollup (per hour, or per hour and queue), and agrees with the facts per agent")
  void rollupAgreesWithAgents() {
    List<Map<String, String>> byAgent = items("agents?" + JANUARY + "&agent_id=" + responder);
    List<Map<String, String>> byMonth = items("agents?" + JANUARY + "&group_by=month");
    assertEquals(byAgent.get(0).get("articles"), byMonth.get(0).get("articles"));
    assertEquals(byAgent.get(0).get("time_units"), byMonth.get(0).get("time_units"));
  }

  /**
   * The hours and queues where report_queue_hour's sums differ from report_hour's, and the hours where
   * report_total_hour's differ from report_hour's, in either direction.
   */
  private static long rollupDifferences() {
    String sums = """
        SELECT hour%s, sum(created), sum(closed), sum(reopened), sum(first_responses),
               sum(first_response_seconds), sum(resolutions), sum(resolution_seconds), sum(response_met),
               sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met),
               sum(solution_breached), sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3),
               sum(rating_4), sum(rating_5), sum(articles), sum(time_units), sum(chats_started),
               sum(chats_answered), sum(chats_missed), sum(chat_wait_seconds)
          FROM %s GROUP BY hour%s""";
    String difference = "SELECT count(*) FROM ((%s EXCEPT %s) UNION ALL (%s EXCEPT %s)) d";
    String facts = sums.formatted(", queue_id", "report_hour", ", queue_id");
    String perQueue = sums.formatted(", queue_id", "report_queue_hour", ", queue_id");
    String factsPerHour = sums.formatted("", "report_hour", "");
    String perHour = sums.formatted("", "report_total_hour", "");
    return ((Number) server.scalar(difference.formatted(facts, perQueue, perQueue, facts))).longValue()
        + ((Number) server.scalar(difference.formatted(factsPerHour, perHour, perHour, factsPerHour))).longValue();
  }

  @Test
  @DisplayName("CSV (format=csv or Accept: text/csv) and XLSX carry the JSON's rows, columns in its order")
  void exportsEqualJson() throws IOException {
    String path = "sla?" + JANUARY + "&group_by=week&tz=Europe/Berlin";
    JsonObject json = report(lead, path);
    List<Map<String, String>> expected = normal(json.getJsonArray("items"));
    HttpResponse<Buffer> csv = api.get("/reports/" + path + "&format=csv", lead);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"), csv.getHeader("Content-Type"));
    assertTrue(csv.getHeader("Content-Disposition").contains(".csv"), csv.getHeader("Content-Disposition"));
    assertEquals(json.getJsonArray("columns").getList(), csvHeader(csv.bodyAsString()));
    assertEquals(expected, csvRows(csv.bodyAsString()));
    HttpResponse<Buffer> accepted = server.client().get(server.port(), "localhost", "/api/v1/reports/" + path)
        .putHeader("Authorization", "Bearer " + lead).putHeader("Accept", "text/csv").send()
        .toCompletionStage().toCompletableFuture().join();
    assertEquals(csv.bodyAsString(), accepted.bodyAsString());
    HttpResponse<Buffer> xlsx = api.get("/reports/" + path + "&format=xlsx", lead);
    assertEquals(200, xlsx.statusCode(), xlsx.bodyAsString());
    assertEquals(expected, xlsxRows(xlsx.body().getBytes()));
  }

  @Test
  @DisplayName("columns= keeps the chosen columns in the chosen order, in JSON and in the downloads")
  void chosenColumns() throws IOException {
    String path = "volume?from=2026-01-05&to=2026-01-06&group_by=day&tz=UTC&columns=period,closed";
    assertEquals(rows("""
        [{"period":"2026-01-05","closed":0},{"period":"2026-01-06","closed":1}]"""), items(path));
    HttpResponse<Buffer> xlsx = api.get("/reports/" + path + "&format=xlsx", lead);
    assertEquals(items(path), xlsxRows(xlsx.body().getBytes()));
    assertEquals("period,closed\r\n2026-01-05,0\r\n2026-01-06,1\r\n",
        api.get("/reports/" + path + "&format=csv", lead).bodyAsString());
  }

  @Test
  @DisplayName("the live write path keeps the facts: a ticket created, answered and closed through the API counts")
  void liveWritesCount() {
    JsonObject created = new Fixtures(server).ticket(lead, live, "Live one", "opening");
    long id = created.getLong("id");
    assertEquals(201, api.post("/tickets/" + id + "/articles", lead, new JsonObject().put("subject", "Re")
        .put("body", "answer").put("is_visible_for_customer", true)).statusCode());
    HttpResponse<Buffer> closed = api.patch("/tickets/" + id, lead, new JsonObject().put("state",
        "closed successful"));
    assertEquals(200, closed.statusCode(), closed.bodyAsString());
    String today = LocalDate.now(ZoneOffset.UTC).toString();
    List<Map<String, String>> volume = items("volume?from=" + today + "&to=" + today + "&group_by=queue&tz=UTC&queue_id="
        + live);
    assertEquals(1, volume.size(), volume.toString());
    assertEquals("1", volume.get(0).get("created"));
    assertEquals("1", volume.get(0).get("closed"));
    assertEquals("1", items("first_response?from=" + today + "&to=" + today + "&group_by=queue&tz=UTC&queue_id="
        + live).get(0).get("responses"));
  }

  @Test
  @DisplayName("an agent without ro on stats gets 403, a customer 403, no sign-in 401")
  void onlyStatsMembers() {
    assertEquals(403, api.get("/reports/volume?" + JANUARY, plain).statusCode());
    assertEquals(403, api.get("/reports/volume?" + JANUARY + "&format=csv", plain).statusCode());
    assertEquals(401, api.get("/reports/volume?" + JANUARY, null).statusCode());
  }

  @Test
  @DisplayName("bad input is a 422 problem (dates, range, group, zone, filters, columns, format); an unknown report 404")
  void badInput() {
    for (String bad : List.of("volume?from=2026-13-01", "volume?from=2026-02-01&to=2026-01-01",
        "volume?from=2000-01-01&to=2026-01-01", "volume?group_by=year", "volume?tz=Mars/Olympus",
        "volume?tz=%2B05:00", "volume?queue_id=x", "volume?agent_id=nobody", "volume?columns=period,nothing",
        "volume?format=pdf")) {
      HttpResponse<Buffer> response = api.get("/reports/" + bad, lead);
      assertEquals(422, response.statusCode(), bad + ": " + response.bodyAsString());
      assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"), bad);
    }
    assertEquals(404, api.get("/reports/everything", lead).statusCode());
  }

  // --- reading the answers back: every value as text, numbers in their plain form

  private static List<Map<String, String>> rows(String json) {
    return normal(new JsonArray(json));
  }

  private static List<Map<String, String>> normal(JsonArray items) {
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object item : items) {
      Map<String, String> row = new LinkedHashMap<>();
      ((JsonObject) item).forEach(entry -> row.put(entry.getKey(), text(entry.getValue())));
      rows.add(row);
    }
    return rows;
  }

  private static String text(Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof Number number) {
      return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
    }
    return value.toString();
  }

  private static List<String> csvHeader(String csv) {
    return Csv.parse(csv).get(0);
  }

  private static List<Map<String, String>> csvRows(String csv) {
    List<List<String>> lines = Csv.parse(csv);
    List<Map<String, String>> rows = new ArrayList<>();
    for (List<String> line : lines.subList(1, lines.size())) {
      Map<String, String> row = new LinkedHashMap<>();
      for (int i = 0; i < line.size(); i++) {
        String cell = line.get(i);
        row.put(lines.get(0).get(i), cell.matches("-?[0-9.]+") ? text(new BigDecimal(cell)) : cell);
      }
      rows.add(row);
    }
    return rows;
  }

  private static List<Map<String, String>> xlsxRows(byte[] file) throws IOException {
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(file))) {
      Sheet sheet = workbook.getSheetAt(0);
      Row header = sheet.getRow(0);
      List<Map<String, String>> rows = new ArrayList<>();
      for (int r = 1; r <= sheet.getLastRowNum(); r++) {
        Row row = sheet.getRow(r);
        Map<String, String> values = new LinkedHashMap<>();
        for (int c = 0; c < header.getLastCellNum(); c++) {
          Cell cell = row.getCell(c);
          values.put(header.getCell(c).getStringCellValue(), cell == null ? ""
              : cell.getCellType() == CellType.NUMERIC ? text(BigDecimal.valueOf(cell.getNumericCellValue()))
              : cell.getStringCellValue());
        }
        rows.add(values);
      }
      return rows;
    }
  }
}
