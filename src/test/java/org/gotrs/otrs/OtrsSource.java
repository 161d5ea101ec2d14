package org.gotrs.otrs;

import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.otrs.importer.ImportReport;
import org.gotrs.otrs.importer.OtrsImport;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.gotrs.ticket.number.TicketNumberGenerator;

/** OTRS source databases for the import tests, built from SQL files, and the import run against a test server. */
final class OtrsSource {

  /** The shared reference files, when this checkout sits beside them. */
  static final Path REFERENCE = Path.of("..", "shared", "reference");

  private OtrsSource() {}

  /** A fresh database loaded with the given classpath SQL resources, in order. */
  static DatabaseTarget fromResources(String... resources) {
    DatabaseTarget target = TestDatabase.fresh();
    for (String resource : resources) {
      try (InputStream in = OtrsSource.class.getResourceAsStream(resource)) {
        if (in == null) {
          throw new IllegalStateException("no resource " + resource);
        }
        execute(target, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return target;
  }

  /** A fresh database loaded with the given SQL files, in order. */
  static DatabaseTarget fromFiles(Path... files) {
    DatabaseTarget target = TestDatabase.fresh();
    for (Path file : files) {
      try {
        execute(target, Files.readString(file));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }
    return target;
  }

  static void execute(DatabaseTarget target, String sql) {
    try (Connection connection = TestDatabase.connect(target); var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }

  /** What one import printed and returned. */
  record Run(ImportReport report, String output) {}

  static Run importInto(TestServer server, DatabaseTarget source, boolean dryRun) {
    var app = server.app();
    Pool sourcePool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(source.connectOptions())
        .using(app.vertx()).build();
    var bytes = new ByteArrayOutputStream();
    var both = new java.io.OutputStream() {
      @Override
      public void write(int b) {
        bytes.write(b);
        System.out.write(b);
      }
    };
    try (var out = new PrintStream(both, true, StandardCharsets.UTF_8)) {
      var config = app.config();
      var attachments = new AttachmentStore(app.vertx(), app.pool(), config.dataPath(),
          config.tickets().attachmentStorage());
      var numbers = TicketNumberGenerator.fromConfig(config.tickets().numberGenerator(), config.systemId(),
          Clock.systemUTC());
      ImportReport report = TestServer.await(new OtrsImport(sourcePool, app.pool(), attachments, numbers, out,
          Clock.systemUTC()).run(dryRun, 2));
      return new Run(report, bytes.toString(StandardCharsets.UTF_8));
    } finally {
      TestServer.await(sourcePool.close());
    }
  }
}
