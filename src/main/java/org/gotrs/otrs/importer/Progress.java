package org.gotrs.otrs.importer;

import java.io.PrintStream;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;

/** Progress lines on the console: one when a table starts, one every few seconds, one when it ends. */
final class Progress {

  private static final long EVERY_MILLIS = 2_000;

  private final PrintStream out;
  private final Clock clock;
  private final Map<String, long[]> started = new HashMap<>();
  private long lastLine;

  Progress(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  synchronized void start(String table, long sourceRows, long already) {
    started.put(table, new long[] {clock.millis(), sourceRows});
    lastLine = clock.millis();
    out.printf("%-30s %,d rows in OTRS, %,d imported before%n", table, sourceRows, already);
  }

  synchronized void advance(String table, long imported, long failed) {
    long now = clock.millis();
    if (now - lastLine < EVERY_MILLIS) {
      return;
    }
    lastLine = now;
    long[] start = started.get(table);
    double seconds = Math.max(0.001, (now - start[0]) / 1000.0);
    out.printf("%-30s %,d imported, %,d failed (%,.0f rows/s)%n", table, imported, failed, imported / seconds);
  }

  synchronized void finish(TableResult result) {
    out.printf("%-30s %s: %,d imported, %,d failed in %.1f s%n", result.table(), result.status(), result.imported(),
        result.failed(), result.seconds());
    result.errors().stream().limit(20).forEach(error -> out.println("    " + error));
    if (result.errors().size() > 20) {
      out.printf("    ... %,d more in migration_log%n", result.failed() - 20);
    }
  }
}
