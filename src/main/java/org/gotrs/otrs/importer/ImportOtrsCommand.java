package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.config.Config;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.EmbeddedDatabase;
import org.gotrs.db.Migrations;
import org.gotrs.escalation.RebuildEscalationsCommand;
import org.gotrs.ticket.number.TicketNumberGenerator;

/**
 * {@code import-otrs --source postgresql://user:pass@host:port/otrs [--dry-run] [--batch-size N]}: migrates the
 * configured (or embedded) GOTRS database, then imports the OTRS database into it. Exit 0 when every row was
 * imported, 3 when some rows failed (listed, and kept in migration_log), 2 for bad arguments, 1 when it could not run.
 */
public final class ImportOtrsCommand {

  public static final String USAGE = "import-otrs --source postgresql://user:pass@host:port/otrs [--dry-run] "
      + "[--batch-size N]";

  private ImportOtrsCommand() {}

  public static int run(Config config, List<String> args, PrintStream out, PrintStream err) {
    String sourceUrl = null;
    boolean dryRun = false;
    int batchSize = OtrsImport.DEFAULT_BATCH;
    for (int i = 0; i < args.size(); i++) {
      switch (args.get(i)) {
        case "--source" -> sourceUrl = i + 1 < args.size() ? args.get(++i) : null;
        case "--dry-run" -> dryRun = true;
        case "--batch-size" -> batchSize = i + 1 < args.size() && args.get(i + 1).matches("[1-9][0-9]{0,4}")
            ? Integer.parseInt(args.get(++i)) : -1;
        default -> {
          err.println("unknown argument " + args.get(i) + "\nusage: " + USAGE);
          return 2;
        }
      }
    }
    if (sourceUrl == null || batchSize < 1) {
      err.println("usage: " + USAGE);
      return 2;
    }
    DatabaseTarget source;
    try {
      source = DatabaseTarget.fromUrl(sourceUrl);
    } catch (IllegalArgumentException e) {
      err.println("--source is not a postgresql://user:pass@host:port/db URL");
      return 2;
    }
    EmbeddedDatabase embedded = null;
    Vertx vertx = null;
    try {
      DatabaseTarget target;
      if (config.db().embedded()) {
        embedded = EmbeddedDatabase.start(config.dataPath());
        target = embedded.target();
      } else {
        target = DatabaseTarget.fromUrl(config.db().url());
      }
      if (!dryRun) {
        Migrations.apply(target);
      }
      vertx = Vertx.vertx();
      Pool sourcePool = pool(vertx, source);
      Pool targetPool = pool(vertx, target);
      var attachments = new AttachmentStore(vertx, targetPool, config.dataPath(), config.tickets().attachmentStorage());
      var numbers = TicketNumberGenerator.fromConfig(config.tickets().numberGenerator(), config.systemId(),
          Clock.systemUTC());
      ImportReport report = await(new OtrsImport(sourcePool, targetPool, attachments, numbers, out, Clock.systemUTC())
          .run(dryRun, batchSize));
      out.printf("%s: %,d rows %s, %,d failed%n", dryRun ? "dry run" : "import", report.imported(),
          dryRun ? "would be imported" : "imported", report.failed());
      if (!dryRun) {
        // Imported tickets carry no deadlines of ours: compute them now, past ones recorded without alerts.
        out.println(RebuildEscalationsCommand.describe(await(RebuildEscalationsCommand.rebuild(targetPool,
            Clock.systemUTC(), false))));
      }
      return report.tables().stream().anyMatch(t -> t.status().equals("failed")) ? 1 : report.failed() > 0 ? 3 : 0;
    } catch (RuntimeException e) {
      err.println("import-otrs failed: " + TableCopy.rootMessage(e));
      return 1;
    } finally {
      if (vertx != null) {
        await(vertx.close());
      }
      if (embedded != null) {
        embedded.close();
      }
    }
  }

  private static Pool pool(Vertx vertx, DatabaseTarget target) {
    return PgBuilder.pool().with(new PoolOptions().setMaxSize(4)).connectingTo(target.connectOptions()).using(vertx)
        .build();
  }

  private static <T> T await(Future<T> future) {
    try {
      return future.toCompletionStage().toCompletableFuture().get(7, TimeUnit.DAYS);
    } catch (java.util.concurrent.ExecutionException e) {
      throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
    } catch (InterruptedException | java.util.concurrent.TimeoutException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
