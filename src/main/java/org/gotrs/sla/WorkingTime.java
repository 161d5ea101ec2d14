package org.gotrs.sla;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Arithmetic over an SLA's working time: add working time to an instant, measure the working time
 * between two instants.
 *
 * <p>Working time is the set of real instants whose wall-clock reading in the calendar's zone falls in a
 * working span of that local date (holidays and days without spans have none). That makes it exact across
 * daylight-saving changes: a span of 01:00–04:00 holds two real hours on the night the clocks skip 02:00–03:00
 * and four on the night they repeat it, and a span lying wholly in a skipped hour holds none.
 */
public final class WorkingTime {

  /** A calendar without a single working instant in three years has none at all (e.g. every day a holiday). */
  private static final int MAX_IDLE_DAYS = 3 * 366;

  /** A stretch of real time [start, end). */
  record Interval(Instant start, Instant end) {
    Duration length() {
      return Duration.between(start, end);
    }
  }

  private final BusinessHoursSpec spec;
  private final ZoneRules rules;

  public WorkingTime(BusinessHoursSpec spec) {
    this.spec = spec;
    this.rules = spec.zone().getRules();
  }

  /**
   * The instant reached by working for {@code work} from {@code start}. Starting outside working time counts
   * from the next opening; the result may be the very end of a span. Empty when the calendar has no working
   * time left to spend.
   */
  public Optional<Instant> plus(Instant start, Duration work) {
    if (work.isNegative()) {
      throw new IllegalArgumentException("working time to add must not be negative: " + work);
    }
    if (work.isZero()) {
      return Optional.of(start);
    }
    Duration remaining = work;
    LocalDate date = LocalDate.ofInstant(start, spec.zone());
    int idleDays = 0;
    while (idleDays <= MAX_IDLE_DAYS) {
      boolean worked = false;
      for (Interval interval : intervalsOn(date)) {
        if (!interval.end().isAfter(start)) {
          continue;
        }
        worked = true;
        Instant from = interval.start().isAfter(start) ? interval.start() : start;
        Duration available = Duration.between(from, interval.end());
        if (remaining.compareTo(available) <= 0) {
          return Optional.of(from.plus(remaining));
        }
        remaining = remaining.minus(available);
      }
      idleDays = worked ? 0 : idleDays + 1;
      date = date.plusDays(1);
    }
    return Optional.empty();
  }

  /** {@link #plus} in whole minutes, the unit of SLA times. */
  public Optional<Instant> plusMinutes(Instant start, long minutes) {
    return plus(start, Duration.ofMinutes(minutes));
  }

  /** The working time in [from, to); negative when {@code to} lies before {@code from}. */
  public Duration between(Instant from, Instant to) {
    if (to.isBefore(from)) {
      return between(to, from).negated();
    }
    Duration total = Duration.ZERO;
    LocalDate last = LocalDate.ofInstant(to, spec.zone());
    for (LocalDate date = LocalDate.ofInstant(from, spec.zone()); !date.isAfter(last); date = date.plusDays(1)) {
      for (Interval interval : intervalsOn(date)) {
        Instant start = interval.start().isAfter(from) ? interval.start() : from;
        Instant end = interval.end().isBefore(to) ? interval.end() : to;
        if (end.isAfter(start)) {
          total = total.plus(Duration.between(start, end));
        }
      }
    }
    return total;
  }

  /** Whole working minutes in [from, to), rounded towards zero. */
  public long minutesBetween(Instant from, Instant to) {
    return between(from, to).toMinutes();
  }

  /** Whether the instant lies in working time. */
  public boolean isWorking(Instant instant) {
    for (Interval interval : intervalsOn(LocalDate.ofInstant(instant, spec.zone()))) {
      if (!instant.isBefore(interval.start()) && instant.isBefore(interval.end())) {
        return true;
      }
    }
    return false;
  }

  /**
   * The working time of one local date as real intervals, sorted and merged. The day is cut where the zone's
   * offset changes; in each piece the offset is fixed, so a span's wall-clock readings map to one stretch of
   * real time, which is clipped to the piece.
   */
  List<Interval> intervalsOn(LocalDate date) {
    List<BusinessHoursSpec.Span> spans = spec.hoursOn(date);
    if (spans.isEmpty()) {
      return List.of();
    }
    List<Interval> pieces = piecesOf(date);
    LocalDateTime midnight = date.atStartOfDay();
    List<Interval> found = new ArrayList<>();
    for (Interval piece : pieces) {
      ZoneOffset offset = rules.getOffset(piece.start());
      for (BusinessHoursSpec.Span span : spans) {
        Instant start = midnight.plusMinutes(span.startMinute()).toInstant(offset);
        Instant end = midnight.plusMinutes(span.endMinute()).toInstant(offset);
        Instant from = start.isAfter(piece.start()) ? start : piece.start();
        Instant to = end.isBefore(piece.end()) ? end : piece.end();
        if (to.isAfter(from)) {
          found.add(new Interval(from, to));
        }
      }
    }
    return merged(found);
  }

  /** The local date as real time, cut at each offset change within it. */
  private List<Interval> piecesOf(LocalDate date) {
    Instant dayStart = date.atStartOfDay(spec.zone()).toInstant();
    Instant dayEnd = date.plusDays(1).atStartOfDay(spec.zone()).toInstant();
    if (rules.isFixedOffset()) {
      return List.of(new Interval(dayStart, dayEnd));
    }
    List<Interval> pieces = new ArrayList<>(2);
    Instant cut = dayStart;
    ZoneOffsetTransition transition = rules.nextTransition(dayStart);
    while (transition != null && transition.getInstant().isBefore(dayEnd)) {
      if (transition.getInstant().isAfter(cut)) {
        pieces.add(new Interval(cut, transition.getInstant()));
        cut = transition.getInstant();
      }
      transition = rules.nextTransition(transition.getInstant());
    }
    pieces.add(new Interval(cut, dayEnd));
    return pieces;
  }

  private static List<Interval> merged(List<Interval> intervals) {
    if (intervals.size() < 2) {
      return intervals;
    }
    intervals.sort(Comparator.comparing(Interval::start));
    List<Interval> merged = new ArrayList<>(intervals.size());
    Interval current = intervals.get(0);
    for (int i = 1; i < intervals.size(); i++) {
      Interval next = intervals.get(i);
      if (!next.start().isAfter(current.end())) {
        current = new Interval(current.start(), next.end().isAfter(current.end()) ? next.end() : current.end());
      } else {
        merged.add(current);
        current = next;
      }
    }
    merged.add(current);
    return merged;
  }
}
