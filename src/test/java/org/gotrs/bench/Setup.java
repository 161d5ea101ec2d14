package org.gotrs.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * What the workloads need to know about the loaded data: the two agents who log in, the benchmark queues
 * (busiest first) and the ticket id range.
 *
 * @param lead the agent with rw on every benchmark group
 * @param agent the agent who reads 15 of the 50 groups, through roles and direct grants
 */
record Setup(UUID lead, UUID agent, List<Integer> queues, long maxTicketId, int customers) {

  static Setup read(Connection connection, int customers) throws SQLException {
    List<Integer> queues = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT id FROM queue WHERE name LIKE 'Bench %' ORDER BY name")) {
      while (rows.next()) {
        queues.add(rows.getInt(1));
      }
    }
    return new Setup(user(connection, DataLoader.LEAD), user(connection, DataLoader.AGENT), List.copyOf(queues),
        scalar(connection, "SELECT max(id) FROM ticket"), customers);
  }

  /** The n-th customer user's login, as the loader named them. */
  String customerLogin(int n) {
    return "customer%05d".formatted(1 + Math.floorMod(n, customers));
  }

  private static UUID user(Connection connection, String login) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT id FROM users WHERE login = ?")) {
      statement.setString(1, login);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return (UUID) rows.getObject(1);
      }
    }
  }

  static long scalar(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }

  /**
   * Waits (up to fifteen minutes) until the notification consumer has acted on every event up to {@code seq}, and
   * answers how many seconds that took.
   */
  static double awaitNotifications(Connection jdbc, long seq) throws SQLException {
    long begin = System.nanoTime();
    long deadline = begin + Duration.ofMinutes(15).toNanos();
    while (Setup.scalar(jdbc, "SELECT last_seq FROM notification_cursor WHERE id = 1") < seq) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("the notification consumer did not catch up within fifteen minutes");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return (System.nanoTime() - begin) / 1e9;
  }
}
