package org.gotrs.drills;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Agents at work: each worker creates a ticket, renames it twice and adds an article, then starts over, one
 * call at a time, and writes every answer into the {@link Ledger}. A worker whose node stops answering moves
 * on to the next node, as a client behind a load balancer would; after a failure it waits a little.
 */
final class TicketLoad {

  private static final long BACKOFF_MS = 100;
  private static final int CLIENT_TIMEOUT_MS = 30_000;

  private final Vertx vertx;
  private final WebClient client;
  private final List<Integer> ports;
  private final Supplier<String> token;
  private final int queueId;
  private final String run;
  private final Ledger ledger;
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicLong requests = new AtomicLong();
  private final List<Future<Void>> workers = new ArrayList<>();
  private volatile boolean running;

  TicketLoad(Vertx vertx, List<Integer> ports, Supplier<String> token, int queueId, String run, Ledger ledger) {
    this.vertx = vertx;
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setConnectTimeout(5_000),
        new PoolOptions().setHttp1MaxSize(64));
    this.ports = ports;
    this.token = token;
    this.queueId = queueId;
    this.run = run;
    this.ledger = ledger;
  }

  void start(int workerCount) {
    running = true;
    for (int i = 0; i < workerCount; i++) {
      Promise<Void> done = Promise.promise();
      int node = i % ports.size();
      vertx.runOnContext(go -> cycle(new Worker(node), done));
      workers.add(done.future());
    }
  }

  /** Stops starting new calls and completes when every call in flight has been answered. */
  Future<Void> stop() {
    running = false;
    return Future.all(workers).<Void>mapEmpty().andThen(done -> client.close());
  }

  long requests() {
    return requests.get();
  }

  private final class Worker {
    int node;

    Worker(int node) {
      this.node = node;
    }

    int port() {
      return ports.get(node);
    }

    void failedOver() {
      node = (node + 1) % ports.size();
    }
  }

  private void cycle(Worker worker, Promise<Void> done) {
    if (!running) {
      done.complete();
      return;
    }
    String title = run + "-" + counter.incrementAndGet();
    JsonObject body = new JsonObject().put("title", title).put("queue_id", queueId)
        .put("article", new JsonObject().put("subject", title).put("body", "drill load " + title));
    call(worker, HttpMethod.POST, "/api/v1/tickets", body)
        .compose(created -> {
          long id = created.succeeded() && created.body() != null ? created.body().getLong("id", 0L) : 0;
          ledger.record(created.as(Ledger.Kind.CREATE, title, id));
          if (id == 0) {
            return pause();
          }
          return rename(worker, id, title + "-u1")
              .compose(ok -> rename(worker, id, title + "-u2"))
              .compose(ok -> call(worker, HttpMethod.POST, "/api/v1/tickets/" + id + "/articles",
                      new JsonObject().put("subject", title + "-a1").put("body", "a reply"))
                  .compose(added -> {
                    ledger.record(added.as(Ledger.Kind.ARTICLE, title + "-a1", id));
                    return added.succeeded() ? Future.succeededFuture() : pause();
                  }));
        })
        .onComplete(next -> cycle(worker, done));
  }

  private Future<Void> rename(Worker worker, long id, String title) {
    return call(worker, HttpMethod.PATCH, "/api/v1/tickets/" + id, new JsonObject().put("title", title))
        .compose(answer -> {
          ledger.record(answer.as(Ledger.Kind.UPDATE, title, id));
          return answer.succeeded() ? Future.succeededFuture() : pause();
        });
  }

  private Future<Void> pause() {
    Promise<Void> waited = Promise.promise();
    vertx.setTimer(BACKOFF_MS, id -> waited.complete());
    return waited.future();
  }

  /** One answer as the ledger keeps it. */
  record Answer(int status, String contentType, JsonObject body, String failure) {
    boolean succeeded() {
      return status >= 200 && status < 300;
    }

    Ledger.Call as(Ledger.Kind kind, String value, long ticketId) {
      return new Ledger.Call(kind, value, ticketId, status, contentType != null
          && contentType.startsWith("application/problem+json"), failure);
    }
  }

  private Future<Answer> call(Worker worker, HttpMethod method, String path, JsonObject body) {
    requests.incrementAndGet();
    return client.request(method, worker.port(), "127.0.0.1", path)
        .bearerTokenAuthentication(token.get())
        .timeout(CLIENT_TIMEOUT_MS)
        .sendJsonObject(body)
        .map(TicketLoad::answer)
        .otherwise(failure -> {
          worker.failedOver();
          return new Answer(0, null, null, failure.getClass().getSimpleName() + ": " + failure.getMessage());
        });
  }

  private static Answer answer(HttpResponse<Buffer> response) {
    JsonObject body = null;
    try {
      body = response.bodyAsJsonObject();
    } catch (RuntimeException notJson) {
      // kept as a failure below
    }
    return new Answer(response.statusCode(), response.getHeader("Content-Type"), body, null);
  }
}
