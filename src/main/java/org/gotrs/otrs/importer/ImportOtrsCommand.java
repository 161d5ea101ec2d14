package org.gotrs.otrs.importer;

import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.gotrs.attachment.AttachmentStore;
import org.gotrs.config.Config;
import org.gotrs.db.CommandDatabase;
import org.gotrs.db.DatabaseTarget;
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
    try (CommandDatabase database = CommandDatabase.open(config, !dryRun)) {
      Pool sourcePool = database.pool(source, 4);
      Pool targetPool = database.pool(4);
      var attachments = new AttachmentStore(database.vertx(), targetPool, config.dataPath(),
          config.tickets().attachmentStorage());
      var numbers = TicketNumberGenerator.fromConfig(config.tickets().numberGenerator(), config.systemId(),
          Clock.systemUTC());
      ImportReport report = CommandDatabase.await(new OtrsImport(sourcePool, targetPool, attachments, numbers, out,
          Clock.systemUTC()).run(dryRun, batchSize));
      out.printf("%s: %,d rows %s, %,d failed%n", dryRun ? "dry run" : "import", report.imported(),
          dryRun ? "would be imported" : "imported", report.failed());
      if (!dryRun) {
        // Imported tickets carry no deadlines of ours: compute them now, past ones recorded without alerts.
        out.println(RebuildEscalationsCommand.describe(CommandDatabase.await(RebuildEscalationsCommand.rebuild(
            targetPool, Clock.systemUTC(), false))));
      }
      return report.tables().stream().anyMatch(t -> t.status().equals("failed")) ? 1 : report.failed() > 0 ? 3 : 0;
    } catch (RuntimeException e) {
      err.println("import-otrs failed: " + TableCopy.rootMessage(e));
      return 1;
    }
  }
}
