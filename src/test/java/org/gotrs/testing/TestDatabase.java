package org.gotrs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.gotrs.db.DatabaseTarget;

/**
 * A real PostgreSQL for tests, one server per test JVM and a fresh database per caller:
 * {@code GOTRS_TEST_DB_URL} when set, Testcontainers when {@code GOTRS_TEST_DB=testcontainers}, else embedded.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static DatabaseTarget server;

  private TestDatabase() {}

  /** A new, empty database on the shared test server. */
  public static DatabaseTarget fresh() {
    DatabaseTarget admin = server();
    String name = "gotrs_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection connection = connect(admin); var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return admin.withDatabase(name);
  }

  public static Connection connect(DatabaseTarget target) throws SQLException {
    return DriverManager.getConnection(target.jdbcUrl(), target.user(), target.password());
  }

  private static synchronized DatabaseTarget server() {
    if (server == null) {
      server = startServer();
    }
    return server;
  }

  private static DatabaseTarget startServer() {
    String url = System.getenv("GOTRS_TEST_DB_URL");
    if (url != null && !url.isBlank()) {
      return DatabaseTarget.fromUrl(url);
    }
    if ("testcontainers".equalsIgnoreCase(System.getenv("GOTRS_TEST_DB"))) {
      return Containers.start();
    }
    try {
      EmbeddedPostgres postgres = EmbeddedPostgres.builder()
          .setServerConfig("timezone", "UTC")
          .setServerConfig("max_connections", "500")
          .setServerConfig("fsync", "off")
          .setServerConfig("synchronous_commit", "off")
          .setServerConfig("full_page_writes", "off")
          .start();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        try {
          postgres.close();
        } catch (IOException ignored) {
          // the JVM is exiting; the temporary cluster directory is removed either way
        }
      }));
      return new DatabaseTarget("localhost", postgres.getPort(), "postgres", "postgres", "");
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the embedded test PostgreSQL", e);
    }
  }

  /** Kept apart so the Testcontainers classes load only when asked for. */
  private static final class Containers {
    static DatabaseTarget start() {
      var container = new org.testcontainers.postgresql.PostgreSQLContainer("postgres:17-alpine");
      container.start();
      return new DatabaseTarget(container.getHost(), container.getMappedPort(5432), container.getDatabaseName(),
          container.getUsername(), container.getPassword());
    }
  }
}
