package org.gotrs.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CronScheduleTest {

  private static Optional<Instant> next(String schedule, String after, String zone) {
    return CronSchedule.parse(schedule).next(Instant.parse(after), ZoneId.of(zone));
  }

  @Test
  @DisplayName("every five minutes, on weekdays at 09:30, and on the first of the month")
  void schedules() {
    assertEquals(Optional.of(Instant.parse("2026-06-01T10:05:00Z")), next("*/5 * * * *", "2026-06-01T10:03:12Z", "UTC"));
    assertEquals(Optional.of(Instant.parse("2026-06-01T10:10:00Z")), next("*/5 * * * *", "2026-06-01T10:05:00Z", "UTC"),
        "strictly after");
    assertEquals(Optional.of(Instant.parse("2026-06-08T07:30:00Z")),
        next("30 9 * * 1-5", "2026-06-05T08:00:00Z", "Europe/Berlin"), "Friday's 09:30 CEST has passed; Monday's");
    assertEquals(Optional.of(Instant.parse("2026-07-01T00:00:00Z")), next("0 0 1 * *", "2026-06-01T00:00:00Z", "UTC"));
    assertEquals(Optional.of(Instant.parse("2026-06-07T00:00:00Z")), next("0 0 * * 7", "2026-06-01T00:00:00Z", "UTC"),
        "7 is Sunday too");
  }

  @Test
  @DisplayName("with both day fields restricted, either day counts, as in cron")
  void eitherDay() {
    assertEquals(Optional.of(Instant.parse("2026-06-05T00:00:00Z")), next("0 0 13 * 5", "2026-06-01T00:00:00Z", "UTC"),
        "the Friday comes before the 13th");
  }

  @Test
  @DisplayName("wrong schedules say what is wrong")
  void invalid() {
    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("* * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("60 * * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("5-1 * * * *"));
    assertThrows(IllegalArgumentException.class, () -> CronSchedule.parse("a * * * *"));
    assertEquals(Optional.empty(), CronSchedule.parse("0 0 31 2 *").next(Instant.EPOCH, ZoneOffset.UTC), "never");
  }
}
