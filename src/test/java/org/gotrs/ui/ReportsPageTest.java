package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.gotrs.testing.Fixtures;
import org.gotrs.testing.GotrsServer;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

@Tag("browser")
@GotrsServer(config = GotrsServer.MANY_LOGINS)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@DisplayName("Reports page: a chart with its table, and the chosen columns downloaded as XLSX")
class ReportsPageTest {

  private static final int STATS_GROUP = 3;

  private final TestServer server;
  private final Fixtures fixtures;
  private Browser browser;

  ReportsPageTest(TestServer server, Fixtures fixtures) {
    this.server = server;
    this.fixtures = fixtures;
  }

  @BeforeAll
  void data() {
    Browser.assumeInstalled();
    int group = fixtures.group("reported");
    int queue = fixtures.queue("Reported desk", group);
    UUID lead = fixtures.agent("lena", "lena-password", group, "rw");
    fixtures.grant(lead, STATS_GROUP, "ro");
    fixtures.agent("otto", "otto-password", group, "rw");
    String token = server.login("lena", "lena-password");
    for (int i = 0; i < 3; i++) {
      fixtures.ticket(token, queue, "Reported " + i, "x");
    }
    browser = Browser.open(server.port());
  }

  @AfterAll
  void stop() {
    if (browser != null) {
      browser.close();
    }
  }

  @AfterEach
  void noConsoleErrors() {
    assertEquals(List.of(), browser.consoleErrors(), "the browser console stays free of errors");
  }

  @Test
  @DisplayName("a stats member opens Reports from the menu, sees the chart and table, and downloads the ticked columns as XLSX")
  void chartAndXlsx() throws IOException {
    String today = LocalDate.now().toString();
    browser.forgetSessions();
    browser.go("/");
    browser.signIn("lena", "lena-password");
    browser.visible("#nav-reports").click();
    browser.visible("#report-form");
    browser.script("location.hash = arguments[0];", "#/reports?report=volume&group_by=day&from=" + today + "&to=" + today);
    browser.waiting(Duration.ofSeconds(10)).until(d -> Boolean.TRUE.equals(browser.script(
        "const c = window.Chart && Chart.getChart(document.getElementById('report-chart'));"
            + " return Boolean(c) && c.data.datasets.length === 3;")));
    List<WebElement> cells = browser.all("#report-table tbody tr:first-child td");
    assertEquals("3", cells.get(0).getText(), "created today, in the table under the chart");
    browser.screenshot("reports");

    Path downloads = browser.downloads();
    browser.find("#report-col-reopened").click();
    browser.find("#report-xlsx").click();
    Path file = downloads.resolve("volume-day-" + today + "-" + today + ".xlsx");
    browser.waiting(Duration.ofSeconds(10)).until(d -> Files.exists(file) && !partial(downloads));
    try (XSSFWorkbook workbook = new XSSFWorkbook(Files.newInputStream(file))) {
      Sheet sheet = workbook.getSheetAt(0);
      List<String> header = new ArrayList<>();
      sheet.getRow(0).forEach(cell -> header.add(cell.getStringCellValue()));
      assertEquals(List.of("period", "created", "closed"), header);
      Row row = sheet.getRow(1);
      assertEquals(today, row.getCell(0).getStringCellValue());
      assertEquals(3.0, row.getCell(1).getNumericCellValue());
    }
  }

  @Test
  @DisplayName("the report on screen is sent by e-mail weekly to a list: the form schedules it, the list shows it, Stop ends it")
  void scheduleByMail() {
    browser.forgetSessions();
    browser.go("/");
    browser.signIn("lena", "lena-password");
    browser.visible("#nav-reports").click();
    browser.script("location.hash = arguments[0];", "#/reports?report=sla&group_by=week");
    browser.visible("#schedule-form");
    browser.text("#report-schedules", "No report is sent by e-mail yet.");
    browser.expectFailedRequest("/api/v1/reports/schedules", 422);
    browser.type("#schedule-recipients", "not-an-address");
    browser.find("#schedule-add").click();
    browser.text("#schedule-error", "To:");
    browser.find("#schedule-recipients").clear();
    browser.type("#schedule-recipients", "boss@example.com, deputy@example.com");
    browser.find("#schedule-format").sendKeys("Excel");
    browser.find("#schedule-add").click();
    browser.text("#report-schedules", "boss@example.com, deputy@example.com");
    browser.text("#report-schedules", "XLSX");
    assertEquals("sla", server.scalar("SELECT report FROM report_schedule WHERE 'boss@example.com' = ANY (recipients)"));
    assertEquals("week", server.scalar(
        "SELECT group_by FROM report_schedule WHERE 'boss@example.com' = ANY (recipients)"));
    browser.screenshot("reports-schedule");
    browser.find("#report-schedules li button").click();
    browser.text("#report-schedules", "No report is sent by e-mail yet.");
    assertEquals(0L, ((Number) server.scalar("SELECT count(*) FROM report_schedule")).longValue());
  }

  @Test
  @DisplayName("an agent outside stats has no Reports in the menu")
  void hiddenFromOthers() {
    browser.forgetSessions();
    browser.go("/");
    browser.signIn("otto", "otto-password");
    browser.visible("#nav-mine");
    browser.waiting(Duration.ofSeconds(5)).until(d -> !browser.find("#nav-reports-item").isDisplayed()
        && Boolean.TRUE.equals(browser.script("return document.getElementById('nav-reports-item').hidden;")));
    assertTrue(browser.driver().findElements(By.cssSelector("#nav-reports-item:not([hidden])")).isEmpty());
  }

  private static boolean partial(Path downloads) {
    try (Stream<Path> files = Files.list(downloads)) {
      return files.anyMatch(path -> path.toString().endsWith(".crdownload"));
    } catch (IOException e) {
      return true;
    }
  }
}
