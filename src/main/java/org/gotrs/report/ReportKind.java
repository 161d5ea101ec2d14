package org.gotrs.report;

import java.util.List;

/**
 * The reports: where each reads its facts (V80), which rows count, and its columns after the group's. Counts are 0
 * in a period without facts; medians, percentiles, averages and percentages are null there.
 */
enum ReportKind {
  VOLUME("volume", Source.HOURS, ReportGroup.WEEK, "r.created + r.closed + r.reopened > 0", List.of(
      count("created", "sum(r.created)"),
      count("closed", "sum(r.closed)"),
      count("reopened", "sum(r.reopened)"))),
  FIRST_RESPONSE("first_response", Source.FIRST_RESPONSES, ReportGroup.WEEK, "true", List.of(
      count("responses", "count(*)"),
      measure("median_seconds", "percentile_disc(0.5) WITHIN GROUP (ORDER BY r.first_response_seconds)"),
      measure("p90_seconds", "percentile_disc(0.9) WITHIN GROUP (ORDER BY r.first_response_seconds)"),
      measure("average_seconds", "round(avg(r.first_response_seconds))::bigint"))),
  RESOLUTION("resolution", Source.RESOLUTIONS, ReportGroup.WEEK, "true", List.of(
      count("resolved", "count(*)"),
      measure("median_seconds", "percentile_disc(0.5) WITHIN GROUP (ORDER BY r.resolution_seconds)"),
      measure("p90_seconds", "percentile_disc(0.9) WITHIN GROUP (ORDER BY r.resolution_seconds)"),
      measure("average_seconds", "round(avg(r.resolution_seconds))::bigint"))),
  SLA("sla", Source.HOURS, ReportGroup.WEEK, """
      r.response_met + r.response_breached + r.update_met + r.update_breached + r.solution_met
        + r.solution_breached > 0""", List.of(
      count("response_met", "sum(r.response_met)"),
      count("response_breached", "sum(r.response_breached)"),
      percent("response_met_percent", "r.response_met", "r.response_breached"),
      count("update_met", "sum(r.update_met)"),
      count("update_breached", "sum(r.update_breached)"),
      percent("update_met_percent", "r.update_met", "r.update_breached"),
      count("solution_met", "sum(r.solution_met)"),
      count("solution_breached", "sum(r.solution_breached)"),
      percent("solution_met_percent", "r.solution_met", "r.solution_breached"))),
  CSAT("csat", Source.HOURS, ReportGroup.WEEK, "r.ratings > 0", List.of(
      count("ratings", "sum(r.ratings)"),
      measure("average", "round(sum(r.rating_sum)::numeric / nullif(sum(r.ratings), 0), 2)"),
      count("score_1", "sum(r.rating_1)"),
      count("score_2", "sum(r.rating_2)"),
      count("score_3", "sum(r.rating_3)"),
      count("score_4", "sum(r.rating_4)"),
      count("score_5", "sum(r.rating_5)"))),
  AGENTS("agents", Source.HOURS, ReportGroup.AGENT,
      "r.articles > 0 OR r.closed > 0 OR r.first_responses > 0 OR r.time_units <> 0", List.of(
      count("articles", "sum(r.articles)"),
      count("first_responses", "sum(r.first_responses)"),
      count("closed", "sum(r.closed)"),
      count("time_units", "sum(r.time_units)"))),
  TIME("time", Source.HOURS, ReportGroup.WEEK, "r.time_units <> 0", List.of(
      count("time_units", "sum(r.time_units)"))),
  CHAT("chat", Source.HOURS, ReportGroup.WEEK, "r.chats_started + r.chats_answered + r.chats_missed > 0", List.of(
      count("started", "sum(r.chats_started)"),
      count("answered", "sum(r.chats_answered)"),
      count("missed", "sum(r.chats_missed)"),
      measure("average_wait_seconds", "round(sum(r.chat_wait_seconds)::numeric / nullif(sum(r.chats_answered), 0))::bigint")));

  /** A fact table and its time, queue and agent columns, and for a table of one row per ticket its measured value. */
  enum Source {
    HOURS("report_hour", "hour", "queue_id", "agent_id", null),
    FIRST_RESPONSES("report_ticket", "first_response_at", "first_response_queue_id", "first_response_by",
        "first_response_seconds"),
    RESOLUTIONS("report_ticket", "first_closed_at", "closed_queue_id", "closed_by", "resolution_seconds");

    final String table;
    final String time;
    final String queue;
    final String agent;
    final String value;

    Source(String table, String time, String queue, String agent, String value) {
      this.table = table;
      this.time = time;
      this.queue = queue;
      this.agent = agent;
      this.value = value;
    }
  }

  /** One column: its name, its aggregate over the fact rows {@code r}, and its value where there are none. */
  record Metric(String name, String sql, Object empty) {}

  final String wire;
  final Source source;
  final ReportGroup defaultGroup;
  final String counts;
  final List<Metric> metrics;

  ReportKind(String wire, Source source, ReportGroup defaultGroup, String counts, List<Metric> metrics) {
    this.wire = wire;
    this.source = source;
    this.defaultGroup = defaultGroup;
    this.counts = counts;
    this.metrics = metrics;
  }

  static ReportKind of(String wire) {
    for (ReportKind kind : values()) {
      if (kind.wire.equals(wire)) {
        return kind;
      }
    }
    return null;
  }

  static List<String> names() {
    return java.util.Arrays.stream(values()).map(kind -> kind.wire).toList();
  }

  /**
   * The facts a report reads: its source's table, or for counts per hour the smallest rollup that still holds what it
   * groups and filters by — per hour alone (V113) over every queue, per hour and queue (V104) for a queue, the facts
   * per hour, queue, agent and channel for an agent or a channel.
   */
  String factsTable(ReportGroup group, boolean queueAsked, boolean agentAsked) {
    if (source != Source.HOURS || agentAsked || group == ReportGroup.AGENT || group == ReportGroup.CHANNEL) {
      return source.table;
    }
    return queueAsked || group == ReportGroup.QUEUE ? "report_queue_hour" : "report_total_hour";
  }

  /**
   * The report's query over {@code facts} (see {@link #factsTable}): {@code $1}/{@code $2} the UTC bounds (to
   * exclusive), {@code $3} a queue, {@code $4} an agent, {@code $5} the time zone when grouped by period. A rollup
   * has no column for what it was summed over; it is read only when that is not asked for.
   */
  String sql(ReportGroup group, String facts) {
    StringBuilder outer = new StringBuilder("SELECT ").append(group.keySelect());
    metrics.forEach(metric -> outer.append(", f.").append(metric.name()));
    if (source != Source.HOURS && group.isPeriod()) {
      return perPeriod(group, facts, outer.toString());
    }
    StringBuilder inner = new StringBuilder("SELECT ").append(group.keySql(source)).append(" AS key");
    metrics.forEach(metric -> inner.append(", ").append(metric.sql()).append(" AS ").append(metric.name()));
    String rows = """
        %s r
                 WHERE r.%s >= $1 AND r.%s < $2 AND %s
                   AND %s""".formatted(facts, source.time, source.time,
        source == Source.HOURS ? "(" + counts + ")" : "r." + source.time + " IS NOT NULL", askedFor(facts));
    if (source == Source.HOURS && group.isPeriod()) {
      // each hour's rows summed first, so a row's period is looked up once an hour, not once a fact row
      rows = "(SELECT r.hour, " + String.join(", ", counters().stream()
          .map(column -> "sum(r." + column + ") AS " + column).toList()) + "\n            FROM " + rows
          + "\n           GROUP BY r.hour) r";
    }
    return """
        WITH %sf AS (
          %s
            FROM %s
           GROUP BY 1)
        %s
          FROM f %s
         ORDER BY %s""".formatted(group.isPeriod() ? group.periodsSql() + ",\n" : "", inner, rows, outer, group.keyJoin(),
        group.order());
  }

  /** The queue ({@code $3}) and agent ({@code $4}) asked for, on {@code facts} rows that have those columns. */
  private String askedFor(String facts) {
    boolean perQueue = !facts.equals("report_total_hour");
    boolean perAgent = facts.equals(source.table);
    return (perQueue ? "($3::int IS NULL OR r." + source.queue + " = $3)" : "$3::int IS NULL") + " AND "
        + (perAgent ? "($4::uuid IS NULL OR r." + source.agent + " = $4)" : "$4::uuid IS NULL");
  }

  /**
   * A report of one row per ticket by period: each period's rows read by their own range of the time index (from the
   * index alone), so no row's period is looked up and no row is sorted by it; a year by week at 1M tickets (291,208
   * first responses) took 135 ms when each row was given its period and the rows were sorted by it, 57 ms this way.
   * Periods without rows are left out, as grouping the rows leaves them out.
   */
  private String perPeriod(ReportGroup group, String facts, String outer) {
    String time = "r." + source.time;
    String measured = String.join(", ", metrics.stream().map(metric -> metric.sql() + " AS " + metric.name()).toList());
    String columns = String.join(", ", metrics.stream().map(metric -> "a." + metric.name()).toList());
    return """
        WITH %1$s,
        f AS (
          SELECT k.key, %2$s
            FROM periods, generate_subscripts(periods.utc, 1) AS k(key)
            CROSS JOIN LATERAL (
              SELECT %3$s
                FROM %4$s r
               WHERE %5$s >= greatest(periods.utc[k.key], $1) AND %5$s < least(coalesce(periods.utc[k.key + 1], $2), $2)
                 AND %6$s) a
           WHERE a.%7$s > 0)
        %8$s
          FROM f
         ORDER BY %9$s""".formatted(group.periodsSql(), columns, measured, facts, time, askedFor(facts),
        metrics.get(0).name(), outer, group.order());
  }

  /** The counters of {@code report_hour} this report's columns read. */
  private List<String> counters() {
    String read = counts + " " + String.join(" ", metrics.stream().map(Metric::sql).toList());
    return COUNTERS.stream().filter(column -> java.util.regex.Pattern.compile("\\br\\." + column + "\\b")
        .matcher(read).find()).toList();
  }

  /** The counters of {@code report_hour}. */
  private static final List<String> COUNTERS = List.of("created", "closed", "reopened", "first_responses",
      "first_response_seconds", "resolutions", "resolution_seconds", "response_met", "response_breached", "update_met",
      "update_breached", "solution_met", "solution_breached", "ratings", "rating_sum", "rating_1", "rating_2",
      "rating_3", "rating_4", "rating_5", "articles", "time_units", "chats_started", "chats_answered", "chats_missed",
      "chat_wait_seconds");

  private static Metric count(String name, String sql) {
    return new Metric(name, sql, 0L);
  }

  private static Metric measure(String name, String sql) {
    return new Metric(name, sql, null);
  }

  private static Metric percent(String name, String met, String breached) {
    return new Metric(name, "round(100.0 * sum(%s) / nullif(sum(%s) + sum(%s), 0), 1)".formatted(met, met, breached),
        null);
  }
}
