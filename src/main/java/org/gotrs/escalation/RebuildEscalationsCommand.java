package org.gotrs.escalation;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.gotrs.config.Config;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.EmbeddedDatabase;
import org.gotrs.db.Migrations;
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
      Migrations.apply(target);
      vertx = Vertx.vertx();
      Pool pool = PgBuilder.pool().with(new PoolOptions().setMaxSize(2)).connectingTo(target.connectOptions())
          .using(vertx).build();
      out.println(describe(await(rebuild(pool, Clock.systemUTC(), all))));
      return 0;
    } catch (RuntimeException e) {
      err.println("rebuild-escalations failed: " + e.getMessage());
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

  /** The rebuild on a pool someone else holds (the OTRS import, the demo data). */
  public static Future<EscalationBackfill.Report> rebuild(Pool pool, Clock clock, boolean all) {
    return new EscalationBackfill(pool, new TicketHistory()).run(clock.instant(), all);
  }

  public static String describe(EscalationBackfill.Report report) {
    return String.format("escalations: deadlines computed for %,d open ticket(s); %,d already past, recorded as "
        + "breached in their history (no alerts sent)", report.tickets(), report.pastDeadlines());
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
