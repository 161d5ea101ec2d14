package org.gotrs.db;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Measurement;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.micrometer.MicrometerMetricsFactory;
import io.vertx.micrometer.MicrometerMetricsOptions;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.PoolOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.gotrs.testing.Await;
import org.gotrs.testing.TestDatabase;
import org.gotrs.testing.TestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The SQL pool's own bookkeeping, as /metrics shows it ({@code vertx_pool_queue_pending}): every caller that joins
 * the wait queue leaves it exactly once, and is answered exactly once, however its wait ends.
 */
class SqlPoolAccountingTest {

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final List<String> errorsLogged = Collections.synchronizedList(new ArrayList<>());
  private final AppenderBase<ILoggingEvent> errors = new AppenderBase<>() {
    @Override
    protected void append(ILoggingEvent event) {
      if (event.getLevel().isGreaterOrEqual(Level.WARN)) {
        errorsLogged.add(event.getFormattedMessage()
            + (event.getThrowableProxy() == null ? "" : ": " + event.getThrowableProxy().getMessage()));
      }
    }
  };
  private Vertx vertx;

  @BeforeEach
  void start() {
    vertx = Vertx.builder()
        .with(new VertxOptions().setMetricsOptions(new MicrometerMetricsOptions().setEnabled(true)))
        .withMetrics(new MicrometerMetricsFactory(registry))
        .build();
    errors.start();
    root().addAppender(errors);
  }

  @AfterEach
  void stop() {
    root().detachAppender(errors);
    TestServer.await(vertx.close());
  }

  @Test
  @DisplayName("callers that give up waiting for a busy pool are each answered once and never counted below zero")
  void acquireTimeoutsRacingHandOvers() {
    Pool pool = pool(TestDatabase.fresh().connectOptions(), new PoolOptions().setMaxSize(2).setEventLoopSize(2)
        .setConnectionTimeout(10).setConnectionTimeoutUnit(TimeUnit.MILLISECONDS));
    Await.until(Duration.ofSeconds(30), () -> opened(pool), () -> "the pool never opened its two connections");
    AtomicLong lowest = new AtomicLong();
    long sampling = vertx.setPeriodic(1, id -> lowest.accumulateAndGet(pending(), Math::min));

    // from four event loops, 20 callers each every 2 ms, half of them taking a connection for themselves: faster
    // than two connections answer, so waits pass the 10 ms timeout while connections are handed over on other threads
    List<Future<?>> calls = Collections.synchronizedList(new ArrayList<>());
    List<Future<Void>> issued = IntStream.range(0, 4).mapToObj(loop -> {
      Promise<Void> done = Promise.promise();
      AtomicInteger bursts = new AtomicInteger();
      vertx.getOrCreateContext().runOnContext(start -> vertx.setPeriodic(2, id -> {
        IntStream.range(0, 10).forEach(i -> {
          calls.add(pool.query("SELECT 1").execute());
          calls.add(pool.withConnection(connection -> connection.query("SELECT 1").execute()));
        });
        if (bursts.incrementAndGet() == 150) {
          vertx.cancelTimer(id);
          done.complete();
        }
      }));
      return done.future();
    }).toList();
    TestServer.await(Future.all(issued));
    TestServer.await(Future.join(List.copyOf(calls)).otherwiseEmpty());
    // a query that timed out keeps its place in the queue until a connection reaches it, and hands it straight back
    Await.until(Duration.ofSeconds(60), () -> pending() == 0, () -> "still counted as waiting: " + pending());
    vertx.cancelTimer(sampling);

    long served = calls.stream().filter(Future::succeeded).count();
    assertTrue(served > 0 && served < calls.size(), "some callers were served and some timed out: " + served);
    assertEquals(List.of(), alreadyCompleted(), "no caller's answer was completed twice");
    assertTrue(lowest.get() >= 0, "waiting callers counted below zero: " + lowest.get());
    TestServer.await(pool.close());
  }

  @Test
  @DisplayName("callers of a pool that cannot reach its database are counted out of the queue when they fail")
  void failedConnectsLeaveTheQueue() {
    PgConnectOptions nothingListens = new PgConnectOptions().setHost("127.0.0.1").setPort(TestServer.freePort())
        .setDatabase("gotrs").setUser("gotrs").setPassword("gotrs");
    Pool pool = pool(nothingListens, new PoolOptions().setMaxSize(1));

    List<Future<?>> calls = IntStream.range(0, 16).<Future<?>>mapToObj(i -> pool.query("SELECT 1").execute()).toList();
    TestServer.await(Future.join(calls).otherwiseEmpty());

    assertEquals(0, calls.stream().filter(Future::succeeded).count(), "no call reached a database");
    assertEquals(0, pending(), "callers whose connection failed still counted as waiting");
    TestServer.await(pool.close());
  }

  /** Both connections open: two calls at once that both succeed. */
  private static boolean opened(Pool pool) {
    Future<?> both = Future.join(pool.query("SELECT pg_sleep(0.05)").execute(), pool.query("SELECT pg_sleep(0.05)").execute());
    return TestServer.await(both.map(true).otherwise(false));
  }

  private Pool pool(PgConnectOptions target, PoolOptions options) {
    return PgBuilder.pool().with(options.setName("accounting")).connectingTo(target).using(vertx).build();
  }

  /** The pool's waiting callers, as the gauge behind vertx_pool_queue_pending reads now. */
  private long pending() {
    double sum = 0;
    for (Meter meter : registry.find("vertx.pool.queue.pending").tag("pool_type", "sql").meters()) {
      for (Measurement measurement : meter.measure()) {
        sum += measurement.getValue();
      }
    }
    return Math.round(sum);
  }

  private List<String> alreadyCompleted() {
    synchronized (errorsLogged) {
      return errorsLogged.stream().filter(line -> line.contains("already completed")).toList();
    }
  }

  private static Logger root() {
    return (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
  }
}
