package org.gotrs.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Worked examples: each one a situation a help desk meets, computed by hand. */
class WorkingTimeTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

  private static JsonArray span(String from, String to) {
    return new JsonArray().add(new JsonArray().add(from).add(to));
  }

  private static WorkingTime office(String zone, String from, String to, String... holidays) {
    JsonObject week = new JsonObject();
    for (String day : new String[] {"mon", "tue", "wed", "thu", "fri"}) {
      week.put(day, span(from, to));
    }
    return new WorkingTime(BusinessHoursSpec.parse(new JsonObject().put("timezone", zone).put("week", week),
        new JsonArray(java.util.List.of((Object[]) holidays))));
  }

  private static WorkingTime everyDay(String zone, String from, String to) {
    JsonObject week = new JsonObject();
    for (String day : new String[] {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}) {
      week.put(day, span(from, to));
    }
    return new WorkingTime(BusinessHoursSpec.parse(new JsonObject().put("timezone", zone).put("week", week), null));
  }

  private static Instant at(ZoneId zone, String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(zone).toInstant();
  }

  @Test
  @DisplayName("two working hours from Friday 16:00 end on Monday 09:00, across a weekend and the switch to summer time")
  void acrossWeekendAndDst() {
    WorkingTime time = office("Europe/Berlin", "08:00", "17:00");
    Instant friday = at(BERLIN, "2026-03-27T16:00");
    assertEquals(Optional.of(at(BERLIN, "2026-03-30T09:00")), time.plusMinutes(friday, 120));
    assertEquals(Instant.parse("2026-03-30T07:00:00Z"), time.plusMinutes(friday, 120).orElseThrow());
    assertEquals(120, time.minutesBetween(friday, at(BERLIN, "2026-03-30T09:00")));
  }

  @Test
  @DisplayName("Christmas holidays (every year) and a one-time holiday are skipped")
  void holidaysAreSkipped() {
    WorkingTime time = office("Europe/Berlin", "08:00", "17:00", "12-25", "12-26", "2026-12-28");
    Instant thursday = at(BERLIN, "2026-12-24T16:00");
    assertEquals(Optional.of(at(BERLIN, "2026-12-29T09:00")), time.plusMinutes(thursday, 120));
    assertFalse(time.isWorking(at(BERLIN, "2026-12-25T10:00")));
    assertFalse(time.isWorking(at(BERLIN, "2026-12-28T10:00")));
    assertTrue(time.isWorking(at(BERLIN, "2026-12-29T10:00")));
  }

  @Test
  @DisplayName("a ticket opened at night counts from the next opening")
  void startsAtNextOpening() {
    WorkingTime time = office("Europe/Berlin", "08:00", "17:00");
    assertEquals(Optional.of(at(BERLIN, "2026-06-02T08:30")), time.plusMinutes(at(BERLIN, "2026-06-01T23:10"), 30));
    assertEquals(Optional.of(at(BERLIN, "2026-06-01T17:00")), time.plusMinutes(at(BERLIN, "2026-06-01T08:00"), 540),
        "a whole day's work ends at closing time, not at the next opening");
  }

  @Test
  @DisplayName("around the clock in Berlin, the spring-forward day has 23 hours and the fall-back day 25")
  void dstDayLengths() {
    WorkingTime time = everyDay("Europe/Berlin", "00:00", "24:00");
    assertEquals(Duration.ofHours(23), time.between(at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00")));
    assertEquals(Duration.ofHours(25), time.between(at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00")));
    assertEquals(Optional.of(at(BERLIN, "2026-03-30T01:00")), time.plus(at(BERLIN, "2026-03-29T00:00"), Duration.ofHours(24)));
  }

  @Test
  @DisplayName("a span across the skipped hour holds two real hours, across the repeated hour four")
  void spanAcrossTransition() {
    WorkingTime time = everyDay("Europe/Berlin", "01:00", "04:00");
    assertEquals(Duration.ofHours(2), time.between(at(BERLIN, "2026-03-29T00:00"), at(BERLIN, "2026-03-30T00:00")));
    assertEquals(Duration.ofHours(4), time.between(at(BERLIN, "2026-10-25T00:00"), at(BERLIN, "2026-10-26T00:00")));
    assertEquals(Optional.of(Instant.parse("2026-10-25T01:30:00Z")),
        time.plus(at(BERLIN, "2026-10-25T00:00"), Duration.ofMinutes(150)), "an hour and a half into the repeat");
  }

  @Test
  @DisplayName("a span lying wholly inside the skipped hour holds no time that day")
  void spanInsideGap() {
    WorkingTime time = everyDay("America/New_York", "02:15", "02:45");
    assertEquals(Duration.ZERO, time.between(at(NEW_YORK, "2026-03-08T00:00"), at(NEW_YORK, "2026-03-09T00:00")));
    assertEquals(Duration.ofMinutes(30), time.between(at(NEW_YORK, "2026-03-09T00:00"), at(NEW_YORK, "2026-03-10T00:00")));
    assertEquals(Optional.of(at(NEW_YORK, "2026-03-09T02:25")), time.plusMinutes(at(NEW_YORK, "2026-03-08T01:00"), 10));
  }

  @Test
  @DisplayName("around the clock without a time zone is plain UTC arithmetic")
  void aroundTheClock() {
    WorkingTime time = new WorkingTime(BusinessHoursSpec.parse(new JsonObject(), null));
    Instant start = Instant.parse("2026-03-29T00:30:15Z");
    assertEquals(Optional.of(start.plus(Duration.ofMinutes(10_000))), time.plusMinutes(start, 10_000));
    assertEquals(10_000, time.minutesBetween(start, start.plus(Duration.ofMinutes(10_000))));
  }

  @Test
  @DisplayName("working time between is negative when the end lies before the start")
  void betweenIsAntisymmetric() {
    WorkingTime time = office("Europe/Berlin", "08:00", "17:00");
    Instant monday = at(BERLIN, "2026-06-01T09:00");
    Instant tuesday = at(BERLIN, "2026-06-02T09:00");
    assertEquals(Duration.ofHours(9), time.between(monday, tuesday));
    assertEquals(Duration.ofHours(-9), time.between(tuesday, monday));
  }

  @Test
  @DisplayName("a calendar whose only working day is always a holiday has no deadline")
  void noWorkingTimeAtAll() {
    JsonObject week = new JsonObject().put("mon", span("08:00", "17:00"));
    JsonArray everyDay = new JsonArray();
    for (int month = 1; month <= 12; month++) {
      for (int day = 1; day <= java.time.YearMonth.of(2024, month).lengthOfMonth(); day++) {
        everyDay.add("%02d-%02d".formatted(month, day));
      }
    }
    WorkingTime time = new WorkingTime(BusinessHoursSpec.parse(
        new JsonObject().put("timezone", "UTC").put("week", week), everyDay));
    assertEquals(Optional.empty(), time.plusMinutes(Instant.parse("2026-01-01T00:00:00Z"), 1));
  }
}
