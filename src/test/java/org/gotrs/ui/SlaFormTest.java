package org.gotrs.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.gotrs.testing.Admin;
import org.gotrs.testing.Await;
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
import org.openqa.selenium.support.ui.Select;

/** The SLA form: working hours as a week of ranges per day, holidays as a list of dated, optionally named rows. */
@Tag("browser")
@GotrsServer
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlaFormTest {

  private final TestServer server;
  private final String admin;
  private Browser browser;

  SlaFormTest(TestServer server, @Admin String admin) {
    this.server = server;
    this.admin = admin;
  }

  @BeforeAll
  void open() {
    Browser.assumeInstalled();
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

  private static JsonArray range(String from, String to) {
    return new JsonArray().add(from).add(to);
  }

  private Optional<JsonObject> sla(String name) {
    var answer = server.send(HttpMethod.GET, "/api/v1/slas", admin, null);
    assertEquals(200, answer.statusCode(), answer.bodyAsString());
    return answer.bodyAsJsonObject().getJsonArray("items").stream().map(JsonObject.class::cast)
        .filter(s -> name.equals(s.getString("name"))).findFirst();
  }

  private JsonObject awaitSla(String name, java.util.function.Predicate<JsonObject> holds) {
    Await.until(Duration.ofSeconds(10), () -> sla(name).filter(holds).isPresent(), () -> "the API shows " + sla(name));
    return sla(name).orElseThrow();
  }

  /** Sets a time field as the picker would: the field's value, then the input event. */
  private void time(WebElement field, String value) {
    browser.script("arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('input', {bubbles: true}))",
        field, value);
  }

  private List<WebElement> ranges(String day) {
    return browser.all("#sla-" + day + "-ranges .range");
  }

  private void editRow(String name) {
    browser.text("#admin-rows", name);
    browser.all("#admin-rows tr").stream().filter(row -> row.getText().contains(name)).findFirst().orElseThrow()
        .findElement(By.cssSelector("button")).click();
    browser.visible("#sla-day-mon");
  }

  private void assertNoOverflow(String what) {
    @SuppressWarnings("unchecked")
    List<Number> widths = (List<Number>) browser.script(
        "return [document.documentElement.scrollWidth, document.documentElement.clientWidth]");
    assertTrue(widths.get(0).intValue() <= widths.get(1).intValue(), what + " is no wider than the phone: " + widths);
  }

  @Test
  @DisplayName("an administrator gives Monday two ranges, copies it to the weekdays, adds a named holiday, and edits both")
  void weekGridAndHolidays() {
    browser.go("/admin/#/slas");
    browser.signIn(TestServer.ADMIN_LOGIN, TestServer.ADMIN_PASSWORD);
    browser.size(1400, 900);
    browser.visible("#admin-new").click();
    browser.type("#f-name", "Split office");
    browser.visible("#sla-24x7").click();
    new Select(browser.visible("#sla-timezone")).selectByValue("Europe/Berlin");
    assertTrue(browser.find("#sla-mon-closed").isDisplayed(), "a day without ranges says closed");
    browser.find("#sla-mon-add").click();
    browser.find("#sla-mon-add").click();
    List<WebElement> monday = ranges("mon");
    assertEquals(2, monday.size());
    time(monday.get(0).findElement(By.cssSelector(".from")), "08:00");
    time(monday.get(0).findElement(By.cssSelector(".to")), "12:00");
    time(monday.get(1).findElement(By.cssSelector(".from")), "13:00");
    time(monday.get(1).findElement(By.cssSelector(".to")), "17:00");
    browser.find("#sla-copy-monday").click();
    assertEquals(2, ranges("fri").size(), "Monday's ranges are copied to Friday");
    assertEquals(0, ranges("sat").size(), "the weekend stays closed");

    browser.find("#sla-holiday-add").click();
    browser.type("#sla-holiday-rows .holiday:last-child .date", "13-01");
    browser.type("#sla-holiday-rows .holiday:last-child .name", "Christmas Eve");
    browser.expectFailedRequest("/api/v1/slas", 422);
    browser.find("#admin-save").click();
    browser.text("#sla-holiday-rows .holiday .field-error", "must be a real day");
    assertFalse(sla("Split office").isPresent(), "nothing is written while a holiday is wrong");
    browser.script("document.querySelector('#sla-day-mon').scrollIntoView()");
    browser.screenshot("admin-sla-form");
    browser.type("#sla-holiday-rows .holiday:last-child .date", "12-24");
    assertFalse(browser.find("#sla-holiday-rows .holiday .field-error").isDisplayed(), "typing clears the holiday's error");
    browser.find("#admin-save").click();

    JsonObject created = awaitSla("Split office", s -> true);
    JsonObject hours = created.getJsonObject("business_hours");
    assertEquals("Europe/Berlin", hours.getString("timezone"));
    JsonArray split = new JsonArray().add(range("08:00", "12:00")).add(range("13:00", "17:00"));
    for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
      assertEquals(split, hours.getJsonObject("week").getJsonArray(day), day);
    }
    assertFalse(hours.getJsonObject("week").containsKey("sat"), hours.encode());
    assertEquals(new JsonArray().add(new JsonObject().put("date", "12-24").put("name", "Christmas Eve")),
        created.getJsonArray("holidays"));

    editRow("Split office");
    assertEquals(2, ranges("mon").size(), "the edit shows both of Monday's ranges");
    assertEquals("Europe/Berlin", new Select(browser.find("#sla-timezone")).getFirstSelectedOption().getAttribute("value"));
    assertEquals("Christmas Eve", browser.find("#sla-holiday-rows .holiday .name").getAttribute("value"));
    time(ranges("mon").get(1).findElement(By.cssSelector(".from")), "11:00");
    time(ranges("tue").get(0).findElement(By.cssSelector(".to")), "07:00");
    browser.expectFailedRequest("/api/v1/slas/" + created.getInteger("id"), 422);
    browser.find("#admin-save").click();
    browser.text("#sla-mon-error", "overlap");
    browser.text("#sla-tue-error", "must start before it ends");
    time(ranges("tue").get(0).findElement(By.cssSelector(".to")), "12:00");
    assertFalse(browser.find("#sla-tue-error").isDisplayed(), "changing Tuesday's hours clears its error");
    ranges("mon").get(1).findElement(By.cssSelector(".remove")).click();
    browser.all("#sla-fri-ranges .remove").forEach(WebElement::click);
    assertTrue(browser.find("#sla-fri-closed").isDisplayed(), "Friday without ranges is closed");
    browser.find("#sla-holiday-add").click();
    browser.type("#sla-holiday-rows .holiday:last-child .date", "2026-04-03");
    browser.size(390, 844);
    assertNoOverflow("the SLA form");
    browser.script("document.querySelector('#sla-day-mon').scrollIntoView()");
    browser.screenshot("admin-sla-form-phone");
    browser.size(1400, 900);
    browser.find("#admin-save").click();

    JsonObject edited = awaitSla("Split office",
        s -> s.getJsonObject("business_hours").getJsonObject("week").getJsonArray("mon").size() == 1);
    JsonObject week = edited.getJsonObject("business_hours").getJsonObject("week");
    assertEquals(new JsonArray().add(range("08:00", "12:00")), week.getJsonArray("mon"));
    assertFalse(week.containsKey("fri"), week.encode());
    assertEquals(new JsonArray().add(new JsonObject().put("date", "12-24").put("name", "Christmas Eve")).add("2026-04-03"),
        edited.getJsonArray("holidays"));
  }
}
