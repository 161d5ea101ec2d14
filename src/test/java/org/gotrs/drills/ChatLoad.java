package org.gotrs.drills;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Live chats as the contract describes them: a visitor opens {@code /ws/chat} and starts a chat, an agent
 * accepts it and writes over REST, the visitor answers, the agent closes it. Runs only where the server has
 * {@code /api/v1/chats}. A chat whose step times out or is refused is counted, a 5xx is a failure.
 */
final class ChatLoad {

  private static final long STEP_MS = 15_000;

  private final Vertx vertx;
  private final WebClient rest;
  private final WebSocketClient sockets;
  private final int port;
  private final Supplier<String> agentToken;
  private final String queue;
  private final AtomicInteger counter = new AtomicInteger();
  private final AtomicLong completed = new AtomicLong();
  private final AtomicLong incomplete = new AtomicLong();
  private final AtomicLong requests = new AtomicLong();
  private final List<String> failures = new ArrayList<>();
  private final List<Future<Void>> workers = new ArrayList<>();
  private volatile boolean running;

  ChatLoad(Vertx vertx, int port, Supplier<String> agentToken, String queue) {
    this.vertx = vertx;
    this.rest = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
    this.sockets = vertx.createWebSocketClient();
    this.port = port;
    this.agentToken = agentToken;
    this.queue = queue;
  }

  void start(int count) {
    running = true;
    for (int i = 0; i < count; i++) {
      Promise<Void> done = Promise.promise();
      vertx.runOnContext(go -> next(done));
      workers.add(done.future());
    }
  }

  Future<Void> stop() {
    running = false;
    return Future.all(workers).<Void>mapEmpty().andThen(done -> {
      rest.close();
      sockets.close();
    });
  }

  long completed() {
    return completed.get();
  }

  long incomplete() {
    return incomplete.get();
  }

  long requests() {
    return requests.get();
  }

  synchronized List<String> failures() {
    return List.copyOf(failures);
  }

  private void next(Promise<Void> done) {
    if (!running) {
      done.complete();
      return;
    }
    chat(counter.incrementAndGet()).onComplete(finished -> {
      if (finished.succeeded()) {
        completed.incrementAndGet();
      } else {
        incomplete.incrementAndGet();
      }
      next(done);
    });
  }

  private Future<Void> chat(int n) {
    Frames frames = new Frames();
    return sockets.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws/chat"))
        .compose(socket -> {
          frames.socket = socket;
          socket.textMessageHandler(text -> frames.arrived(new JsonObject(text)));
          requests.incrementAndGet();
          return socket.writeTextMessage(new JsonObject().put("type", "chat.start").put("name", "Soak visitor " + n)
                  .put("email", "visitor-" + n + "@soak.example").put("queue", queue).put("message", "hello " + n).encode())
              .compose(sent -> frames.await("chat.queued"));
        })
        .compose(queued -> {
          long chat = queued.getLong("chat_id");
          return agent("/api/v1/chats/" + chat + "/accept", null)
              .compose(accepted -> frames.await("chat.accepted"))
              .compose(accepted -> agent("/api/v1/chats/" + chat + "/messages", new JsonObject().put("text", "agent " + n)))
              .compose(sent -> frames.await("chat.message"))
              .compose(received -> {
                requests.incrementAndGet();
                return frames.socket.writeTextMessage(new JsonObject().put("type", "chat.message")
                    .put("text", "visitor " + n).encode());
              })
              .compose(sent -> agent("/api/v1/chats/" + chat + "/close", null))
              .compose(closed -> frames.await("chat.closed"))
              .<Void>mapEmpty();
        })
        .eventually(() -> frames.socket == null ? Future.succeededFuture() : frames.socket.close());
  }

  private Future<JsonObject> agent(String uri, JsonObject body) {
    requests.incrementAndGet();
    var request = rest.post(uri).bearerTokenAuthentication(agentToken.get()).timeout(STEP_MS);
    return (body == null ? request.send() : request.sendJsonObject(body)).compose(response -> {
      if (response.statusCode() >= 500) {
        failure(uri + " → " + response.statusCode() + " " + response.bodyAsString());
      }
      return response.statusCode() < 300 ? Future.succeededFuture(new JsonObject())
          : Future.failedFuture(uri + " → " + response.statusCode());
    });
  }

  private synchronized void failure(String what) {
    if (failures.size() < 20) {
      failures.add(what);
    }
  }

  /** A visitor's incoming frames, awaited by type with a deadline. */
  private final class Frames {
    WebSocket socket;
    private final List<JsonObject> arrived = new ArrayList<>();
    private Promise<JsonObject> waiting;
    private String waitingFor;

    synchronized void arrived(JsonObject frame) {
      if (waiting != null && waitingFor.equals(frame.getString("type"))) {
        Promise<JsonObject> promise = waiting;
        waiting = null;
        promise.tryComplete(frame);
      } else {
        arrived.add(frame);
      }
    }

    synchronized Future<JsonObject> await(String type) {
      for (JsonObject frame : arrived) {
        if (type.equals(frame.getString("type"))) {
          arrived.remove(frame);
          return Future.succeededFuture(frame);
        }
      }
      Promise<JsonObject> promise = Promise.promise();
      waiting = promise;
      waitingFor = type;
      return promise.future().timeout(STEP_MS, TimeUnit.MILLISECONDS);
    }
  }
}
