package org.gotrs.drills;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;

/**
 * Drills leave tens of thousands of rows behind; their databases are dropped when a drill ends, so the shared
 * test PostgreSQL does not carry them until the JVM exits (deleting its files then can outlast the test
 * runner's patience).
 */
final class DrillDatabases {

  private DrillDatabases() {}

  /** Drops a database made by {@link TestDatabase}, closing whatever still uses it. */
  static void drop(DatabaseTarget database) {
    try (Connection admin = TestDatabase.connect(database.withDatabase("postgres"));
         Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS \"" + database.database().replace("\"", "") + "\" WITH (FORCE)");
    } catch (SQLException e) {
      System.out.println("could not drop the drill database " + database.database() + ": " + e.getMessage());
    }
  }
}
