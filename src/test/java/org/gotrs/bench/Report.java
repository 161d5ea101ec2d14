package org.gotrs.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The figures of one run, with the machine, data and date they were measured on, as a Markdown table. */
final class Report {

  /** One figure: through the API, the same SQL straight against the database, the target and whether it is met. */
  record Row(String issue, String what, String api, String raw, String target, Boolean met) {}

  private final Map<String, String> context = new LinkedHashMap<>();
  private final List<Row> rows = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  void context(String key, String value) {
    context.put(key, value);
  }

  void row(String issue, String what, String api, String raw, String target, Boolean met) {
    rows.add(new Row(issue, what, api, raw, target, met));
    System.out.printf("  %s | %s | %s | %s | %s%n", issue, what, api, raw, verdict(met));
  }

  void note(String note) {
    notes.add(note);
  }

  String render() {
    StringBuilder out = new StringBuilder();
    context.forEach((key, value) -> out.append("- ").append(key).append(": ").append(value).append('\n'));
    out.append("\n| issue | measurement | through the API | same SQL, straight to PostgreSQL | target | met |\n")
        .append("|---|---|---|---|---|---|\n");
    for (Row row : rows) {
      out.append("| ").append(row.issue()).append(" | ").append(row.what()).append(" | ").append(row.api())
          .append(" | ").append(row.raw()).append(" | ").append(row.target()).append(" | ")
          .append(verdict(row.met())).append(" |\n");
    }
    if (!notes.isEmpty()) {
      out.append('\n');
      notes.forEach(note -> out.append("- ").append(note).append('\n'));
    }
    return out.toString();
  }

  void write(Path file) throws IOException {
    Files.writeString(file, render());
  }

  private static String verdict(Boolean met) {
    return Optional.ofNullable(met).map(yes -> yes ? "yes" : "**no**").orElse("");
  }

  static String millis(LoadDriver.Result result, double... percentiles) {
    List<String> parts = new ArrayList<>();
    for (double percentile : percentiles) {
      parts.add("p%s %s ms".formatted(percentile == 50 ? "50" : String.valueOf(percentile).replace(".0", ""),
          decimal(result.millis(percentile))));
    }
    return String.join(" · ", parts) + " (n=%,d)".formatted(result.calls()) + failures(result);
  }

  static String rate(LoadDriver.Result result) {
    return "%,.0f /s (p50 %s ms · p99 %s ms)".formatted(result.perSecond(), decimal(result.millis(50)),
        decimal(result.millis(99))) + failures(result);
  }

  static String decimal(double value) {
    return value < 10 ? "%.1f".formatted(value) : "%,.0f".formatted(value);
  }

  private static String failures(LoadDriver.Result result) {
    return result.failures() == 0 ? "" : " — %d failed (%s)".formatted(result.failures(), result.firstFailure());
  }
}
