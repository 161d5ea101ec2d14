package org.gotrs.sla;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random calendars in zones with and without daylight saving (including spans across the switch hours and
 * holidays), random instants between 2020 and 2032 and random amounts of work.
 */
class WorkingTimePropertiesTest {

  private static final List<String> ZONES = List.of("Europe/Berlin", "America/New_York", "Australia/Sydney",
      "Asia/Kolkata", "UTC", "America/Sao_Paulo", "Pacific/Chatham", "Europe/London");
  private static final List<String> DAYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

  @Property(tries = 300)
  @Label("the working time between a start and start + W is exactly W")
  void plusThenBetweenIsIdentity(@ForAll("calendars") WorkingTime time, @ForAll("instants") Instant start,
                                 @ForAll("work") Duration work) {
    Instant end = time.plus(start, work).orElseThrow();
    assertEquals(work, time.between(start, end));
  }

  @Property(tries = 300)
  @Label("adding A then B is adding A + B")
  void plusIsAssociative(@ForAll("calendars") WorkingTime time, @ForAll("instants") Instant start,
                         @ForAll("work") Duration a, @ForAll("work") Duration b) {
    Instant viaA = time.plus(start, a).orElseThrow();
    assertEquals(time.plus(start, a.plus(b)), time.plus(viaA, b));
  }

  @Property(tries = 300)
  @Label("more work never ends earlier, and positive work ends inside working time or at a closing")
  void plusIsMonotone(@ForAll("calendars") WorkingTime time, @ForAll("instants") Instant start,
                      @ForAll("work") Duration a, @ForAll("work") Duration b) {
    Duration less = a.compareTo(b) <= 0 ? a : b;
    Duration more = a.compareTo(b) <= 0 ? b : a;
    Instant early = time.plus(start, less).orElseThrow();
    Instant late = time.plus(start, more).orElseThrow();
    assertFalse(late.isBefore(early));
    if (!more.isZero()) {
      assertTrue(time.isWorking(late.minusNanos(1)), "the last moment worked is working time");
    }
  }

  @Property(tries = 300)
  @Label("working time between adds up over a point in between, and never exceeds real time")
  void betweenIsAdditive(@ForAll("calendars") WorkingTime time, @ForAll("instants") Instant a,
                         @ForAll("instants") Instant b, @ForAll("instants") Instant c) {
    assertEquals(time.between(a, c), time.between(a, b).plus(time.between(b, c)));
    Duration real = Duration.between(a, c).abs();
    assertTrue(time.between(a, c).abs().compareTo(real) <= 0);
  }

  @Property(tries = 200)
  @Label("no working time passes on a holiday")
  void holidaysHoldNoTime(@ForAll("calendars") WorkingTime time, @ForAll("instants") Instant start) {
    JsonArray holiday = new JsonArray().add(start.atZone(java.time.ZoneOffset.UTC).toLocalDate().toString());
    WorkingTime closed = new WorkingTime(BusinessHoursSpec.parse(new JsonObject(), holiday));
    Instant midnight = start.atZone(java.time.ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    assertEquals(Duration.ZERO, closed.between(midnight, midnight.plus(Duration.ofDays(1))));
    assertEquals(Duration.ofDays(1), closed.between(midnight.minus(Duration.ofDays(1)), midnight.plus(Duration.ofDays(1))));
  }

  @Property(tries = 200)
  @Label("around the clock in UTC, working time is real time")
  void aroundTheClockIsRealTime(@ForAll("instants") Instant start, @ForAll("work") Duration work) {
    WorkingTime time = new WorkingTime(BusinessHoursSpec.parse(new JsonObject(), null));
    assertEquals(start.plus(work), time.plus(start, work).orElseThrow());
  }

  @Provide
  Arbitrary<Instant> instants() {
    long from = Instant.parse("2020-01-01T00:00:00Z").getEpochSecond();
    long to = Instant.parse("2032-01-01T00:00:00Z").getEpochSecond();
    Arbitrary<Instant> anywhere = Arbitraries.longs().between(from, to).map(Instant::ofEpochSecond);
    // Near the switch nights of the northern and southern hemispheres, where mistakes hide.
    Arbitrary<Instant> nearSwitch = Combinators.combine(Arbitraries.of(
            "2026-03-29T00:00:00Z", "2026-10-25T00:00:00Z", "2026-03-08T06:00:00Z", "2026-11-01T05:00:00Z",
            "2026-04-04T15:00:00Z", "2026-10-03T15:00:00Z", "2026-03-28T12:00:00Z"),
        Arbitraries.longs().between(-2 * 86_400, 2 * 86_400))
        .as((base, offset) -> Instant.parse(base).plusSeconds(offset));
    return Arbitraries.oneOf(anywhere, nearSwitch);
  }

  @Provide
  Arbitrary<Duration> work() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(1, Arbitraries.just(Duration.ZERO)),
        net.jqwik.api.Tuple.of(5, Arbitraries.longs().between(1, 600).map(Duration::ofMinutes)),
        net.jqwik.api.Tuple.of(3, Arbitraries.longs().between(1, 60 * 24 * 40).map(Duration::ofMinutes)),
        net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 3 * 86_400).map(Duration::ofSeconds)));
  }

  @Provide
  Arbitrary<WorkingTime> calendars() {
    Arbitrary<JsonArray> spans = Arbitraries.oneOf(
        Arbitraries.of("00:00-24:00", "08:00-17:00", "01:00-04:00", "02:15-02:45", "22:00-24:00", "00:00-03:30")
            .map(WorkingTimePropertiesTest::spans),
        Arbitraries.integers().between(0, 1439).list().ofMinSize(2).ofMaxSize(4).uniqueElements()
            .map(WorkingTimePropertiesTest::disjointSpans));
    Arbitrary<JsonObject> week = spans.list().ofSize(DAYS.size())
        .flatMap(days -> Arbitraries.integers().between(1, (1 << DAYS.size()) - 1).map(workingDays -> {
          JsonObject object = new JsonObject();
          for (int i = 0; i < DAYS.size(); i++) {
            if ((workingDays & (1 << i)) != 0) {
              object.put(DAYS.get(i), days.get(i));
            }
          }
          return object;
        }));
    Arbitrary<JsonArray> holidays = Arbitraries.oneOf(
        Arbitraries.integers().between(1, 12).flatMap(month -> Arbitraries.integers().between(1, 28)
            .map(day -> "%02d-%02d".formatted(month, day))),
        Arbitraries.integers().between(0, 12 * 366).map(days -> java.time.LocalDate.of(2020, 1, 1).plusDays(days).toString()))
        .list().ofMaxSize(12).map(list -> new JsonArray(List.copyOf(list)));
    Arbitrary<WorkingTime> office = Combinators.combine(Arbitraries.of(ZONES), week, holidays)
        .as((zone, days, off) -> new WorkingTime(BusinessHoursSpec.parse(
            new JsonObject().put("timezone", zone).put("week", days), off)));
    Arbitrary<WorkingTime> aroundTheClock = holidays.map(off -> new WorkingTime(BusinessHoursSpec.parse(new JsonObject(), off)));
    return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(5, office), net.jqwik.api.Tuple.of(1, aroundTheClock));
  }

  private static JsonArray spans(String text) {
    String[] parts = text.split("-");
    return new JsonArray().add(new JsonArray().add(parts[0]).add(parts[1]));
  }

  /** Sorted distinct minutes paired up into spans that neither overlap nor touch. */
  private static JsonArray disjointSpans(List<Integer> minutes) {
    List<Integer> sorted = minutes.stream().sorted().toList();
    JsonArray spans = new JsonArray();
    for (int i = 0; i + 1 < sorted.size(); i += 2) {
      spans.add(new JsonArray().add(clock(sorted.get(i))).add(clock(sorted.get(i + 1))));
    }
    return spans;
  }

  private static String clock(int minute) {
    return "%02d:%02d".formatted(minute / 60, minute % 60);
  }
}
