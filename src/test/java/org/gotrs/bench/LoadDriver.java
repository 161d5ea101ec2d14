package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Drives a request against the server or the database: a fixed number of calls with a fixed number in
 * flight (closed loop), or a fixed rate for a while (open loop), timing every call.
 */
final class LoadDriver {

  /** What a run did: calls that succeeded, failures (with the first one's message), wall time, latencies in µs. */
  record Result(int calls, int failures, String firstFailure, double seconds, Histogram micros) {

    double perSecond() {
      return calls / seconds;
    }

    double millis(double percentile) {
      return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** Two runs of the same call as one: their calls, failures, times and latencies added up. */
    static Result sum(Result earlier, Result later) {
      if (earlier == null) {
        return later;
      }
      Histogram micros = earlier.micros.copy();
      micros.add(later.micros);
      return new Result(earlier.calls + later.calls, earlier.failures + later.failures,
          earlier.firstFailure != null ? earlier.firstFailure : later.firstFailure, earlier.seconds + later.seconds,
          micros);
    }
  }

  private LoadDriver() {}

  /**
   * {@code calls} calls, {@code inFlight} at a time, stopping early once {@code budget} has passed;
   * {@code call} gets the call's number.
   */
  static Future<Result> closedLoop(int calls, int inFlight, Duration budget, IntFunction<Future<?>> call) {
    var run = new Run(calls, System.nanoTime() + budget.toNanos());
    Promise<Result> done = Promise.promise();
    AtomicInteger finishedLoops = new AtomicInteger();
    for (int i = 0; i < Math.min(inFlight, calls); i++) {
      loop(run, call, () -> {
        if (finishedLoops.incrementAndGet() == Math.min(inFlight, calls)) {
          done.complete(run.result());
        }
      });
    }
    return done.future();
  }

  private static void loop(Run run, IntFunction<Future<?>> call, Runnable finished) {
    if (System.nanoTime() > run.deadline) {
      finished.run();
      return;
    }
    int number = run.issued.getAndIncrement();
    if (number >= run.calls) {
      finished.run();
      return;
    }
    long started = System.nanoTime();
    Future<?> future;
    try {
      future = call.apply(number);
    } catch (RuntimeException e) {
      future = Future.failedFuture(e);
    }
    future.onComplete(result -> {
      run.record(started, result.failed() ? result.cause() : null);
      loop(run, call, finished);
    });
  }

  /** {@code perSecond} calls a second for {@code seconds}, whether or not earlier calls have answered. */
  static Future<Result> openLoop(Vertx vertx, int perSecond, int seconds, IntFunction<Future<?>> call) {
    int calls = perSecond * seconds;
    var run = new Run(calls, Long.MAX_VALUE);
    Promise<Result> done = Promise.promise();
    AtomicInteger completed = new AtomicInteger();
    long start = System.nanoTime();
    vertx.setPeriodic(1, 5, timer -> {
      long due = Math.min(calls, (System.nanoTime() - start) * perSecond / 1_000_000_000L + 1);
      while (run.issued.get() < due) {
        int number = run.issued.getAndIncrement();
        long started = System.nanoTime();
        call.apply(number).onComplete(result -> {
          run.record(started, result.failed() ? result.cause() : null);
          if (completed.incrementAndGet() == calls) {
            done.complete(run.result());
          }
        });
      }
      if (run.issued.get() >= calls) {
        vertx.cancelTimer(timer);
      }
    });
    return done.future();
  }

  private static final class Run {
    final int calls;
    final long deadline;
    final AtomicInteger issued = new AtomicInteger();
    final AtomicInteger completed = new AtomicInteger();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicReference<String> firstFailure = new AtomicReference<>();
    final Histogram micros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
    final long started = System.nanoTime();

    Run(int calls, long deadline) {
      this.calls = calls;
      this.deadline = deadline;
    }

    void record(long callStarted, Throwable failure) {
      micros.recordValue(Math.max(1, (System.nanoTime() - callStarted) / 1_000));
      completed.incrementAndGet();
      if (failure != null) {
        failures.incrementAndGet();
        firstFailure.compareAndSet(null, failure.getMessage());
      }
    }

    Result result() {
      return new Result(completed.get() - failures.get(), failures.get(), firstFailure.get(),
          (System.nanoTime() - started) / 1e9, micros);
    }
  }
}
