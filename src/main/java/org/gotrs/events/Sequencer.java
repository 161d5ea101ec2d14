package org.gotrs.events;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Numbers committed events in the one cluster-wide order (see db/V100). One node at a time does it: the one whose
 * relay holds the session lock {@link #LEADER_LOCK} on its listening connection; when that connection or node dies,
 * PostgreSQL releases the lock and the next relay to ask takes over. An event is numbered once every transaction
 * older than its own has ended, in (transaction id, id) order, in one short transaction holding the order lock, so
 * numbers become visible in increasing order and nothing can appear in front of an event already numbered.
 *
 * <p>An open transaction holds back the events committed after it began writing: {@code gotrs_events_unstamped}
 * counts them, {@code gotrs_events_unstamped_age_seconds} says how long the oldest has waited, and past the
 * configured threshold a warning names the transaction that holds them.
 */
final class Sequencer {

  static final long LEADER_LOCK = 7400502;

  private static final Logger LOG = LoggerFactory.getLogger(Sequencer.class);
  private static final int BATCH = 5_000;
  private static final long RETRY_LEAD_MS = 1_000;
  private static final long WARN_EVERY_MS = 30_000;

  private static final String WAITING = """
      WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin)
      SELECT count(*) FILTER (WHERE xid < horizon.xmin) AS ready,
             count(*) FILTER (WHERE xid >= horizon.xmin) AS held,
             extract(epoch FROM (clock_timestamp() AT TIME ZONE 'UTC')
                                - min(created_at) FILTER (WHERE xid >= horizon.xmin))::float8 AS held_seconds
        FROM event_log, horizon
       WHERE seq IS NULL""";

  private static final String STAMP = """
      WITH horizon AS (SELECT pg_snapshot_xmin(pg_current_snapshot()) AS xmin),
           numbered AS (
             SELECT id, nextval('event_seq') AS seq FROM event_log
              WHERE seq IS NULL AND xid < (SELECT xmin FROM horizon)
              ORDER BY xid, id LIMIT $1),
           stamped AS (
             UPDATE event_log e SET seq = numbered.seq FROM numbered WHERE e.id = numbered.id RETURNING e.seq),
           totals AS (SELECT count(*) AS stamped, max(seq) AS newest FROM stamped),
           notified AS (SELECT pg_notify($2, newest::text) FROM totals WHERE stamped > 0)
      SELECT stamped, (SELECT count(*) FROM notified) AS notified FROM totals""";

  private static final String OLDEST_TRANSACTION = """
      SELECT pid, usename, datname, state, extract(epoch FROM clock_timestamp() - xact_start)::bigint AS seconds,
             regexp_replace(left(query, 200), '\s+', ' ', 'g') AS query
        FROM pg_stat_activity WHERE backend_xid IS NOT NULL
       ORDER BY age(backend_xid) DESC LIMIT 1""";

  private final int warnSeconds;
  private volatile PgConnection leading;
  private long triedToLeadAt;
  private long warnedAt;
  private volatile long held;
  private volatile double heldSeconds;

  Sequencer(int warnSeconds, MeterRegistry registry) {
    this.warnSeconds = warnSeconds;
    Gauge.builder("gotrs_events_unstamped", this, sequencer -> sequencer.held)
        .description("committed events waiting for an older transaction to end before they are numbered and sent")
        .register(registry);
    Gauge.builder("gotrs_events_unstamped_age_seconds", this, sequencer -> sequencer.heldSeconds)
        .description("how long the oldest of those has waited").register(registry);
    Gauge.builder("gotrs_events_sequencer", this, sequencer -> sequencer.leading != null ? 1 : 0)
        .description("1 on the node that numbers the cluster's events").register(registry);
  }

  /** Whether this node numbers the cluster's events (and so looks for committed ones often). */
  boolean leads() {
    return leading != null;
  }

  /**
   * Numbers what can be numbered, if this node is the one to do it; true when a full batch was numbered (more may
   * wait). Runs on the relay's context, one pass at a time.
   */
  Future<Boolean> stamp(PgConnection connection) {
    return lead(connection).compose(leads -> leads ? waiting(connection) : Future.succeededFuture(0L))
        .compose(ready -> ready == 0 ? Future.succeededFuture(false) : stampBatch(connection));
  }

  private Future<Boolean> lead(PgConnection connection) {
    if (connection == null) {
      leading = null;
      held = 0;
      heldSeconds = 0;
      return Future.succeededFuture(false);
    }
    if (connection == leading) {
      return Future.succeededFuture(true);
    }
    leading = null;
    held = 0;
    heldSeconds = 0;
    long now = System.currentTimeMillis();
    if (now - triedToLeadAt < RETRY_LEAD_MS) {
      return Future.succeededFuture(false);
    }
    triedToLeadAt = now;
    return connection.preparedQuery("SELECT pg_try_advisory_lock($1)").execute(Tuple.of(LEADER_LOCK))
        .map(rows -> {
          if (rows.iterator().next().getBoolean(0)) {
            leading = connection;
            LOG.info("this node numbers the cluster's events now");
          }
          return leading != null;
        });
  }

  /** How many events can be numbered now; keeps the held-back figures and warns about them. */
  private Future<Long> waiting(PgConnection connection) {
    return connection.query(WAITING).execute().compose(rows -> {
      Row row = rows.iterator().next();
      held = row.getLong("held");
      Double seconds = row.getDouble("held_seconds");
      heldSeconds = seconds == null ? 0 : seconds;
      Future<Void> warned = heldSeconds > warnSeconds ? warn(connection) : Future.succeededFuture();
      return warned.map(row.getLong("ready"));
    });
  }

  private Future<Void> warn(PgConnection connection) {
    long now = System.currentTimeMillis();
    if (now - warnedAt < WARN_EVERY_MS) {
      return Future.succeededFuture();
    }
    warnedAt = now;
    long count = held;
    long waited = (long) heldSeconds;
    return connection.query(OLDEST_TRANSACTION).execute().map(rows -> {
      if (rows.size() == 0) {
        LOG.warn("{} committed events have waited {} s to be sent: an older transaction held them back "
            + "(a prepared transaction? see pg_prepared_xacts)", count, waited);
      } else {
        Row oldest = rows.iterator().next();
        LOG.warn("{} committed events have waited {} s to be sent: transaction of pid {} (user {}, database {}, {}, "
                + "open {} s) is older and still open: {}", count, waited, oldest.getInteger("pid"),
            oldest.getString("usename"), oldest.getString("datname"), oldest.getString("state"),
            oldest.getLong("seconds"), oldest.getString("query"));
      }
      return null;
    });
  }

  /** One short transaction: the order lock, then the numbers, then the notice to every relay. */
  private Future<Boolean> stampBatch(PgConnection connection) {
    return connection.begin().compose(tx -> connection.preparedQuery("SELECT pg_advisory_xact_lock($1)")
        .execute(Tuple.of(DomainEvents.ORDER_LOCK))
        .compose(locked -> connection.preparedQuery(STAMP).execute(Tuple.of(BATCH, DomainEvents.CHANNEL)))
        .compose(rows -> tx.commit().map(rows.iterator().next().getLong("stamped") == BATCH))
        .onFailure(failure -> tx.rollback()));
  }
}
