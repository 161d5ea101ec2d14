package org.gotrs.report;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.List;
import java.util.UUID;

/**
 * A report sent by e-mail on a schedule: weekly on Mondays with the week before, or monthly on the 1st with the month
 * before, at {@value #HOUR}:00 in its time zone, as CSV or XLSX to its recipients.
 */
public record ReportSchedule(Long id, UUID ownerId, String name, String report, String groupBy, Integer queueId,
                             String frequency, String format, List<String> recipients, ZoneId zone,
                             Instant nextRunAt, Instant lastRunAt, String lastOutcome) {

  /** The hour of the morning a schedule sends at, in its zone. */
  static final int HOUR = 6;
  static final List<String> FREQUENCIES = List.of("weekly", "monthly");

  /** The first time after {@code after} a schedule of this frequency sends, in {@code zone}. */
  static Instant nextRun(String frequency, ZoneId zone, Instant after) {
    LocalDate day = after.atZone(zone).toLocalDate();
    for (int i = 0; i < 40; i++, day = day.plusDays(1)) {
      boolean sendingDay = frequency.equals("weekly") ? day.getDayOfWeek() == DayOfWeek.MONDAY : day.getDayOfMonth() == 1;
      Instant at = ZonedDateTime.of(day, LocalTime.of(HOUR, 0), zone).toInstant();
      if (sendingDay && at.isAfter(after)) {
        return at;
      }
    }
    throw new IllegalStateException("no sending day within 40 days");
  }

  /** The days a run at {@code at} reports on: the week or month before, both ends included. */
  static LocalDate[] period(String frequency, ZoneId zone, Instant at) {
    LocalDate sent = at.atZone(zone).toLocalDate();
    if (frequency.equals("weekly")) {
      LocalDate monday = sent.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).minusWeeks(1);
      return new LocalDate[] {monday, monday.plusDays(6)};
    }
    LocalDate first = sent.withDayOfMonth(1).minusMonths(1);
    return new LocalDate[] {first, first.with(TemporalAdjusters.lastDayOfMonth())};
  }
}
