package org.gotrs.sla;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.MonthDay;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gotrs.http.Problem;

/**
 * An SLA's working time, parsed and checked: {@code business_hours}
 * {@code {"timezone":"Europe/Berlin","week":{"mon":[["08:00","17:00"]],...}}} ({@code {}} = around the clock)
 * and {@code holidays} {@code ["12-25", "2026-04-03"]} ({@code MM-DD} every year, {@code YYYY-MM-DD} once); a holiday
 * may also be named, {@code {"date":"12-25","name":"Christmas"}}, and both shapes mix in one list.
 * Holidays are days off in both cases; a day without spans is a day off.
 *
 * @param week working spans per day, sorted and not overlapping; a day missing from the map is off
 */
public record BusinessHoursSpec(ZoneId zone, boolean aroundTheClock, Map<DayOfWeek, List<Span>> week,
                                Set<MonthDay> yearlyHolidays, Set<LocalDate> holidays) {

  /** Working minutes of a day from {@code startMinute} (inclusive) to {@code endMinute} (exclusive), 0..1440. */
  public record Span(int startMinute, int endMinute) {}

  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");
  private static final Pattern TIME = Pattern.compile("(?:[01]\\d|2[0-3]):[0-5]\\d|24:00");
  private static final Pattern YEARLY = Pattern.compile("\\d{2}-\\d{2}");
  private static final int MAX_HOLIDAY_NAME = 200;
  private static final Pattern ONCE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  public BusinessHoursSpec {
    week = Map.copyOf(week);
    yearlyHolidays = Set.copyOf(yearlyHolidays);
    holidays = Set.copyOf(holidays);
  }

  /** The spec of stored or submitted JSON (null = around the clock / no holidays); a 422 naming every mistake. */
  public static BusinessHoursSpec parse(JsonObject businessHours, JsonArray holidays) {
    List<Problem.FieldError> errors = new ArrayList<>();
    BusinessHoursSpec spec = read(businessHours, holidays, errors);
    if (!errors.isEmpty()) {
      throw Problem.invalid(errors);
    }
    return spec;
  }

  /** What is wrong with the JSON, field by field ({@code business_hours.week.mon[0]}, {@code holidays[2]}). */
  public static List<Problem.FieldError> problems(JsonObject businessHours, JsonArray holidays) {
    List<Problem.FieldError> errors = new ArrayList<>();
    read(businessHours, holidays, errors);
    return errors;
  }

  public boolean isHoliday(LocalDate date) {
    return holidays.contains(date) || yearlyHolidays.contains(MonthDay.from(date));
  }

  /** The working spans of a local date in {@link #zone()}: none on holidays and days off. */
  public List<Span> hoursOn(LocalDate date) {
    return isHoliday(date) ? List.of() : week.getOrDefault(date.getDayOfWeek(), List.of());
  }

  private static BusinessHoursSpec read(JsonObject businessHours, JsonArray holidays, List<Problem.FieldError> errors) {
    boolean aroundTheClock = businessHours == null || businessHours.isEmpty();
    ZoneId zone = ZoneOffset.UTC;
    Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
    if (aroundTheClock) {
      for (DayOfWeek day : DayOfWeek.values()) {
        week.put(day, List.of(new Span(0, 24 * 60)));
      }
    } else {
      for (String key : businessHours.fieldNames()) {
        if (!key.equals("timezone") && !key.equals("week")) {
          errors.add(error("business_hours." + key, "is not a field of business hours (timezone, week)"));
        }
      }
      zone = readZone(businessHours.getValue("timezone"), errors);
      week = readWeek(businessHours.getValue("week"), errors);
    }
    Set<MonthDay> yearly = new LinkedHashSet<>();
    Set<LocalDate> once = new LinkedHashSet<>();
    readHolidays(holidays, yearly, once, errors);
    return new BusinessHoursSpec(zone, aroundTheClock, week, yearly, once);
  }

  private static ZoneId readZone(Object value, List<Problem.FieldError> errors) {
    if (value == null) {
      errors.add(error("business_hours.timezone", "is required, an IANA time zone such as Europe/Berlin"));
    } else if (!(value instanceof String zone) || !ZoneId.getAvailableZoneIds().contains(zone)) {
      errors.add(error("business_hours.timezone", "is not an IANA time zone such as Europe/Berlin"));
    } else {
      return ZoneId.of(zone);
    }
    return ZoneOffset.UTC;
  }

  private static Map<DayOfWeek, List<Span>> readWeek(Object value, List<Problem.FieldError> errors) {
    Map<DayOfWeek, List<Span>> week = new EnumMap<>(DayOfWeek.class);
    int errorsBefore = errors.size();
    if (!(value instanceof JsonObject days)) {
      errors.add(error("business_hours.week", value == null ? "is required" : "must be an object of days (mon..sun)"));
      return week;
    }
    for (String day : days.fieldNames()) {
      int index = DAYS.indexOf(day);
      if (index < 0) {
        errors.add(error("business_hours.week." + day, "is not a day (mon, tue, wed, thu, fri, sat, sun)"));
        continue;
      }
      List<Span> spans = readSpans("business_hours.week." + day, days.getValue(day), errors);
      if (!spans.isEmpty()) {
        week.put(DayOfWeek.of(index + 1), spans);
      }
    }
    if (week.isEmpty() && errors.size() == errorsBefore) {
      errors.add(error("business_hours.week",
          "must have working hours on at least one day ({} means around the clock)"));
    }
    return week;
  }

  private static List<Span> readSpans(String field, Object value, List<Problem.FieldError> errors) {
    if (!(value instanceof JsonArray list)) {
      errors.add(error(field, "must be a list of [\"HH:MM\", \"HH:MM\"] spans"));
      return List.of();
    }
    List<Span> spans = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      Span span = readSpan(field + "[" + i + "]", list.getValue(i), errors);
      if (span != null) {
        spans.add(span);
      }
    }
    spans.sort(Comparator.comparingInt(Span::startMinute));
    for (int i = 1; i < spans.size(); i++) {
      if (spans.get(i).startMinute() < spans.get(i - 1).endMinute()) {
        errors.add(error(field, "spans overlap"));
        break;
      }
    }
    return List.copyOf(spans);
  }

  private static Span readSpan(String field, Object value, List<Problem.FieldError> errors) {
    if (!(value instanceof JsonArray pair) || pair.size() != 2
        || !(pair.getValue(0) instanceof String from) || !(pair.getValue(1) instanceof String to)) {
      errors.add(error(field, "must be a pair [\"HH:MM\", \"HH:MM\"]"));
      return null;
    }
    if (!TIME.matcher(from).matches() || !TIME.matcher(to).matches()) {
      errors.add(error(field, "times must be HH:MM between 00:00 and 24:00"));
      return null;
    }
    Span span = new Span(minutes(from), minutes(to));
    if (span.startMinute() >= span.endMinute()) {
      errors.add(error(field, "must start before it ends"));
      return null;
    }
    return span;
  }

  private static void readHolidays(JsonArray holidays, Set<MonthDay> yearly, Set<LocalDate> once,
                                   List<Problem.FieldError> errors) {
    if (holidays == null) {
      return;
    }
    for (int i = 0; i < holidays.size(); i++) {
      Object value = holidays.getValue(i);
      String field = "holidays[" + i + "]";
      if (value instanceof JsonObject named) {
        field += ".date";
        value = named.getValue("date");
        readHolidayName(named, "holidays[" + i + "]", errors);
      }
      try {
        if (value instanceof String day && YEARLY.matcher(day).matches()) {
          yearly.add(MonthDay.parse("--" + day));
          continue;
        }
        if (value instanceof String day && ONCE.matcher(day).matches()) {
          once.add(LocalDate.parse(day));
          continue;
        }
      } catch (DateTimeException e) {
        // a well-formed string naming no real day (02-30) is answered below
      }
      errors.add(error(field, "must be a real day as MM-DD (every year) or YYYY-MM-DD (once)"));
    }
  }

  private static void readHolidayName(JsonObject named, String field, List<Problem.FieldError> errors) {
    for (String key : named.fieldNames()) {
      if (!key.equals("date") && !key.equals("name")) {
        errors.add(error(field + "." + key, "is not a field of a holiday (date, name)"));
      }
    }
    Object name = named.getValue("name");
    if (name != null && (!(name instanceof String text) || text.length() > MAX_HOLIDAY_NAME)) {
      errors.add(error(field + ".name", "must be a text of at most " + MAX_HOLIDAY_NAME + " characters"));
    }
  }

  private static int minutes(String time) {
    return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3));
  }

  private static Problem.FieldError error(String field, String message) {
    return new Problem.FieldError(field, message);
  }
}
