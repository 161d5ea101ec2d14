package org.gotrs.report;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.IsoFields;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** What a report's rows are: periods in the reader's time zone (ISO weeks), or queues, agents or channels. */
enum ReportGroup {
  DAY("day", "day", "YYYY-MM-DD"),
  WEEK("week", "week", "IYYY-\"W\"IW"),
  MONTH("month", "month", "YYYY-MM"),
  QUEUE("queue", null, null),
  AGENT("agent", null, null),
  CHANNEL("channel", null, null);

  final String wire;
  /** PostgreSQL's {@code date_trunc} field of a period (an ISO week starts on Monday). */
  private final String truncation;
  private final String periodFormat;

  ReportGroup(String wire, String truncation, String periodFormat) {
    this.wire = wire;
    this.truncation = truncation;
    this.periodFormat = periodFormat;
  }

  static ReportGroup of(String wire) {
    for (ReportGroup group : values()) {
      if (group.wire.equals(wire)) {
        return group;
      }
    }
    return null;
  }

  static List<String> names() {
    return java.util.Arrays.stream(values()).map(group -> group.wire).toList();
  }

  boolean isPeriod() {
    return periodFormat != null;
  }

  /**
   * The periods of a report in the reader's time zone {@code $5} from {@code $1} to {@code $2} (UTC), as a statement
   * {@code periods} with their starts there ({@code local}) and in UTC ({@code utc}), both in order: a fact row finds
   * its period by a binary search of its UTC time among the starts, so no row's time is converted to another zone.
   */
  String periodsSql() {
    return """
        periods AS (
          SELECT array_agg(p ORDER BY p) AS local, array_agg((p AT TIME ZONE $5) AT TIME ZONE 'UTC' ORDER BY p) AS utc
            FROM generate_series(date_trunc('%1$s', ($1::timestamp AT TIME ZONE 'UTC') AT TIME ZONE $5),
                                 ($2::timestamp AT TIME ZONE 'UTC') AT TIME ZONE $5, interval '1 %1$s') AS p)""".formatted(truncation);
  }

  /** The key a fact row is grouped by: a queue, agent or channel, or the number of its period (see {@link #periodsSql}). */
  String keySql(ReportKind.Source source) {
    return switch (this) {
      case QUEUE -> "r." + source.queue;
      case AGENT -> "r." + source.agent;
      case CHANNEL -> "r.channel";
      default -> "width_bucket(r." + source.time + ", (SELECT utc FROM periods))";
    };
  }

  /** The key's columns in the answer. */
  List<String> keyColumns() {
    return switch (this) {
      case QUEUE -> List.of("queue_id", "queue");
      case AGENT -> List.of("agent_id", "agent");
      case CHANNEL -> List.of("channel");
      default -> List.of("period");
    };
  }

  String keySelect() {
    return switch (this) {
      case QUEUE -> "f.key AS queue_id, q.name AS queue";
      case AGENT -> "f.key::text AS agent_id, u.login AS agent";
      case CHANNEL -> "f.key AS channel";
      default -> "to_char((SELECT local FROM periods)[f.key], '" + periodFormat + "') AS period";
    };
  }

  String keyJoin() {
    return switch (this) {
      case QUEUE -> "LEFT JOIN queue q ON q.id = f.key";
      case AGENT -> "LEFT JOIN users u ON u.id = f.key";
      default -> "";
    };
  }

  String order() {
    return switch (this) {
      case QUEUE -> "q.name NULLS LAST, f.key";
      case AGENT -> "u.login NULLS LAST, f.key";
      default -> "f.key";
    };
  }

  /** Every period label from {@code from} to {@code to}, both days included (periods without facts are rows too). */
  List<String> periods(LocalDate from, LocalDate to) {
    Set<String> labels = new LinkedHashSet<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      labels.add(label(day));
    }
    return new ArrayList<>(labels);
  }

  private String label(LocalDate day) {
    return switch (this) {
      case WEEK -> String.format("%d-W%02d", day.get(IsoFields.WEEK_BASED_YEAR),
          day.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
      case MONTH -> YearMonth.from(day).toString();
      default -> day.toString();
    };
  }
}
