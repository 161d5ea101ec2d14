package org.gotrs.scheduler;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the background jobs, cluster-safe. Every node ticks; a job that is due is attempted under a PostgreSQL
 * session advisory lock of its own ({@code pg_try_advisory_lock}), so two nodes never run it at the same time,
 * and while holding the lock the node checks and sets the job's last start, so it also runs once per interval
 * across the cluster rather than once per node. A node that dies mid-run drops its connection and with it the
 * lock. Runs are counted and timed per job in the metrics and kept in {@code scheduler_job_run}. An administrator's
 * "run now" reaches the node's scheduler on {@link #RUN_NOW} and runs the job at once, under the same lock.
 *
 * <p>The locks live on one connection of the scheduler's own, outside the pool: a job holding its lock on a
 * pooled connection while its work waits for another pooled connection starves the pool under load (and with
 * as many due jobs as pooled connections, nothing moves until the pool's timeout).
 */
public final class Scheduler extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
  private static final long TICK_MS = 1_000;
  /** The two-key advisory lock space of the scheduler: (this, hashtext(job name)). */
  private static final int LOCK_CLASS = 7400600;

  /** Local event bus address: a job's name in, its run's outcome ({@code {"outcome","detail"}}) back. */
  public static final String RUN_NOW = "gotrs.scheduler.run-now";
  /** Failure codes of a run-now request: no such job, or it is running right now. */
  public static final int UNKNOWN_JOB = 404;
  public static final int BUSY = 409;

  private final Pool pool;
  private final PgConnectOptions lockConnection;
  private final Clock clock;
  private final MeterRegistry registry;
  private final Map<Job, Duration> jobs;
  private final UUID node = UUID.randomUUID();
  private final Map<String, Instant> nextAttempt = new HashMap<>();
  private final Set<String> running = new HashSet<>();
  private Future<PgConnection> locks;

  /**
   * @param lockConnection where the scheduler opens the connection that holds its job locks
   * @param jobs each job with its interval; jobs with a zero interval never run
   */
  public Scheduler(Pool pool, PgConnectOptions lockConnection, Clock clock, MeterRegistry registry,
                   Map<Job, Duration> jobs) {
    this.pool = pool;
    this.lockConnection = lockConnection;
    this.clock = clock;
    this.registry = registry;
    this.jobs = new LinkedHashMap<>();
    jobs.forEach((job, interval) -> {
      if (!interval.isZero() && !interval.isNegative()) {
        this.jobs.put(job, interval);
      }
    });
  }

  @Override
  public Future<?> start() {
    String[] names = jobs.keySet().stream().map(Job::name).toArray(String[]::new);
    return pool.preparedQuery("INSERT INTO scheduler_job (name) SELECT unnest($1::text[]) ON CONFLICT DO NOTHING")
        .execute(Tuple.of(names))
        .onSuccess(rows -> {
          vertx.setPeriodic(TICK_MS, id -> tick());
          vertx.eventBus().<String>localConsumer(RUN_NOW, message -> runNow(message.body())
              .onSuccess(outcome -> message.reply(new io.vertx.core.json.JsonObject().put("outcome", outcome.result())
                  .put("detail", outcome.detail())))
              .onFailure(failure -> message.fail(failure instanceof Busy ? BUSY : UNKNOWN_JOB, failure.getMessage())));
        });
  }

  /** A run-now that finds the job running, here or on another node. */
  private static final class Busy extends RuntimeException {
    Busy(String job) {
      super("job " + job + " is running right now", null, false, false);
    }
  }

  /** Runs the job now, whatever its interval; the regular runs continue one interval after this one. */
  private Future<Outcome> runNow(String name) {
    Job job = jobs.keySet().stream().filter(candidate -> candidate.name().equals(name)).findFirst().orElse(null);
    if (job == null) {
      return Future.failedFuture("no job " + name);
    }
    if (running.contains(name)) {
      return Future.failedFuture(new Busy(name));
    }
    running.add(name);
    Instant now = clock.instant();
    nextAttempt.put(name, now.plus(jobs.get(job)));
    return locks().compose(connection ->
        connection.preparedQuery("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked")
            .execute(Tuple.of(LOCK_CLASS, name))
            .compose(rows -> !rows.iterator().next().getBoolean("locked") ? Future.<Outcome>failedFuture(new Busy(name))
                : claimAndRun(connection, job, now, 0)
                    .eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1, hashtext($2))")
                        .execute(Tuple.of(LOCK_CLASS, name)))))
        .onComplete(done -> running.remove(name));
  }

  private void tick() {
    Instant now = clock.instant();
    jobs.forEach((job, interval) -> {
      if (!running.contains(job.name()) && !now.isBefore(nextAttempt.getOrDefault(job.name(), Instant.MIN))) {
        running.add(job.name());
        attempt(job, interval, now).onComplete(done -> running.remove(job.name()));
      }
    });
  }

  private Future<Void> attempt(Job job, Duration interval, Instant now) {
    nextAttempt.put(job.name(), now.plus(interval));
    return locks().compose(connection ->
        connection.preparedQuery("SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked")
            .execute(Tuple.of(LOCK_CLASS, job.name()))
            .compose(rows -> {
              if (!rows.iterator().next().getBoolean("locked")) {
                skipped(job);
                return Future.succeededFuture();
              }
              return runLocked(connection, job, interval, now)
                  .eventually(() -> connection.preparedQuery("SELECT pg_advisory_unlock($1, hashtext($2))")
                      .execute(Tuple.of(LOCK_CLASS, job.name())));
            }))
        .onFailure(failure -> LOG.warn("job {} could not run: {}", job.name(), failure.getMessage()))
        .mapEmpty();
  }

  /** The lock connection, opened on first use and again after it was lost (its locks went with it). */
  private Future<PgConnection> locks() {
    if (locks == null || locks.failed()) {
      Future<PgConnection> opening = PgConnection.connect(vertx, lockConnection);
      locks = opening;
      opening.onSuccess(connection -> connection.closeHandler(closed -> {
        if (locks == opening) {
          LOG.warn("the scheduler's lock connection closed; it reconnects for the next due job");
          locks = null;
        }
      }));
    }
    return locks;
  }

  @Override
  public Future<?> stop() {
    Future<PgConnection> open = locks;
    locks = null;
    return open == null ? Future.succeededFuture() : open.compose(PgConnection::close).otherwiseEmpty();
  }

  /** Holding the job's lock: claims this interval's run (unless another node already had it), runs, records. */
  private Future<Void> runLocked(SqlConnection connection, Job job, Duration interval, Instant now) {
    // Half a second of slack, so nodes whose ticks drift a little do not skip a whole interval.
    double sinceSeconds = Math.max(0, interval.toMillis() / 1000.0 - 0.5);
    return claimAndRun(connection, job, now, sinceSeconds)
        .compose(outcome -> outcome == null ? lastStart(connection, job, interval) : Future.succeededFuture());
  }

  /**
   * Claims the run when the job last started at least {@code sinceSeconds} ago, runs it and records the outcome;
   * null when another node's run is too recent.
   */
  private Future<Outcome> claimAndRun(SqlConnection connection, Job job, Instant now, double sinceSeconds) {
    LocalDateTime started = utc(now);
    return connection.preparedQuery("""
            UPDATE scheduler_job SET last_started_at = $2::timestamp, last_node = $3, runs = runs + 1
             WHERE name = $1 AND (last_started_at IS NULL OR last_started_at <= $2::timestamp - make_interval(secs => $4))
            RETURNING last_started_at""")
        .execute(Tuple.of(job.name(), started, node, sinceSeconds))
        .compose(claimed -> {
          if (claimed.size() == 0) {
            skipped(job);
            return Future.succeededFuture((Outcome) null);
          }
          return connection.preparedQuery("""
                  INSERT INTO scheduler_job_run (job, node, started_at) VALUES ($1, $2, $3) RETURNING id""")
              .execute(Tuple.of(job.name(), node, started))
              .compose(inserted -> execute(job, now).compose(outcome -> connection.preparedQuery("""
                      WITH run AS (
                        UPDATE scheduler_job_run SET finished_at = $2, outcome = $3, detail = $4 WHERE id = $5)
                      UPDATE scheduler_job SET last_finished_at = $2, last_outcome = $3, last_detail = $4
                       WHERE name = $1""")
                  .execute(Tuple.of(job.name(), utc(clock.instant()), outcome.result(), outcome.detail(),
                      inserted.iterator().next().getLong("id")))
                  .map(outcome)));
        });
  }

  private record Outcome(String result, String detail) {}

  /** Runs the job, timing and counting it; a failure is an outcome too, not a reason to stop the scheduler. */
  private Future<Outcome> execute(Job job, Instant now) {
    long started = System.nanoTime();
    Future<String> run;
    try {
      run = job.run(now);
    } catch (RuntimeException e) {
      run = Future.failedFuture(e);
    }
    return run.transform(result -> {
      Timer.builder("gotrs_job_duration").description("how long a background job run took").tag("job", job.name())
          .register(registry).record(Duration.ofNanos(System.nanoTime() - started));
      String outcome = result.succeeded() ? "success" : "failure";
      Counter.builder("gotrs_job_runs").description("background job runs by outcome").tag("job", job.name())
          .tag("outcome", outcome).register(registry).increment();
      if (result.failed()) {
        LOG.warn("job {} failed: {}", job.name(), result.cause().getMessage());
        return Future.succeededFuture(new Outcome(outcome, String.valueOf(result.cause().getMessage())));
      }
      return Future.succeededFuture(new Outcome(outcome, result.result()));
    });
  }

  /** Another node ran the job within the interval: try again one interval after that run. */
  private Future<Void> lastStart(SqlConnection connection, Job job, Duration interval) {
    return connection.preparedQuery("SELECT last_started_at FROM scheduler_job WHERE name = $1")
        .execute(Tuple.of(job.name()))
        .map(rows -> {
          LocalDateTime last = rows.iterator().next().getLocalDateTime("last_started_at");
          if (last != null) {
            nextAttempt.put(job.name(), last.toInstant(ZoneOffset.UTC).plus(interval));
          }
          return null;
        });
  }

  private void skipped(Job job) {
    Counter.builder("gotrs_job_skipped").description("job attempts left to another node").tag("job", job.name())
        .register(registry).increment();
  }

  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
