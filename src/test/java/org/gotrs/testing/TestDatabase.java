package org.gotrs.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.Migrations;

/**
 * A real PostgreSQL for tests, one server per test JVM and a fresh database per caller:
 * {@code GOTRS_TEST_DB_URL} when set, Testcontainers when {@code GOTRS_TEST_DB=testcontainers}, else embedded.
 * The migrations run once per JVM, into a template that {@link #migrated()} copies: copying is much quicker than
 * migrating, and a server starting on the copy finds its schema current.
 */
public final class TestDatabase {

  private static final AtomicInteger COUNTER = new AtomicInteger();
  private static DatabaseTarget server;
  private static String template;

  private TestDatabase() {}

  /** A new, empty database on the shared test server: for tests of the migrations themselves. */
  public static DatabaseTarget fresh() {
    return create("");
  }

  /**
   * A new database with every migration applied and the administrator's password set to
   * {@link TestServer#ADMIN_PASSWORD}: what a test server leaves on its first start.
   */
  public static DatabaseTarget migrated() {
    return create(" TEMPLATE " + template());
  }

  private static DatabaseTarget create(String options) {
    DatabaseTarget admin = server();
    String name = "gotrs_test_" + ProcessHandle.current().pid() + "_" + COUNTER.incrementAndGet();
    try (Connection connection = connect(admin); var statement = connection.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + name);
      statement.execute("CREATE DATABASE " + name + options);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create test database " + name, e);
    }
    return admin.withDatabase(name);
  }

  private static synchronized String template() {
    if (template == null) {
      DatabaseTarget target = fresh();
      Migrations.apply(target);
      // The password a server would give the admin on its first start; hashing it once spares every server that.
      try (Connection connection = connect(target); PreparedStatement statement = connection.prepareStatement("""
               UPDATE users SET password_hash = ?
                WHERE login = 'root@localhost' AND password_hash IS NULL AND pw IS NULL""")) {
        statement.setString(1, new PasswordHasher().hash(TestServer.ADMIN_PASSWORD));
        statement.executeUpdate();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot set the admin password in the template", e);
      }
      template = target.database();
    }
    return template;
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
