package org.gotrs.foundation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.Migrations;
import org.gotrs.testing.TestDatabase;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SchemaTest {

  private DatabaseTarget database;
  private int firstRunMigrations;

  @BeforeAll
  void migrate() {
    database = TestDatabase.fresh();
    firstRunMigrations = Migrations.apply(database).migrationsExecuted;
  }

  @Test
  @DisplayName("migrations apply to an empty database and a second run is a no-op")
  void migrationsAreIdempotent() {
    assertTrue(firstRunMigrations >= 2, "expected the schema and seed migrations to run");
    assertEquals(0, Migrations.apply(database).migrationsExecuted);
  }

  @Test
  @DisplayName("every table, column, view, materialized view and function of the seed schema exists")
  void everySeedObjectExists() throws Exception {
    List<String> missing = new ArrayList<>();
    try (Connection connection = TestDatabase.connect(database)) {
      for (String line : seedObjects()) {
        if (!exists(connection, line)) {
          missing.add(line);
        }
      }
    }
    assertEquals(List.of(), missing, "seed objects missing from the migrated database");
  }

  @Test
  @DisplayName("the seed column list matches the seed document, when the document is at hand")
  void seedListMatchesTheDocument() throws IOException {
    Path seed = Path.of("..", "shared", "seed", "000_736eebc57feff0a2.txt");
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(seed), "the seed document is not beside this clone");
    Set<String> documented = parseSeedColumns(Files.readString(seed));
    Set<String> listed = new LinkedHashSet<>();
    for (String line : seedObjects()) {
      if (!line.contains(":")) {
        listed.add(line);
      }
    }
    assertEquals(documented, listed);
  }

  @Test
  @DisplayName("the OTRS lookups and the admin agent are seeded")
  void lookupsAndAdminAreSeeded() throws SQLException {
    try (Connection connection = TestDatabase.connect(database)) {
      assertEquals(52, count(connection, "SELECT count(*) FROM ticket_history_type"));
      assertEquals(9, count(connection, "SELECT count(*) FROM ticket_state"));
      assertEquals(5, count(connection, "SELECT count(*) FROM ticket_priority"));
      assertEquals(4, count(connection, "SELECT count(*) FROM queue WHERE name IN ('Postmaster','Raw','Junk','Misc')"));
      assertEquals(3, count(connection, "SELECT count(*) FROM article_sender_type WHERE (id, name) IN ((1,'agent'),(2,'system'),(3,'customer'))"));
      assertEquals(3, count(connection, """
          SELECT count(*) FROM group_user gu JOIN users u ON u.id = gu.user_id JOIN groups g ON g.id = gu.group_id
           WHERE u.login = 'root@localhost' AND gu.permission_key = 'rw' AND gu.permission_value = 1
             AND g.name IN ('users','admin','stats')"""));
      assertEquals(1, count(connection, "SELECT count(*) FROM ticket_state WHERE name = 'new' AND id = 1"));
      assertEquals(1, count(connection, "SELECT count(*) FROM ticket_state WHERE name = 'open' AND id = 2"));
    }
  }

  @Test
  @DisplayName("the ticket statistics view refreshes concurrently and audit partitions are created ahead")
  void maintenanceFunctionsWork() throws SQLException {
    try (Connection connection = TestDatabase.connect(database); var statement = connection.createStatement()) {
      statement.execute("SELECT refresh_ticket_statistics()");
      statement.execute("SELECT cleanup_old_sessions()");
      statement.execute("SELECT archive_old_tickets()");
      statement.execute("SELECT create_audit_log_partitions(3)");
      assertTrue(count(connection, """
          SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
           WHERE i.inhparent = 'audit_log'::regclass AND c.relname ~ '^audit_log_[0-9]{4}_[0-9]{2}$'""") >= 4);
    }
  }

  @Test
  @DisplayName("the ticket columns lists filter, sort and page on refuse NULL")
  void listColumnsHoldValues() throws SQLException {
    try (Connection connection = TestDatabase.connect(database)) {
      assertEquals(0, count(connection, """
          SELECT count(*) FROM information_schema.columns
           WHERE table_name = 'ticket' AND is_nullable = 'YES'
             AND column_name IN ('escalation_time', 'archive_flag', 'create_time', 'change_time')"""));
    }
  }

  private static long count(Connection connection, String sql) throws SQLException {
    try (var statement = connection.createStatement(); ResultSet result = statement.executeQuery(sql)) {
      result.next();
      return result.getLong(1);
    }
  }

  private static List<String> seedObjects() throws IOException {
    try (InputStream in = SchemaTest.class.getResourceAsStream("/seed-columns.txt")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
          .map(String::trim).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }
  }

  private static boolean exists(Connection connection, String line) throws SQLException {
    String sql;
    String name;
    String column = null;
    if (line.startsWith("view:")) {
      sql = "SELECT 1 FROM pg_views WHERE schemaname = 'public' AND viewname = ?";
      name = line.substring(5);
    } else if (line.startsWith("matview:")) {
      sql = "SELECT 1 FROM pg_matviews WHERE schemaname = 'public' AND matviewname = ?";
      name = line.substring(8);
    } else if (line.startsWith("function:")) {
      sql = "SELECT 1 FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public' AND proname = ?";
      name = line.substring(9);
    } else {
      sql = "SELECT 1 FROM information_schema.columns WHERE table_schema = 'public' AND table_name = ? AND column_name = ?";
      name = line.substring(0, line.indexOf('.'));
      column = line.substring(line.indexOf('.') + 1);
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, name);
      if (column != null) {
        statement.setString(2, column);
      }
      return statement.executeQuery().next();
    }
  }

  /** table.column for every CREATE TABLE in the seed document's SQL blocks. */
  static Set<String> parseSeedColumns(String document) {
    Set<String> columns = new LinkedHashSet<>();
    Matcher table = Pattern.compile("CREATE TABLE (\\w+) \\((.*?)\\n\\);", Pattern.DOTALL).matcher(document);
    Set<String> notColumns = Set.of("INDEX", "PRIMARY", "UNIQUE", "FOREIGN", "CONSTRAINT", "CHECK");
    while (table.find()) {
      for (String raw : table.group(2).split("\\n")) {
        String line = raw.replaceAll("--.*", "").trim();
        if (line.isEmpty()) {
          continue;
        }
        String first = line.split("[\\s(,]+")[0];
        if (!notColumns.contains(first.toUpperCase())) {
          columns.add(table.group(1) + "." + first);
        }
      }
    }
    return columns;
  }
}
