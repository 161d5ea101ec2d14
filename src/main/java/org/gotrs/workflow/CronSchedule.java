package org.gotrs.workflow;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Optional;

/**
 * A cron schedule of five fields, {@code minute hour day-of-month month day-of-week}, each {@code *}, a number,
 * a range {@code a-b}, a step {@code *}{@code /n} or {@code a-b/n}, or a comma list of those; day-of-week 0 and 7
 * are Sunday. As in cron, when both day fields are restricted a day matching either one counts.
 */
public record CronSchedule(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
                           boolean anyDay, boolean anyWeekday) {

  /** Looks this far ahead for the next run (a schedule like "0 0 29 2 1" can take years). */
  private static final int MAX_DAYS_AHEAD = 8 * 366;

  /** The schedule, or an IllegalArgumentException saying what is wrong with it. */
  public static CronSchedule parse(String text) {
    String[] fields = text == null ? new String[0] : text.trim().split("\\s+");
    if (fields.length != 5) {
      throw new IllegalArgumentException("must have five fields: minute hour day-of-month month day-of-week");
    }
    BitSet weekdays = field(fields[4], 0, 7, "day-of-week");
    if (weekdays.get(7)) {
      weekdays.set(0);
    }
    return new CronSchedule(text.trim(), field(fields[0], 0, 59, "minute"), field(fields[1], 0, 23, "hour"),
        field(fields[2], 1, 31, "day-of-month"), field(fields[3], 1, 12, "month"), weekdays,
        fields[2].equals("*"), fields[4].equals("*"));
  }

  /** The first scheduled minute after {@code after}, in {@code zone}. */
  public Optional<Instant> next(Instant after, ZoneId zone) {
    LocalDateTime start = LocalDateTime.ofInstant(after, zone).truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
    LocalDate day = start.toLocalDate();
    for (int i = 0; i < MAX_DAYS_AHEAD; i++, day = day.plusDays(1)) {
      if (!months.get(day.getMonthValue()) || !dayMatches(day)) {
        continue;
      }
      for (int hour = hours.nextSetBit(0); hour >= 0; hour = hours.nextSetBit(hour + 1)) {
        for (int minute = minutes.nextSetBit(0); minute >= 0; minute = minutes.nextSetBit(minute + 1)) {
          LocalDateTime candidate = day.atTime(hour, minute);
          Instant instant = candidate.atZone(zone).toInstant();
          if (!candidate.isBefore(start) && instant.isAfter(after)) {
            return Optional.of(instant);
          }
        }
      }
    }
    return Optional.empty();
  }

  private boolean dayMatches(LocalDate day) {
    boolean dayOfMonth = days.get(day.getDayOfMonth());
    boolean dayOfWeek = weekdays.get(day.getDayOfWeek().getValue() % 7);
    if (anyDay || anyWeekday) {
      return dayOfMonth && dayOfWeek;
    }
    return dayOfMonth || dayOfWeek;
  }

  private static BitSet field(String text, int min, int max, String name) {
    BitSet values = new BitSet(max + 1);
    for (String part : text.split(",")) {
      String range = part;
      int step = 1;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, name);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.contains("-")) {
        String[] ends = range.split("-", 2);
        from = number(ends[0], min, max, name);
        to = number(ends[1], min, max, name);
      } else {
        from = number(range, min, max, name);
        to = slash >= 0 ? max : from;
      }
      if (from > to) {
        throw new IllegalArgumentException(name + " range " + range + " runs backwards");
      }
      for (int value = from; value <= to; value += step) {
        values.set(value);
      }
    }
    return values;
  }

  private static int number(String text, int min, int max, String name) {
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        throw new IllegalArgumentException(name + " must be from " + min + " to " + max + ", not " + value);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " '" + text + "' is not a number, range, step or *");
    }
  }
}
