package org.gotrs.scheduler;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;

/** The scheduler's jobs as administrators see them, and running one at once. */
public final class SchedulerJobs {

  /**
   * One job: its interval (null when it never runs), its last run, how long that took, the next run, its runs and
   * the failures among the runs kept (a week).
   */
  public record View(String name, Long intervalSeconds, Instant lastStartedAt, Instant lastFinishedAt,
                     Long durationMillis, String lastOutcome, String lastDetail, Instant nextRun, long runs,
                     long failures) {}

  private final Vertx vertx;
  private final Pool pool;
  private final Map<String, Duration> intervals;
  private final boolean enabled;
  private final Clock clock;

  /**
   * @param intervals every job by name with its interval (zero: it never runs)
   * @param enabled whether this server runs the scheduler at all ({@code scheduler.enabled})
   */
  public SchedulerJobs(Vertx vertx, Pool pool, Map<String, Duration> intervals, boolean enabled, Clock clock) {
    this.vertx = vertx;
    this.pool = pool;
    this.intervals = Map.copyOf(intervals);
    this.enabled = enabled;
    this.clock = clock;
  }

  public Future<List<View>> list() {
    return pool.preparedQuery("""
            SELECT j.name, j.last_started_at, j.last_finished_at, j.last_outcome, j.last_detail, j.runs,
                   (SELECT count(*) FROM scheduler_job_run r WHERE r.job = j.name AND r.outcome = 'failure') AS failures
              FROM scheduler_job j
             WHERE j.name = ANY ($1)""")
        .execute(Tuple.of(intervals.keySet().toArray(String[]::new)))
        .map(rows -> {
          Map<String, Row> byName = new HashMap<>();
          rows.forEach(row -> byName.put(row.getString("name"), row));
          List<View> views = new ArrayList<>();
          intervals.keySet().stream().sorted().forEach(name -> views.add(view(name, byName.get(name))));
          return views;
        });
  }

  private View view(String name, Row row) {
    Duration interval = intervals.get(name);
    boolean runs = enabled && !interval.isZero() && !interval.isNegative();
    Instant started = row == null ? null : Rows.instant(row, "last_started_at");
    Instant finished = row == null ? null : Rows.instant(row, "last_finished_at");
    Long duration = started != null && finished != null && !finished.isBefore(started)
        ? Duration.between(started, finished).toMillis() : null;
    Instant next = !runs ? null : started == null ? clock.instant() : started.plus(interval);
    return new View(name, runs ? interval.toSeconds() : null, started, finished, duration,
        row == null ? null : row.getString("last_outcome"), row == null ? null : row.getString("last_detail"), next,
        row == null ? 0 : row.getLong("runs"), row == null ? 0 : row.getLong("failures"));
  }

  /** Runs the job on this node now and answers how it went: {@code {"outcome","detail"}}. */
  public Future<JsonObject> runNow(String name) {
    if (!intervals.containsKey(name)) {
      return Future.failedFuture(Problem.notFound("no job " + name));
    }
    if (!enabled) {
      return Future.failedFuture(Problem.conflict("the scheduler is switched off (scheduler.enabled)"));
    }
    return vertx.eventBus().<JsonObject>request(Scheduler.RUN_NOW, name,
            new DeliveryOptions().setSendTimeout(Duration.ofMinutes(10).toMillis()).setLocalOnly(true))
        .map(reply -> reply.body().copy().put("job", name))
        .recover(failure -> Future.failedFuture(problem(name, failure)));
  }

  /** What the scheduler's refusal means to the administrator who asked. */
  private static Throwable problem(String name, Throwable failure) {
    if (!(failure instanceof ReplyException reply)) {
      return failure;
    }
    return switch (reply.failureType()) {
      case NO_HANDLERS -> Problem.conflict("the scheduler has not started yet on this node");
      case RECIPIENT_FAILURE -> reply.failureCode() == Scheduler.BUSY ? Problem.conflict(reply.getMessage())
          : Problem.conflict("job " + name + " does not run on this server (its interval is 0)");
      default -> failure;
    };
  }
}
