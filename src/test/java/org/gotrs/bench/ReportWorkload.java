package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.gotrs.report.Reports;

/**
 * Issue 28: a year of a report by week through the API and as the same raw SQL, read from the facts the triggers and
 * {@code report_rebuild()} keep; and every ticket exported as CSV: rows per second and the server's heap growth
 * while the export streams.
 */
final class ReportWorkload {

  private static final int CALLS = 200;
  private static final int IN_FLIGHT = 4;

  private final Scale scale;
  private final Api lead;
  private final Pool pool;
  private final Connection jdbc;
  private final ServerProcess server;
  private final Report report;

  ReportWorkload(Scale scale, Api lead, Pool pool, Connection jdbc, ServerProcess server, Report report) {
    this.scale = scale;
    this.lead = lead;
    this.pool = pool;
    this.jdbc = jdbc;
    this.server = server;
    this.report = report;
  }

  void run() throws SQLException, IOException, InterruptedException {
    long started = System.nanoTime();
    long rows;
    try (var statement = jdbc.createStatement(); var result = statement.executeQuery("SELECT report_rebuild()")) {
      result.next();
      rows = result.getLong(1);
    }
    boolean autoCommit = jdbc.getAutoCommit();
    jdbc.setAutoCommit(true);
    try (var statement = jdbc.createStatement()) {
      statement.execute(org.gotrs.report.RebuildReportsCommand.VACUUM);
    } finally {
      jdbc.setAutoCommit(autoCommit);
    }
    report.row("28", "`rebuild-reports` over %,d tickets (their history, articles, ratings, time, chats), with its vacuum"
        .formatted(scale.tickets()), "%.1f s, %,d hourly fact rows".formatted((System.nanoTime() - started) / 1e9, rows),
        "", "", null);
    try (var statement = jdbc.createStatement()) {
      statement.execute("ANALYZE report_hour, report_queue_hour, report_ticket");
    }
    explain();
    yearByWeek("volume");
    yearByWeek("first_response");
    yearByWeek("sla");
    export();
  }

  /** Every report's statement, a year by week and by agent, with its plan as run (printed, not timed). */
  private void explain() throws SQLException {
    LocalDate to = LocalDate.now();
    for (String name : java.util.List.of("volume", "first_response", "resolution", "sla", "csat", "agents", "time",
        "chat")) {
      for (String group : java.util.List.of("week", "agent")) {
        String sql = Reports.statement(name, group).replace("$1", "'" + to.minusDays(365) + "'::timestamp")
            .replace("$2", "'" + to + "'::timestamp").replace("$3", "NULL").replace("$4", "NULL")
            .replace("$5", "'Europe/Berlin'");
        StringBuilder plan = new StringBuilder();
        try (var statement = jdbc.createStatement();
             var result = statement.executeQuery("EXPLAIN (ANALYZE, BUFFERS) " + sql)) {
          while (result.next()) {
            plan.append("    ").append(result.getString(1)).append('\n');
          }
        }
        System.out.println("  plan of `" + name + "` by " + group + ":\n" + plan);
      }
    }
  }

  private void yearByWeek(String name) {
    LocalDate to = LocalDate.now();
    LocalDate from = to.minusDays(364);
    String path = "/api/v1/reports/%s?from=%s&to=%s&group_by=week&tz=Europe/Berlin".formatted(name, from, to);
    LoadDriver.Result api = await(LoadDriver.closedLoop(CALLS, IN_FLIGHT, Duration.ofSeconds(scale.budgetSeconds()),
        i -> lead.get(path)));
    String sql = Reports.statement(name, "week");
    Tuple bounds = Tuple.of(LocalDateTime.of(from.minusDays(1), java.time.LocalTime.of(23, 0)),
        LocalDateTime.of(to, java.time.LocalTime.of(23, 0)), null, null, "Europe/Berlin");
    LoadDriver.Result raw = await(LoadDriver.closedLoop(CALLS, IN_FLIGHT, Duration.ofSeconds(scale.budgetSeconds()),
        i -> pool.preparedQuery(sql).execute(bounds)));
    report.row("28", "report `%s`, a year by week in Europe/Berlin, %d in flight".formatted(name, IN_FLIGHT),
        Report.millis(api, 50, 95), Report.millis(raw, 50, 95), "p95 ≤ 300 ms", api.millis(95) <= 300);
  }

  /** Every ticket the lead reads as CSV, read as it arrives; the heap after a full GC before and mid-export. */
  private void export() throws IOException, InterruptedException {
    long before = server.liveHeap("before the export");
    HttpClient http = HttpClient.newHttpClient();
    HttpRequest request = HttpRequest.newBuilder(
            URI.create("http://127.0.0.1:" + server.port() + "/api/v1/tickets?archived=all&format=csv"))
        .header("Authorization", "Bearer " + lead.token()).build();
    AtomicLong lines = new AtomicLong();
    long started = System.nanoTime();
    HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
    long midway = Math.max(1, scale.tickets() / 2);
    long during = before;
    long paused = 0;
    byte[] buffer = new byte[65_536];
    try (InputStream body = response.body()) {
      for (int read = body.read(buffer); read >= 0; read = body.read(buffer)) {
        for (int i = 0; i < read; i++) {
          if (buffer[i] == '\n' && lines.incrementAndGet() == midway) {
            long measuring = System.nanoTime();
            during = server.liveHeap("mid-export");
            paused = System.nanoTime() - measuring;
          }
        }
      }
    }
    // the rate leaves out the pause the server's heap was measured in, half-way
    double seconds = (System.nanoTime() - started - paused) / 1e9;
    long exported = lines.get() - 1;
    double perSecond = exported / seconds;
    long growth = during - before;
    report.row("28", "`GET /tickets?format=csv`: all %,d tickets, streamed (status %d)"
            .formatted(exported, response.statusCode()),
        "%,.0f rows/s (%.1f s, not counting %.1f s of heap measurement); live heap %.0f → %.0f MiB mid-export, growth %.1f MiB"
            .formatted(perSecond, seconds, paused / 1e9, before / 1048576.0, during / 1048576.0, growth / 1048576.0),
        rawExport(),
        "≥ 50,000 rows/s, growth ≤ 64 MiB", perSecond >= 50_000 && growth <= 64L * 1024 * 1024);
  }

  /**
   * The export's rows read with a JDBC cursor, 500 at a time, each made into a CSV line: what the database and the
   * formatting cost without the server.
   */
  private String rawExport() {
    try {
      jdbc.setAutoCommit(false);
      long started = System.nanoTime();
      long rows = 0;
      long bytes = 0;
      try (var statement = jdbc.createStatement()) {
        statement.setFetchSize(500);
        try (var result = statement.executeQuery(RAW_EXPORT)) {
          int columns = result.getMetaData().getColumnCount();
          while (result.next()) {
            StringBuilder line = new StringBuilder();
            for (int c = 1; c <= columns; c++) {
              line.append(c > 1 ? "," : "").append(result.getString(c));
            }
            bytes += line.length();
            rows++;
          }
        }
      }
      jdbc.commit();
      jdbc.setAutoCommit(true);
      double seconds = (System.nanoTime() - started) / 1e9;
      return "%,.0f rows/s (%.1f s, %,d rows, %.0f MB)".formatted(rows / seconds, seconds, rows, bytes / 1e6);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The export's statement for an agent who reads every queue, without the permission predicate. */
  private static final String RAW_EXPORT = """
      SELECT t.id, t.tn, t.title, xq.name, xs.name, xst.name, xp.name, xty.name, xo.login, xr.login, t.customer_id,
             xcu.login, t.source, t.create_time, t.change_time
        FROM ticket t
        LEFT JOIN queue xq ON xq.id = t.queue_id
        LEFT JOIN ticket_state xs ON xs.id = t.ticket_state_id
        LEFT JOIN ticket_state_type xst ON xst.id = xs.type_id
        LEFT JOIN ticket_priority xp ON xp.id = t.ticket_priority_id
        LEFT JOIN ticket_type xty ON xty.id = t.type_id
        LEFT JOIN users xo ON xo.id = t.user_id
        LEFT JOIN users xr ON xr.id = t.responsible_user_id
        LEFT JOIN customer_user xcu ON xcu.id = t.customer_user_id
       ORDER BY t.id DESC""";
}
