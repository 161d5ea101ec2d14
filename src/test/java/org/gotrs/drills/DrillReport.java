package org.gotrs.drills;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A drill's figures: printed, and written to {@code target/drills/<drill>-<form>.txt} for BENCHMARKS.md. */
final class DrillReport {

  private final String drill;
  private final Map<String, Object> figures = new LinkedHashMap<>();
  private final List<String> lines = new ArrayList<>();

  DrillReport(String drill) {
    this.drill = drill;
  }

  synchronized DrillReport put(String name, Object value) {
    figures.put(name, value);
    return this;
  }

  synchronized void line(String text) {
    lines.add(text);
  }

  synchronized void write() {
    StringBuilder text = new StringBuilder();
    text.append("drill: ").append(drill).append(" (").append(Drill.form()).append(")\n");
    text.append("finished: ").append(Instant.now()).append('\n');
    text.append("machine: ").append(Runtime.getRuntime().availableProcessors()).append(" cores, ")
        .append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append(", Java ")
        .append(System.getProperty("java.version")).append('\n');
    figures.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
    lines.forEach(line -> text.append(line).append('\n'));
    System.out.print(text);
    try {
      Path dir = Path.of("target", "drills");
      Files.createDirectories(dir);
      Files.writeString(dir.resolve(drill + "-" + Drill.form() + ".txt"), text);
    } catch (IOException e) {
      System.out.println("cannot write the drill report: " + e.getMessage());
    }
  }
}
