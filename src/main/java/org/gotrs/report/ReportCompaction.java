package org.gotrs.report;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every few minutes, sums the report facts of past hours into one row per hour, queue, agent and channel
 * ({@code report_compact}, V80), so a year of reports reads a bounded number of rows. Safe on several nodes at once.
 */
public final class ReportCompaction extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ReportCompaction.class);
  private static final long EVERY_MS = 5 * 60_000;

  private final Pool pool;
  private final Clock clock;

  public ReportCompaction(Pool pool, Clock clock) {
    this.pool = pool;
    this.clock = clock;
  }

  @Override
  public Future<?> start() {
    vertx.setPeriodic(EVERY_MS, id -> compact());
    return Future.succeededFuture();
  }

  /** Compacts the hours before the current one; answers the rows written. */
  public Future<Long> compact() {
    LocalDateTime hour = LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC).truncatedTo(ChronoUnit.HOURS);
    return pool.preparedQuery("SELECT report_compact($1)").execute(Tuple.of(hour))
        .map(rows -> rows.iterator().next().getLong(0))
        .onFailure(failure -> LOG.warn("report facts not compacted: {}", failure.getMessage()));
  }
}
