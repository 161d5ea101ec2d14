package org.gotrs.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.ticket.number.DateChecksum;
import org.postgresql.PGConnection;

/**
 * Loads the data set straight into PostgreSQL: reference data, then tickets, articles and history by
 * INSERT ... SELECT generate_series in chunks. For the load the secondary indexes of those three tables are
 * dropped and foreign-key triggers are off in this session only; afterwards the indexes are rebuilt from
 * their own definitions, every foreign key is checked against the loaded rows, and the tables are analysed.
 */
final class DataLoader {

  static final String PASSWORD = "bench-password";
  static final String LEAD = "bench.lead";
  static final String AGENT = "bench.agent";

  private static final int CHUNK = 100_000;
  private static final int DAYS = 730;
  private static final int SENTENCES = 100_000;
  private static final int TITLES = 20_000;
  private static final String SYSTEM_ID = "10";

  /** What is in the database. */
  record Dataset(String scale, long tickets, long articles, long history, double loadSeconds, boolean reused,
                 String databaseSize) {}

  private final Connection connection;
  private final Scale scale;

  DataLoader(Connection connection, Scale scale) {
    this.connection = connection;
    this.scale = scale;
  }

  /** Loads the scale's data set, or reports the one already there from an earlier run of the same scale. */
  Dataset load() throws SQLException, IOException {
    Dataset existing = existing();
    if (existing != null) {
      return existing;
    }
    long started = System.nanoTime();
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = replica");
      statement.execute("SET synchronous_commit = off");
    }
    SqlScript.run(connection, LoadSql.HELPERS, Map.of());
    SqlScript.run(connection, LoadSql.REFERENCE_DATA, Map.of("password_hash", new PasswordHasher().hash(PASSWORD),
        "owners", scale.owners(), "companies", scale.companies(), "customers", scale.customers()));
    // grants were written with triggers off: store each agent's permitted groups (db/V46) in one pass
    execute("SELECT refresh_all_permitted_groups()");
    textPools();
    Map<String, String> indexes = dropSecondaryIndexes();
    int perDay = (scale.tickets() + DAYS - 1) / DAYS;
    int days = (scale.tickets() + perDay - 1) / perDay;
    for (long lo = 1; lo <= scale.tickets(); lo += CHUNK) {
      long hi = Math.min(scale.tickets(), lo + CHUNK - 1);
      long chunkStarted = System.nanoTime();
      update(LoadSql.TICKETS, lo, hi, perDay, days, SYSTEM_ID, TITLES, scale.owners(), scale.customers());
      update(LoadSql.ARTICLES, lo, hi, SENTENCES);
      update(LoadSql.HISTORY, lo, hi);
      update("SELECT ticket_search_rebuild_range(?, ?)", lo, hi);
      progress("tickets %,d..%,d loaded in %.0f s", lo, hi, seconds(chunkStarted));
    }
    long indexStarted = System.nanoTime();
    for (var index : indexes.entrySet()) {
      execute(index.getValue());
    }
    progress("%d secondary indexes rebuilt in %.0f s", indexes.size(), seconds(indexStarted));
    try (Statement statement = connection.createStatement()) {
      statement.execute("SET session_replication_role = DEFAULT");
      for (String table : List.of("ticket", "article", "ticket_history")) {
        statement.execute("SELECT setval(pg_get_serial_sequence('" + table + "', 'id'), (SELECT max(id) FROM "
            + table + "))");
      }
    }
    checkForeignKeys();
    checkTicketNumbers();
    long vacuumStarted = System.nanoTime();
    execute("VACUUM (ANALYZE) ticket, article, ticket_history, ticket_search, queue, users, customer_user, groups, group_user, "
        + "role_group, role_user");
    progress("vacuumed and analysed in %.0f s", seconds(vacuumStarted));
    execute("DROP TABLE bench.sentence, bench.title, bench.group_map, bench.queue_map, bench.owner_map, "
        + "bench.customer_map");
    double loadSeconds = seconds(started);
    try (PreparedStatement record = connection.prepareStatement("""
        INSERT INTO bench.dataset (scale, tickets, articles, history, load_seconds)
        SELECT ?, (SELECT count(*) FROM ticket), (SELECT count(*) FROM article), (SELECT count(*) FROM ticket_history), ?""")) {
      record.setString(1, scale.name());
      record.setDouble(2, loadSeconds);
      record.execute();
    }
    Dataset loaded = existing();
    return new Dataset(loaded.scale(), loaded.tickets(), loaded.articles(), loaded.history(), loadSeconds, false,
        loaded.databaseSize());
  }

  private Dataset existing() throws SQLException {
    try (Statement statement = connection.createStatement()) {
      try (ResultSet marker = statement.executeQuery("SELECT to_regclass('bench.dataset') IS NOT NULL")) {
        marker.next();
        if (!marker.getBoolean(1)) {
          return null;
        }
      }
      try (ResultSet rows = statement.executeQuery("""
          SELECT scale, tickets, articles, history, load_seconds, pg_size_pretty(pg_database_size(current_database()))
            FROM bench.dataset""")) {
        if (!rows.next()) {
          return null;
        }
        if (!rows.getString(1).equals(scale.name())) {
          throw new IllegalStateException("the data dir holds the '" + rows.getString(1) + "' data set, not '"
              + scale.name() + "'; run with -Dbench.reuse=false or another -Dbench.data");
        }
        return new Dataset(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4), rows.getDouble(5),
            true, rows.getString(6));
      }
    }
  }

  /** Sentences and titles drawn from the vocabulary with a fixed seed, copied in. */
  private void textPools() throws SQLException, IOException {
    Random random = new Random(20_261_124L);
    var copy = connection.unwrap(PGConnection.class).getCopyAPI();
    StringBuilder sentences = new StringBuilder();
    for (int id = 1; id <= SENTENCES; id++) {
      sentences.append(id).append('\t').append(Vocabulary.sentence(random, 6, 14)).append('\n');
    }
    copy.copyIn("COPY bench.sentence (id, text) FROM STDIN", new StringReader(sentences.toString()));
    StringBuilder titles = new StringBuilder();
    for (int id = 1; id <= TITLES; id++) {
      String title = Vocabulary.sentence(random, 3, 7);
      titles.append(id).append('\t').append(title, 0, title.length() - 1).append('\n');
    }
    copy.copyIn("COPY bench.title (id, text) FROM STDIN", new StringReader(titles.toString()));
  }

  private Map<String, String> dropSecondaryIndexes() throws SQLException {
    Map<String, String> indexes = new LinkedHashMap<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(LoadSql.SECONDARY_INDEXES)) {
      while (rows.next()) {
        indexes.put(rows.getString(1), rows.getString(2));
      }
    }
    for (String index : indexes.keySet()) {
      execute("DROP INDEX " + index);
    }
    return indexes;
  }

  /** Foreign-key triggers were off for the load, so every single-column foreign key is checked here. */
  private void checkForeignKeys() throws SQLException {
    List<String[]> keys = new ArrayList<>();
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery(LoadSql.FOREIGN_KEYS)) {
      while (rows.next()) {
        keys.add(new String[] {rows.getString(1), rows.getString(2), rows.getString(3), rows.getString(4)});
      }
    }
    for (String[] key : keys) {
      String sql = "SELECT count(*) FROM %1$s c WHERE c.%2$s IS NOT NULL AND NOT EXISTS (SELECT 1 FROM %3$s p WHERE p.%4$s = c.%2$s)"
          .formatted(quote(key[0]), quote(key[1]), quote(key[2]), quote(key[3]));
      try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
        rows.next();
        if (rows.getLong(1) != 0) {
          throw new IllegalStateException(rows.getLong(1) + " rows of " + key[0] + "." + key[1] + " reference no "
              + key[2] + "." + key[3]);
        }
      }
    }
    progress("%d foreign keys hold for every loaded row", keys.size());
  }

  private void checkTicketNumbers() throws SQLException {
    try (Statement statement = connection.createStatement();
         ResultSet rows = statement.executeQuery("SELECT tn FROM ticket TABLESAMPLE SYSTEM (1) LIMIT 1000")) {
      while (rows.next()) {
        if (!DateChecksum.isValid(rows.getString(1))) {
          throw new IllegalStateException("loaded ticket number " + rows.getString(1) + " fails the DateChecksum check");
        }
      }
    }
  }

  private static String quote(String identifier) {
    return identifier.matches("[a-z_]+") ? identifier : '"' + identifier.replace("\"", "\"\"") + '"';
  }

  private void update(String sql, Object... parameters) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      statement.execute();
    }
  }

  private void execute(String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }

  private static void progress(String format, Object... arguments) {
    System.out.printf("  load: " + format + "%n", arguments);
  }
}
