package org.gotrs.drills;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;

/**
 * A fingerprint of the data a request could change: a hash of every row of each main table, so a rejected
 * request that altered a single value is caught, not only one that added or removed rows. Left out: the audit
 * trail (rejections are audited on purpose), sessions, live presence and its events (they change by the clock),
 * the notifications' events (written by the notification consumer after the change that caused them, whenever it
 * catches up), the events' numbers (given by the sequencer after commit, whenever older transactions have ended), and
 * the ticket-number counter (a number drawn for a ticket that then fails validation is a gap, not
 * data). An agent's failed-login counter and lock have a fingerprint of their own, {@link #LOCKOUT}: a refused login
 * is meant to count against the account it names.
 */
final class DataDigest implements AutoCloseable {

  private static final List<String> TABLES = List.of("users", "user_preferences", "api_keys", "groups", "group_user",
      "roles", "role_user", "role_group", "customer_company", "customer_user", "ticket_state", "ticket_priority",
      "ticket_type", "queue", "ticket", "ticket_history", "article", "article_attachment", "service", "sla",
      "service_sla", "workflows", "custom_field_definitions", "custom_field_values", "data_retention_policy");

  /** The fingerprint of the agents' failed-login counters and locks, which the one of {@code users} leaves out. */
  static final String LOCKOUT = "users lockout";

  private static final Map<String, String> ROW_TEXT = Map.of(
      "users", "(to_jsonb(t) - 'failed_login_attempts' - 'locked_until')::text");

  private static final String QUERY = TABLES.stream()
      .map(table -> {
        String row = ROW_TEXT.getOrDefault(table, "t::text");
        return "SELECT '" + table + "' AS name, count(*) AS rows, md5(coalesce(string_agg(" + row + ", '|' ORDER BY "
            + row + "), '')) AS hash FROM " + table + " t";
      })
      .collect(Collectors.joining(" UNION ALL ", "", " UNION ALL "))
      + "SELECT '" + LOCKOUT + "', count(*), md5(coalesce(string_agg(t.id || ':' || coalesce(t.failed_login_attempts, 0) "
      + "|| ':' || coalesce(t.locked_until::text, ''), '|' ORDER BY t.id), '')) FROM users t UNION ALL "
      + "SELECT 'event_log', count(*), md5(coalesce(string_agg((to_jsonb(t) - 'seq')::text, '|' ORDER BY t.id), '')) "
      + "FROM event_log t "
      + "WHERE t.name NOT LIKE 'presence.%' AND t.name NOT LIKE 'notification.%'";

  private final Connection connection;

  DataDigest(DatabaseTarget database) {
    try {
      this.connection = TestDatabase.connect(database);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Table → "rows:hash". */
  Map<String, String> take() {
    Map<String, String> digest = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(QUERY)) {
      while (rows.next()) {
        digest.put(rows.getString(1), rows.getLong(2) + ":" + rows.getString(3));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return digest;
  }

  /** The tables whose fingerprint differs. */
  static List<String> changed(Map<String, String> before, Map<String, String> after) {
    return before.keySet().stream().filter(table -> !before.get(table).equals(after.get(table))).toList();
  }

  @Override
  public void close() {
    try {
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
