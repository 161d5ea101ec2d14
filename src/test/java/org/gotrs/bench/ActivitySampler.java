package org.gotrs.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where the database's time goes during a workload, without pg_stat_statements (not in the embedded binaries): with
 * {@code -Dbench.sample_activity=true} every active backend's statement and wait event is sampled from
 * {@code pg_stat_activity} every 20 ms on a connection of its own, and the most frequent are printed at the end.
 */
final class ActivitySampler implements AutoCloseable {

  private static final String SAMPLE = """
      SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU') AS waiting,
             regexp_replace(left(query, 140), '\\s+', ' ', 'g') AS statement
        FROM pg_stat_activity
       WHERE state = 'active' AND pid <> pg_backend_pid() AND datname = current_database()""";

  private final Map<String, Integer> samples = new HashMap<>();
  private final Thread thread;
  private volatile boolean running = true;
  private int rounds;

  private ActivitySampler(Connection connection) {
    thread = new Thread(() -> sample(connection), "activity-sampler");
    thread.setDaemon(true);
    thread.start();
  }

  /** A sampler when {@code bench.sample_activity} is set, otherwise one that does nothing. */
  static ActivitySampler startIfAsked(BenchDatabase database) throws SQLException {
    return Boolean.getBoolean("bench.sample_activity") ? new ActivitySampler(database.connect()) : null;
  }

  private void sample(Connection connection) {
    try (connection; Statement statement = connection.createStatement()) {
      while (running) {
        try (ResultSet rows = statement.executeQuery(SAMPLE)) {
          rounds++;
          while (rows.next()) {
            samples.merge(rows.getString(1) + " | " + rows.getString(2), 1, Integer::sum);
          }
        }
        Thread.sleep(20);
      }
    } catch (SQLException | InterruptedException e) {
      System.out.println("activity sampler stopped: " + e.getMessage());
    }
  }

  @Override
  public void close() throws InterruptedException {
    running = false;
    thread.join();
    int total = samples.values().stream().mapToInt(Integer::intValue).sum();
    System.out.printf("database activity: %,d rounds, %,d active backends seen (%.1f per round); most frequent:%n",
        rounds, total, rounds == 0 ? 0 : (double) total / rounds);
    System.out.println(samples.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
        .limit(30).map(entry -> "%7d  %5.1f%%  %s".formatted(entry.getValue(), 100.0 * entry.getValue() / total,
            entry.getKey()))
        .collect(Collectors.joining("\n")));
  }
}
