package org.gotrs.db;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One read replica (a streaming standby) as {@link Reads} sees it: its pool, how far it has replayed the primary's
 * write-ahead log, whether it answers, and what it served.
 */
final class Replica {

  private final String name;
  private final Pool pool;
  private final AtomicLong replayed = new AtomicLong(-1);
  private final AtomicLong lagBytes = new AtomicLong();
  private volatile double lagSeconds;
  private volatile double replayAgeSeconds;
  private volatile boolean up;
  private final Counter reads;
  private final Counter fallbacks;

  Replica(String name, Pool pool, MeterRegistry registry) {
    this.name = name;
    this.pool = pool;
    this.reads = Counter.builder("gotrs.db.replica.reads").description("reads served by a read replica")
        .tag("replica", name).register(registry);
    this.fallbacks = Counter.builder("gotrs.db.replica.fallbacks")
        .description("reads meant for a replica that went to the primary (down, behind, or failed)")
        .tag("replica", name).register(registry);
    Gauge.builder("gotrs.db.replica.up", this, replica -> replica.up ? 1 : 0).tag("replica", name).register(registry);
    Gauge.builder("gotrs.db.replica.lag.bytes", lagBytes, AtomicLong::get).baseUnit("bytes")
        .description("how much of the primary's write-ahead log the replica has not replayed yet")
        .tag("replica", name).register(registry);
    Gauge.builder("gotrs.db.replica.lag", this, replica -> replica.lagSeconds).baseUnit("seconds")
        .description("age of the last transaction the replica replayed, while the primary has newer ones")
        .tag("replica", name).register(registry);
  }

  String name() {
    return name;
  }

  Pool pool() {
    return pool;
  }

  boolean up() {
    return up;
  }

  /** Whether the replica is known to have replayed the log up to {@code lsn}. */
  boolean passed(long lsn) {
    return replayed.get() >= lsn;
  }

  /** Asks the replica how far it has replayed; fails when it does not answer or is no standby. */
  Future<Long> replayPosition() {
    return pool.query("""
            SELECT pg_is_in_recovery(), pg_last_wal_replay_lsn()::text,
                   coalesce(extract(epoch FROM clock_timestamp() - pg_last_xact_replay_timestamp()), 0)::float8""")
        .execute().map(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean(0) || row.getString(1) == null) {
            throw new IllegalStateException(name + " is not a streaming standby");
          }
          long position = Lsn.parse(row.getString(1));
          replayed.accumulateAndGet(position, Math::max);
          replayAgeSeconds = row.getDouble(2);
          up = true;
          return position;
        });
  }

  /**
   * Takes the primary's current position to work out the lag: the bytes not replayed yet, and while there are
   * some, how old the last replayed transaction is (an idle primary leaves that age growing with nothing to replay).
   */
  void primaryAt(long primaryLsn) {
    lagBytes.set(Math.max(0, primaryLsn - replayed.get()));
    lagSeconds = lagBytes.get() == 0 ? 0 : replayAgeSeconds;
  }

  void down() {
    up = false;
  }

  void served() {
    reads.increment();
  }

  void fellBack() {
    fallbacks.increment();
  }

  /** What {@code /health} shows of this replica. */
  Reads.ReplicaStatus status() {
    return new Reads.ReplicaStatus(name, up ? "UP" : "DOWN", lagBytes.get(), lagSeconds, (long) reads.count(),
        (long) fallbacks.count());
  }
}
