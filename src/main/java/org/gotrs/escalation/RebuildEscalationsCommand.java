package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import org.gotrs.config.Config;
import org.gotrs.db.CommandDatabase;
import org.gotrs.history.TicketHistory;

/**
 * {@code rebuild-escalations [--all]}: computes the deadlines of open tickets that have none (see
 * {@link EscalationBackfill}), in the configured (or embedded) database. Exit 0 when done, 2 for bad arguments, 1
 * when it could not run.
 */
public final class RebuildEscalationsCommand {

  public static final String USAGE = "rebuild-escalations [--all]";

  private RebuildEscalationsCommand() {}

  public static int run(Config config, List<String> args, PrintStream out, PrintStream err) {
    boolean all = false;
    for (String arg : args) {
      if (arg.equals("--all")) {
        all = true;
      } else {
        err.println("unknown argument " + arg + "\nusage: " + USAGE);
        return 2;
      }
    }
    try (CommandDatabase database = CommandDatabase.open(config, true)) {
      out.println(describe(CommandDatabase.await(rebuild(database.pool(2), Clock.systemUTC(), all))));
      return 0;
    } catch (RuntimeException e) {
      err.println("rebuild-escalations failed: " + e.getMessage());
      return 1;
    }
  }

  /** The rebuild on a pool someone else holds (the OTRS import, the demo data). */
  public static Future<EscalationBackfill.Report> rebuild(Pool pool, Clock clock, boolean all) {
    return new EscalationBackfill(pool, new TicketHistory()).run(clock.instant(), all);
  }

  public static String describe(EscalationBackfill.Report report) {
    return String.format("escalations: deadlines computed for %,d open ticket(s); %,d already past, recorded as "
        + "breached in their history (no alerts sent)", report.tickets(), report.pastDeadlines());
  }
}
