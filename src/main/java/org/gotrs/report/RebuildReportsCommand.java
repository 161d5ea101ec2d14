package org.gotrs.report;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.util.List;
import org.gotrs.config.Config;
import org.gotrs.db.CommandDatabase;

/**
 * {@code rebuild-reports}: computes the report facts again from the tickets, their history, articles, ratings, time
 * accounting and chats ({@code report_rebuild()}, V81), in the configured (or embedded) database. For history from
 * before the reports existed, and after an import. Exit 0 when done, 2 for arguments, 1 when it could not run.
 */
public final class RebuildReportsCommand {

  private RebuildReportsCommand() {}

  public static int run(Config config, List<String> args, PrintStream out, PrintStream err) {
    if (!args.isEmpty()) {
      err.println("unknown arguments: " + String.join(" ", args) + "\nusage: rebuild-reports");
      return 2;
    }
    try (CommandDatabase database = CommandDatabase.open(config, true)) {
      long rows = CommandDatabase.await(rebuild(database.pool(1)));
      out.printf("reports: facts rebuilt, %,d hourly row(s)%n", rows);
      return 0;
    } catch (RuntimeException e) {
      err.println("rebuild-reports failed: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The rebuild on a pool someone else holds (the OTRS import, the tests), then a vacuum of the facts it wrote anew,
   * so the reports read them from their indexes at once rather than once autovacuum has come by.
   */
  public static Future<Long> rebuild(Pool pool) {
    return pool.withTransaction(tx -> tx.query("SELECT report_rebuild()").execute())
        .map(rows -> rows.iterator().next().getLong(0))
        .compose(rows -> pool.query(VACUUM).execute().map(rows));
  }

  /** What a rebuild rewrote: the facts and their rollups. */
  public static final String VACUUM = "VACUUM (ANALYZE) report_ticket, report_hour, report_queue_hour, report_total_hour";
}
