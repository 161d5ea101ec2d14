package org.gotrs.bench;

import static org.gotrs.bench.Benchmark.await;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Ticket changes with the notifications of 50 agents per queue: tickets moved back and forth between two queues whose
 * group 50 agents work (each move is "moved into my queue" for all 50: 50 stored notifications, pushed, and their
 * mails), against the same moves between two queues nobody but the lead works. Notifications are made by a consumer
 * of the event log after the commit, so the PATCH itself should not grow with the agents.
 */
final class NotificationWorkload {

  private static final int AGENTS = 50;
  private static final int TICKETS = 200;
  private static final int CHANGES = 2_000;
  private static final int IN_FLIGHT = 8;

  private final Api lead;
  private final Connection jdbc;
  private final Report report;

  NotificationWorkload(Api lead, Connection jdbc, Report report) {
    this.lead = lead;
    this.jdbc = jdbc;
    this.report = report;
  }

  void run() throws SQLException {
    // earlier workloads on a reused data set may have left events the consumer has not acted on yet
    long backlog = Setup.scalar(jdbc, "SELECT coalesce(max(seq), 0) - (SELECT last_seq FROM notification_cursor WHERE id = 1) FROM event_log");
    double caughtUp = Setup.awaitNotifications(jdbc, Setup.scalar(jdbc, "SELECT coalesce(max(seq), 0) FROM event_log"));
    report.context("notification backlog before the run", "%,d events, acted on in %.0f s".formatted(backlog, caughtUp));
    String run = Long.toString(System.currentTimeMillis() / 1000, 36);
    int[] quiet = queues("bench-notify-quiet-" + run, 0);
    int[] busy = queues("bench-notify-busy-" + run, AGENTS);
    long before = Setup.scalar(jdbc, "SELECT count(*) FROM notification");
    LoadDriver.Result without = moves(quiet);
    LoadDriver.Result with = moves(busy);
    long lastChange = Setup.scalar(jdbc, "SELECT max(seq) FROM event_log");
    double lag = Setup.awaitNotifications(jdbc, lastChange);
    long written = Setup.scalar(jdbc, "SELECT count(*) FROM notification") - before;
    double ratio = with.millis(99) / without.millis(99);
    report.row("22", "PATCH moving a ticket between two queues, %d in flight, %,d changes: nobody else works them"
        .formatted(IN_FLIGHT, CHANGES), Report.millis(without, 50, 99), "", "", null);
    report.row("22", ("the same with %d agents working both queues (%,d notifications written after the commits; the "
        + "consumer done %.0f s after the last change)").formatted(AGENTS, written, lag), Report.millis(with, 50, 99), "",
        "p99 within 20%% of the run without: %.0f%%".formatted(100 * ratio), ratio <= 1.2);
  }

  /** Two queues of a new group, the lead and {@code agents} new agents with rw on it. */
  private int[] queues(String group, int agents) throws SQLException {
    boolean autoCommit = jdbc.getAutoCommit();
    jdbc.setAutoCommit(true);
    try (var statement = jdbc.createStatement()) {
      statement.execute("INSERT INTO groups (name, comments) VALUES ('%s', 'notification benchmark')".formatted(group));
      statement.execute("""
          INSERT INTO queue (name, group_id, system_address_id, salutation_id, signature_id, follow_up_id, comments)
          SELECT '%1$s ' || n, g.id, 1, 1, 1, 1, 'notification benchmark'
            FROM groups g, generate_series(1, 2) AS n WHERE g.name = '%1$s'""".formatted(group));
      statement.execute("""
          INSERT INTO users (login, email, first_name, last_name)
          SELECT '%1$s-' || n, '%1$s-' || n || '@gotrs.example', 'Notified', n::text FROM generate_series(1, %2$d) AS n"""
          .formatted(group, agents));
      statement.execute("""
          INSERT INTO group_user (user_id, group_id, permission_key, permission_value)
          SELECT u.id, g.id, 'rw', 1 FROM users u, groups g
           WHERE g.name = '%1$s' AND (u.login LIKE '%1$s-%%' OR u.login = '%2$s')"""
          .formatted(group, DataLoader.LEAD));
    } finally {
      jdbc.setAutoCommit(autoCommit);
    }
    return new int[] {(int) Setup.scalar(jdbc, "SELECT id FROM queue WHERE name = '" + group + " 1'"),
        (int) Setup.scalar(jdbc, "SELECT id FROM queue WHERE name = '" + group + " 2'")};
  }

  /** Opens the tickets in the first queue, then moves them to and fro, warmed up first. */
  private LoadDriver.Result moves(int[] queues) {
    List<Long> ids = new ArrayList<>();
    for (int i = 0; i < TICKETS; i++) {
      ids.add(await(lead.createTicket(new JsonObject().put("title", "Notification bench " + i)
          .put("queue_id", queues[0]).put("customer_user", "customer00001")
          .put("article", new JsonObject().put("subject", "Notification bench").put("body", "moving around"))))
          .getLong("id"));
    }
    // each change moves one ticket into the queue it is not in: call i is ticket i % TICKETS, its (i / TICKETS)th move
    java.util.function.IntFunction<Future<?>> move = i -> lead.changeTicket(ids.get(i % TICKETS),
        new JsonObject().put("queue_id", queues[(i / TICKETS + 1) % 2]));
    await(LoadDriver.closedLoop(TICKETS * 2, IN_FLIGHT, Duration.ofMinutes(2), move));
    return await(LoadDriver.closedLoop(CHANGES, IN_FLIGHT, Duration.ofMinutes(5), i -> move.apply(i + TICKETS * 2)));
  }

}
