package org.gotrs.realtime;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/** Connections, events delivered and dropped, and commit-to-delivery lag, for /metrics. */
public final class LiveMetrics {

  private final AtomicInteger connections = new AtomicInteger();
  private final Counter delivered;
  private final Counter slowConsumers;
  private final Counter rejected;
  private final Timer lag;

  public LiveMetrics(MeterRegistry registry) {
    registry.gauge("gotrs_websocket_connections", connections);
    delivered = Counter.builder("gotrs_events_delivered").description("event frames written to live connections")
        .register(registry);
    slowConsumers = Counter.builder("gotrs_events_dropped").description("connections cut off because they read too slowly")
        .register(registry);
    rejected = Counter.builder("gotrs_websocket_rejected").description("connections refused at the connection limit")
        .register(registry);
    lag = Timer.builder("gotrs_event_lag").description("from commit to the frame being written")
        .publishPercentiles(0.5, 0.99).register(registry);
  }

  /** Reserves a connection slot (agents' and customers' sockets alike); false when the node is at its limit. */
  public boolean open(int limit) {
    if (connections.incrementAndGet() > limit) {
      connections.decrementAndGet();
      rejected.increment();
      return false;
    }
    return true;
  }

  public void closed() {
    connections.decrementAndGet();
  }

  /** {@code frames} frames of one event written; the lag is recorded once per event and event loop. */
  void delivered(String at, int frames) {
    if (frames == 0) {
      return;
    }
    delivered.increment(frames);
    try {
      lag.record(Duration.between(Instant.parse(at), Instant.now()));
    } catch (RuntimeException ignored) {
      // a malformed time only loses one lag sample
    }
  }

  void slowConsumer() {
    slowConsumers.increment();
  }

  public int connections() {
    return connections.get();
  }
}
