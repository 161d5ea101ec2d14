package org.gotrs.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.gotrs.http.Problem;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BusinessHoursSpecTest {

  private static JsonObject hours(String zone, JsonObject week) {
    return new JsonObject().put("timezone", zone).put("week", week);
  }

  private static JsonArray span(String from, String to) {
    return new JsonArray().add(from).add(to);
  }

  private static JsonObject weekdays(JsonArray... spans) {
    JsonObject week = new JsonObject();
    for (String day : List.of("mon", "tue", "wed", "thu", "fri")) {
      week.put(day, new JsonArray(List.of((Object[]) spans)));
    }
    return week;
  }

  private static List<String> fields(JsonObject businessHours, JsonArray holidays) {
    return BusinessHoursSpec.problems(businessHours, holidays).stream().map(Problem.FieldError::field).toList();
  }

  @Test
  @DisplayName("office hours parse into sorted minute spans in the given zone")
  void officeHours() {
    BusinessHoursSpec spec = BusinessHoursSpec.parse(
        hours("Europe/Berlin", weekdays(span("13:00", "17:00"), span("08:00", "12:00"))), null);
    assertEquals(ZoneId.of("Europe/Berlin"), spec.zone());
    assertFalse(spec.aroundTheClock());
    LocalDate monday = LocalDate.of(2026, 3, 2);
    assertEquals(List.of(new BusinessHoursSpec.Span(480, 720), new BusinessHoursSpec.Span(780, 1020)), spec.hoursOn(monday));
    assertEquals(List.of(), spec.hoursOn(monday.plusDays(5)), "Saturday is off");
  }

  @Test
  @DisplayName("{} and null mean around the clock, every day")
  void aroundTheClock() {
    for (JsonObject empty : new JsonObject[] {new JsonObject(), null}) {
      BusinessHoursSpec spec = BusinessHoursSpec.parse(empty, new JsonArray());
      assertTrue(spec.aroundTheClock());
      assertEquals(List.of(new BusinessHoursSpec.Span(0, 1440)), spec.hoursOn(LocalDate.of(2026, 1, 4)));
    }
  }

  @Test
  @DisplayName("holidays: MM-DD every year, YYYY-MM-DD once; no working hours on them")
  void holidays() {
    BusinessHoursSpec spec = BusinessHoursSpec.parse(hours("UTC", weekdays(span("00:00", "24:00"))),
        new JsonArray().add("12-25").add("2026-04-03").add("02-29"));
    assertTrue(spec.isHoliday(LocalDate.of(2031, 12, 25)));
    assertTrue(spec.isHoliday(LocalDate.of(2026, 4, 3)));
    assertFalse(spec.isHoliday(LocalDate.of(2027, 4, 3)));
    assertTrue(spec.isHoliday(LocalDate.of(2028, 2, 29)));
    assertEquals(List.of(), spec.hoursOn(LocalDate.of(2026, 12, 25)));
    assertEquals(List.of(new BusinessHoursSpec.Span(0, 1440)), spec.hoursOn(LocalDate.of(2026, 12, 24)));
  }

  @Test
  @DisplayName("an unknown time zone, an hour past 24:00 and a span ending before it starts are each named")
  void badHours() {
    assertEquals(List.of("business_hours.timezone"), fields(hours("Mars/Olympus_Mons", weekdays(span("08:00", "17:00"))), null));
    assertEquals(List.of("business_hours.timezone"), fields(hours("+02:00", weekdays(span("08:00", "17:00"))), null));
    JsonObject week = new JsonObject().put("mon", new JsonArray().add(span("08:00", "25:00")))
        .put("tue", new JsonArray().add(span("17:00", "08:00")))
        .put("wed", new JsonArray().add(span("08:00", "12:00")).add(span("11:00", "13:00")))
        .put("thu", new JsonArray().add(span("24:00", "24:30")))
        .put("fri", new JsonArray().add("08:00-17:00"))
        .put("sunday", new JsonArray());
    assertEquals(List.of("business_hours.week.mon[0]", "business_hours.week.tue[0]", "business_hours.week.wed",
        "business_hours.week.thu[0]", "business_hours.week.fri[0]", "business_hours.week.sunday"), fields(hours("UTC", week), null));
  }

  @Test
  @DisplayName("business hours need a zone and at least one working span, and nothing else")
  void incompleteHours() {
    assertEquals(List.of("business_hours.week"),
        fields(hours("UTC", new JsonObject().put("sat", new JsonArray())), null));
    assertEquals(List.of("business_hours.weeks", "business_hours.timezone", "business_hours.week"),
        fields(new JsonObject().put("weeks", new JsonObject()), null));
  }

  @Test
  @DisplayName("holidays must be real days: 02-30, 2025-02-29, 13-01 and non-strings are refused")
  void badHolidays() {
    assertEquals(List.of("holidays[0]", "holidays[1]", "holidays[2]", "holidays[3]", "holidays[4]"),
        fields(null, new JsonArray().add("02-30").add("2025-02-29").add("13-01").add(1225).add("2026-1-1")));
    assertEquals(List.of(), fields(null, new JsonArray().add("2024-02-29").add("01-01")));
    Problem problem = assertThrows(Problem.class, () -> BusinessHoursSpec.parse(null, new JsonArray().add("02-30")));
    assertEquals(422, problem.status());
  }

  @Test
  @DisplayName("a holiday may be named: {date, name} mixes with plain days; a bad date, name or field is named")
  void namedHolidays() {
    BusinessHoursSpec spec = BusinessHoursSpec.parse(null, new JsonArray()
        .add(new JsonObject().put("date", "12-25").put("name", "Christmas")).add("2026-04-03")
        .add(new JsonObject().put("date", "2026-05-01")));
    assertTrue(spec.isHoliday(LocalDate.of(2030, 12, 25)));
    assertTrue(spec.isHoliday(LocalDate.of(2026, 4, 3)));
    assertTrue(spec.isHoliday(LocalDate.of(2026, 5, 1)));
    assertEquals(List.of("holidays[0].date", "holidays[1].name", "holidays[2].when", "holidays[2].date"),
        fields(null, new JsonArray().add(new JsonObject().put("date", "02-30").put("name", "Nope"))
            .add(new JsonObject().put("date", "01-01").put("name", "x".repeat(201)))
            .add(new JsonObject().put("when", "01-01"))));
  }
}
