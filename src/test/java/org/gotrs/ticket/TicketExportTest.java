package org.gotrs.ticket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
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

@GotrsServer(config = GotrsServer.MANY_LOGINS)
@DisplayName("Ticket exports: every matching ticket of a list or search as CSV or XLSX, streamed")
class TicketExportTest {

  private static final int MANY = 1_234;

  private static Api api;
  private static String agent;
  private static String outsider;
  private static String customer;
  private static int bulk;
  private static long odd;

  @BeforeAll
  static void data(TestServer server, Fixtures fixtures, Api client) {
    api = client;
    int group = fixtures.group("exports");
    bulk = fixtures.queue("Export bulk", group);
    int other = fixtures.queue("Export other", group);
    fixtures.agent("exporter", "exporter-pass", group, "rw");
    fixtures.agent("export-outsider", "outsider-pass", null);
    fixtures.company("export-co");
    fixtures.customer("export-customer", "customer-pass", "export-co");
    agent = server.login("exporter", "exporter-pass");
    outsider = server.login("export-outsider", "outsider-pass");
    customer = fixtures.customerLogin("export-customer", "customer-pass");
    server.sql("""
        INSERT INTO ticket (tn, title, queue_id, ticket_state_id, ticket_priority_id, source)
        SELECT 'EX' || n, 'Bulk ticket ' || n, ?, 2, 3, 'email' FROM generate_series(1, ?) n""", bulk, MANY);
    odd = fixtures.ticket(agent, other, "=SUM(A1), \"quoted\"\nnext line", "x").getLong("id");
    server.sql("UPDATE ticket SET customer_id = 'export-co', customer_user_id = (SELECT id FROM customer_user "
        + "WHERE login = 'export-customer') WHERE id = ?", odd);
  }

  @Test
  @DisplayName("format=csv sends every ticket the filters find, newest first, the same ids the paged JSON list has")
  void csvHasEveryMatch() {
    HttpResponse<Buffer> csv = api.get("/tickets?queue_id=" + bulk + "&format=csv", agent);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertTrue(csv.getHeader("Content-Type").startsWith("text/csv"));
    assertTrue(csv.getHeader("Content-Disposition").contains("tickets.csv"));
    List<List<String>> lines = Csv.parse(csv.bodyAsString());
    assertEquals(TicketExport.COLUMNS, lines.get(0));
    List<String> exported = lines.subList(1, lines.size()).stream().map(line -> line.get(0)).toList();
    assertEquals(pagedIds("/tickets?queue_id=" + bulk + "&limit=500"), exported);
    assertEquals(MANY, exported.size());
    assertEquals(List.of("Bulk ticket " + MANY, "Export bulk", "open", "open", "email"),
        List.of(lines.get(1).get(2), lines.get(1).get(3), lines.get(1).get(4), lines.get(1).get(5),
            lines.get(1).get(12)));
  }

  @Test
  @DisplayName("XLSX carries the same rows, read back by another implementation of the format")
  void xlsxHasEveryMatch() throws IOException {
    HttpResponse<Buffer> xlsx = api.get("/tickets?queue_id=" + bulk + "&format=xlsx&columns=tn,title", agent);
    assertEquals(200, xlsx.statusCode(), xlsx.bodyAsString());
    try (XSSFWorkbook workbook = new XSSFWorkbook(new ByteArrayInputStream(xlsx.body().getBytes()))) {
      Sheet sheet = workbook.getSheetAt(0);
      assertEquals("tn", sheet.getRow(0).getCell(0).getStringCellValue());
      assertEquals("title", sheet.getRow(0).getCell(1).getStringCellValue());
      assertEquals(MANY, sheet.getLastRowNum());
      assertEquals("EX" + MANY, sheet.getRow(1).getCell(0).getStringCellValue());
      assertEquals("Bulk ticket 1", sheet.getRow(MANY).getCell(1).getStringCellValue());
    }
  }

  @Test
  @DisplayName("a search exports its matches; a title with quotes, commas, lines and a formula stays text")
  void searchAndQuoting() {
    HttpResponse<Buffer> csv = api.get("/tickets?q=quoted&columns=id,title&format=csv", agent);
    assertEquals(200, csv.statusCode(), csv.bodyAsString());
    assertEquals(List.of(List.of("id", "title"), List.of(String.valueOf(odd), "'=SUM(A1), \"quoted\"\nnext line")),
        Csv.parse(csv.bodyAsString()));
  }

  @Test
  @DisplayName("a customer exports their own tickets without owner columns; an agent without groups exports nothing")
  void onlyWhatTheyMayRead() {
    List<List<String>> mine = Csv.parse(api.get("/tickets?format=csv", customer).bodyAsString());
    assertEquals(2, mine.size(), mine.toString());
    assertTrue(!mine.get(0).contains("owner") && mine.get(0).contains("title"), mine.get(0).toString());
    assertEquals(String.valueOf(odd), mine.get(1).get(0));
    assertEquals(422, api.get("/tickets?format=csv&columns=id,owner", customer).statusCode());
    assertEquals(1, Csv.parse(api.get("/tickets?format=csv", outsider).bodyAsString()).size());
  }

  @Test
  @DisplayName("an unknown column or format is a 422 problem, before any download starts")
  void badInput() {
    for (String bad : List.of("/tickets?format=csv&columns=id,password", "/tickets?format=pdf")) {
      HttpResponse<Buffer> response = api.get(bad, agent);
      assertEquals(422, response.statusCode(), bad + ": " + response.bodyAsString());
      assertTrue(response.getHeader("Content-Type").startsWith("application/problem+json"));
    }
  }

  private static List<String> pagedIds(String path) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      JsonObject page = api.get(path + (cursor == null ? "" : "&cursor=" + cursor), agent).bodyAsJsonObject();
      page.getJsonArray("items").forEach(item -> ids.add(String.valueOf(((JsonObject) item).getLong("id"))));
      cursor = page.getString("next_cursor");
    } while (cursor != null);
    return ids;
  }
}
