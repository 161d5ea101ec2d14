package org.gotrs.db;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.ClosedConnectionException;
import io.vertx.sqlclient.DatabaseException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.net.ConnectException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a read goes: to a read replica ({@code GOTRS_DB_READ_URL}) when one is up and has replayed what the read
 * must see, else to the primary. Lists, searches, reports, saved-view counts and event replays ask here; everything
 * else, and every write, uses the primary pool.
 *
 * <p>A caller sees their own writes: after a caller's write is answered, the primary's write-ahead log position
 * ({@code pg_current_wal_insert_lsn()}, past the write's commit record) is kept for them, and their next read goes to a replica
 * only once its {@code pg_last_wal_replay_lsn()} has passed it, waiting at most {@link #CATCH_UP_MS}. The position
 * is kept on the node that answered the write, so this holds for a caller whose requests reach one node (as a
 * browser's connection does). A replica that does not answer, or fails a read for want of a connection, is marked
 * down and the read runs again on the primary; it is asked again every {@link #POLL_MS}.
 */
public final class Reads {

  /** How long a read waits for a replica to replay its caller's last write before going to the primary. */
  static final long CATCH_UP_MS = 200;
  /** How often each replica's position and the lag are looked at. */
  static final long POLL_MS = 1_000;
  private static final long RECHECK_MS = 5;
  private static final long CONNECT_TIMEOUT_MS = 2_000;
  private static final Logger LOG = LoggerFactory.getLogger(Reads.class);

  private final Vertx vertx;
  private final Pool primary;
  private final List<Replica> replicas;
  private final Map<String, Future<Long>> writes = new ConcurrentHashMap<>();
  private final AtomicInteger turn = new AtomicInteger();

  private Reads(Vertx vertx, Pool primary, List<Replica> replicas) {
    this.vertx = vertx;
    this.primary = primary;
    this.replicas = replicas;
  }

  /** Every read on the primary: no replicas configured. */
  public static Reads primaryOnly(Pool primary) {
    return new Reads(null, primary, List.of());
  }

  /** Reads spread over {@code targets}, each with a pool like the primary's; starts watching them. */
  public static Reads replicated(Vertx vertx, Pool primary, List<DatabaseTarget> targets, PoolOptions poolOptions,
                                 MeterRegistry registry) {
    if (targets.isEmpty()) {
      return primaryOnly(primary);
    }
    List<Replica> replicas = targets.stream().map(target -> new Replica(target.toString(),
        PgBuilder.pool().with(new PoolOptions(poolOptions).setConnectionTimeout((int) CONNECT_TIMEOUT_MS)
                .setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.MILLISECONDS))
            .connectingTo(target.connectOptions())
            .using(vertx).build(),
        registry)).toList();
    Reads reads = new Reads(vertx, primary, replicas);
    reads.poll();
    vertx.setPeriodic(POLL_MS, id -> reads.poll());
    return reads;
  }

  /**
   * Runs {@code read} where it sees everything {@code caller} (a principal's subject; {@code null}: anyone) has
   * written. {@code read} may run twice: on a replica, then on the primary if the replica dropped away under it.
   */
  public <T> Future<T> forCaller(String caller, Function<Pool, Future<T>> read) {
    Future<Long> written = caller == null ? null : writes.get(caller);
    return written == null ? onReplica(null, read) : route(written, read);
  }

  /** Runs {@code read} where it sees everything committed before this call (a replay of the event log). */
  public <T> Future<T> current(Function<Pool, Future<T>> read) {
    return replicas.isEmpty() ? read.apply(primary) : route(primaryPosition(), read);
  }

  /** {@code caller}'s write was committed: their next reads must see it. */
  public void wrote(String caller) {
    if (!replicas.isEmpty() && caller != null) {
      writes.put(caller, primaryPosition());
    }
  }

  /** Each replica's state, for {@code /health}. */
  public List<ReplicaStatus> replicas() {
    return replicas.stream().map(Replica::status).toList();
  }

  /**
   * @param lagBytes   write-ahead log the replica has not replayed yet
   * @param lagSeconds while it has some, the age of the last transaction it replayed
   * @param reads      reads it served
   * @param fallbacks  reads meant for it that went to the primary
   */
  public record ReplicaStatus(String name, String status, long lagBytes, double lagSeconds, long reads,
                              long fallbacks) {}

  private <T> Future<T> route(Future<Long> position, Function<Pool, Future<T>> read) {
    Replica replica = nextUp();
    if (replica == null) {
      return read.apply(primary);
    }
    long deadline = System.nanoTime() + CATCH_UP_MS * 1_000_000;
    return position.compose(lsn -> caughtUp(replica, lsn, deadline))
        .otherwise(false)
        .compose(fresh -> fresh ? onReplica(replica, read) : fallBack(replica, read));
  }

  private <T> Future<T> onReplica(Replica chosen, Function<Pool, Future<T>> read) {
    Replica replica = chosen != null ? chosen : nextUp();
    if (replica == null) {
      return read.apply(primary);
    }
    return read.apply(replica.pool())
        .onSuccess(result -> replica.served())
        .recover(failure -> {
          if (!unreachable(failure)) {
            return Future.failedFuture(failure);
          }
          LOG.warn("read replica {} failed a read ({}); reading from the primary", replica.name(), failure.toString());
          replica.down();
          return fallBack(replica, read);
        });
  }

  private <T> Future<T> fallBack(Replica replica, Function<Pool, Future<T>> read) {
    replica.fellBack();
    return read.apply(primary);
  }

  private Future<Boolean> caughtUp(Replica replica, long lsn, long deadline) {
    if (replica.passed(lsn)) {
      return Future.succeededFuture(true);
    }
    return replica.replayPosition().compose(position -> {
      if (position >= lsn) {
        return Future.succeededFuture(true);
      }
      if (System.nanoTime() > deadline) {
        return Future.succeededFuture(false);
      }
      return vertx.timer(RECHECK_MS).compose(waited -> caughtUp(replica, lsn, deadline));
    }, failure -> {
      replica.down();
      return Future.succeededFuture(false);
    });
  }

  private Replica nextUp() {
    int size = replicas.size();
    int start = Math.floorMod(turn.getAndIncrement(), Math.max(size, 1));
    for (int i = 0; i < size; i++) {
      Replica replica = replicas.get((start + i) % size);
      if (replica.up()) {
        return replica;
      }
    }
    return null;
  }

  private Future<Long> primaryPosition() {
    return primary.query("SELECT pg_current_wal_insert_lsn()::text").execute()
        .map(rows -> Lsn.parse(rows.iterator().next().getString(0)));
  }

  /** Looks at each replica, works out its lag, and forgets the writes every replica has replayed. */
  private void poll() {
    primaryPosition().onSuccess(primaryLsn -> replicas.forEach(replica -> replica.replayPosition()
        .onComplete(position -> {
          if (position.failed()) {
            if (replica.up()) {
              LOG.warn("read replica {} is down: {}", replica.name(), position.cause().getMessage());
            }
            replica.down();
          }
          replica.primaryAt(primaryLsn);
        })));
    writes.values().removeIf(written -> written.failed()
        || written.succeeded() && replicas.stream().allMatch(replica -> replica.passed(written.result())));
  }

  /** A failure of the connection or the server's state, not of the statement: the primary may well answer it. */
  private static boolean unreachable(Throwable failure) {
    if (failure instanceof DatabaseException database) {
      String state = database.getSqlState();
      // 08: connection exceptions; 57: shutting down, cannot connect now; 40001: canceled by a conflict with recovery
      return state != null && (state.startsWith("08") || state.startsWith("57") || state.equals("40001"));
    }
    return failure instanceof ConnectException || failure instanceof ClosedConnectionException
        || failure instanceof TimeoutException;
  }
}
