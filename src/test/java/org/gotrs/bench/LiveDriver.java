package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketClientOptions;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/**
 * Many {@code /ws} clients: each connects, authenticates with its first frame, waits for {@code ready},
 * subscribes to a topic and waits for {@code subscribed}. Every event frame received is timed against the
 * event's {@code at} (when its transaction wrote it), which bounds commit-to-client latency from above.
 */
final class LiveDriver implements AutoCloseable {

  private static final String EVENT_PREFIX = "{\"type\":\"event\"";
  private static final String AT = "\"at\":\"";

  private final WebSocketClient client;
  private final int port;
  private final List<WebSocket> sockets = Collections.synchronizedList(new ArrayList<>());
  private final Histogram latencyMicros = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(10), 3);
  private final AtomicLong events = new AtomicLong();
  private final AtomicInteger closedByServer = new AtomicInteger();

  LiveDriver(Vertx vertx, int port, int connections) {
    this.port = port;
    this.client = vertx.createWebSocketClient(new WebSocketClientOptions().setMaxConnections(connections + 100)
        .setConnectTimeout(60_000).setTcpNoDelay(true));
  }

  /** Opens {@code count} connections, {@code parallel} at a time; connection i subscribes to {@code topicOf(i)}. */
  Future<Void> open(int count, int parallel, String token, IntFunction<String> topicOf) {
    AtomicInteger next = new AtomicInteger();
    List<Future<Void>> chains = new ArrayList<>();
    for (int i = 0; i < Math.min(parallel, count); i++) {
      chains.add(openChain(next, count, token, topicOf));
    }
    return Future.all(chains).mapEmpty();
  }

  private Future<Void> openChain(AtomicInteger next, int count, String token, IntFunction<String> topicOf) {
    int number = next.getAndIncrement();
    if (number >= count) {
      return Future.succeededFuture();
    }
    return connect(token, topicOf.apply(number)).compose(connected -> openChain(next, count, token, topicOf));
  }

  private Future<Void> connect(String token, String topic) {
    Promise<Void> ready = Promise.promise();
    Promise<Void> subscribed = Promise.promise();
    return client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .compose(socket -> {
          sockets.add(socket);
          socket.closeHandler(closed -> {
            if (socket.closeStatusCode() != null && socket.closeStatusCode() != 1000) {
              closedByServer.incrementAndGet();
            }
          });
          socket.textMessageHandler(text -> {
            if (text.startsWith(EVENT_PREFIX)) {
              received(text);
              return;
            }
            JsonObject frame = new JsonObject(text);
            switch (frame.getString("type", "")) {
              case "ready" -> ready.tryComplete();
              case "subscribed" -> subscribed.tryComplete();
              case "error" -> subscribed.tryFail("subscription refused: " + text);
              default -> { }
            }
          });
          return socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token).encode())
              .compose(sent -> ready.future())
              .compose(isReady -> socket.writeTextMessage(new JsonObject().put("type", "subscribe")
                  .put("topics", new JsonArray().add(topic)).encode()))
              .compose(sent -> subscribed.future());
        });
  }

  private void received(String frame) {
    long receivedMicros = micros(Instant.now());
    events.incrementAndGet();
    int start = frame.indexOf(AT);
    if (start < 0) {
      return;
    }
    start += AT.length();
    long atMicros = micros(Instant.parse(frame.substring(start, frame.indexOf('"', start))));
    latencyMicros.recordValue(Math.max(0, receivedMicros - atMicros));
  }

  private static long micros(Instant instant) {
    return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
  }

  int connections() {
    return sockets.size();
  }

  long events() {
    return events.get();
  }

  int closedByServer() {
    return closedByServer.get();
  }

  /** Event latencies so far, in µs; {@link #resetLatency} starts afresh. */
  Histogram latencyMicros() {
    return latencyMicros;
  }

  void resetLatency() {
    latencyMicros.reset();
    events.set(0);
  }

  /** Waits until {@code expected} events have arrived or the time is up. */
  void awaitEvents(long expected, Duration patience) throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (events.get() < expected && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  @Override
  public void close() {
    List<Future<Void>> closing = new ArrayList<>();
    synchronized (sockets) {
      sockets.forEach(socket -> closing.add(socket.close()));
    }
    Benchmark.await(Future.join(closing).transform(done -> client.close()));
  }
}
