package org.gotrs.drills;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Scripts reading through the API with an API key: queue pages, single tickets, their articles, full-text
 * searches, the wallboard. Counts answers by class; any 5xx or missing answer is a failure.
 */
final class ApiReaders {

  private static final List<String> WORDS = List.of("printer", "invoice", "drill", "load", "reply", "network");

  private final Vertx vertx;
  private final WebClient client;
  private final int port;
  private final String apiKey;
  private final int queueId;
  private final Ledger ledger;
  private final AtomicLong ok = new AtomicLong();
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final List<Future<Void>> workers = new ArrayList<>();
  private final List<String> failures = new ArrayList<>();
  private volatile boolean running;

  ApiReaders(Vertx vertx, int port, String apiKey, int queueId, Ledger ledger) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port),
        new PoolOptions().setHttp1MaxSize(16));
    this.port = port;
    this.apiKey = apiKey;
    this.queueId = queueId;
    this.ledger = ledger;
  }

  void start(int count) {
    running = true;
    for (int i = 0; i < count; i++) {
      Promise<Void> done = Promise.promise();
      Random random = new Random(i);
      vertx.runOnContext(go -> read(random, done));
      workers.add(done.future());
    }
  }

  Future<Void> stop() {
    running = false;
    return Future.all(workers).<Void>mapEmpty().andThen(done -> client.close());
  }

  long requests() {
    return ok.get() + rejected.get() + failed.get();
  }

  long failed() {
    return failed.get();
  }

  long rejected() {
    return rejected.get();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  private void read(Random random, Promise<Void> done) {
    if (!running) {
      done.complete();
      return;
    }
    long ticket = ledger.anyTicket(random);
    String uri = switch (random.nextInt(6)) {
      case 0 -> "/api/v1/tickets?queue_id=" + queueId + "&limit=25";
      case 1 -> ticket > 0 ? "/api/v1/tickets/" + ticket : "/api/v1/tickets";
      case 2 -> ticket > 0 ? "/api/v1/tickets/" + ticket + "/articles" : "/api/v1/queues";
      case 3 -> "/api/v1/tickets?q=" + WORDS.get(random.nextInt(WORDS.size()));
      case 4 -> "/api/v1/stats/wallboard";
      default -> "/api/v1/queues";
    };
    client.get(port, "127.0.0.1", uri).putHeader("X-API-Key", apiKey).timeout(30_000).send()
        .onComplete(answer -> {
          if (answer.failed()) {
            failure(uri + ": " + answer.cause().getMessage());
          } else if (answer.result().statusCode() >= 500) {
            failure(uri + ": " + answer.result().statusCode() + " " + answer.result().bodyAsString());
          } else if (answer.result().statusCode() >= 400) {
            rejected.incrementAndGet();
          } else {
            ok.incrementAndGet();
          }
          read(random, done);
        });
  }

  private synchronized void failure(String what) {
    failed.incrementAndGet();
    if (failures.size() < 20) {
      failures.add(what);
    }
  }
}
