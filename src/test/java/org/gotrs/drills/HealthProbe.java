package org.gotrs.drills;

import io.vertx.core.Vertx;
import io.vertx.ext.web.client.WebClient;
import java.util.ArrayList;
import java.util.List;

/** Asks {@code GET /health} every 200 ms and keeps what it heard, with the time. */
final class HealthProbe {

  record Sample(long at, int status) {}

  private final Vertx vertx;
  private final WebClient client;
  private final int port;
  private final List<Sample> samples = new ArrayList<>();
  private long timer = -1;

  HealthProbe(Vertx vertx, int port) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx);
    this.port = port;
  }

  void start() {
    timer = vertx.setPeriodic(200, id -> client.get(port, "127.0.0.1", "/health").timeout(3_000).send()
        .onComplete(answer -> record(answer.succeeded() ? answer.result().statusCode() : 0)));
  }

  private synchronized void record(int status) {
    samples.add(new Sample(System.currentTimeMillis(), status));
  }

  /** The statuses heard between two times. */
  synchronized List<Integer> between(long from, long to) {
    List<Integer> statuses = new ArrayList<>();
    for (Sample sample : samples) {
      if (sample.at() >= from && sample.at() <= to) {
        statuses.add(sample.status());
      }
    }
    return statuses;
  }

  /** The first time after {@code from} that the server said it was ready, or -1. */
  synchronized long firstUpAfter(long from) {
    return samples.stream().filter(sample -> sample.at() >= from && sample.status() == 200).mapToLong(Sample::at)
        .findFirst().orElse(-1);
  }

  void stop() {
    vertx.cancelTimer(timer);
    client.close();
  }
}
