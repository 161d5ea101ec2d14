package org.gotrs.drills;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Browser tabs coming and going: connect to {@code /ws}, authenticate, follow the wallboard, leave. Every
 * connection must be answered and, once closed, leave nothing behind on the server.
 */
final class LiveChurn {

  private final Vertx vertx;
  private final WebSocketClient client;
  private final int port;
  private final Supplier<String> token;
  private final AtomicLong opened = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Promise<Void> done = Promise.promise();
  private volatile boolean running;

  LiveChurn(Vertx vertx, int port, Supplier<String> token) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient();
    this.port = port;
    this.token = token;
  }

  void start() {
    running = true;
    vertx.runOnContext(go -> next());
  }

  Future<Void> stop() {
    running = false;
    return done.future().andThen(finished -> client.close());
  }

  long opened() {
    return opened.get();
  }

  long failed() {
    return failed.get();
  }

  private void next() {
    if (!running) {
      done.tryComplete();
      return;
    }
    Promise<Void> subscribed = Promise.promise();
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(port).setURI("/ws"))
        .compose(socket -> {
          opened.incrementAndGet();
          socket.textMessageHandler(text -> {
            JsonObject frame = new JsonObject(text);
            if ("ready".equals(frame.getString("type"))) {
              socket.writeTextMessage(new JsonObject().put("type", "subscribe")
                  .put("topics", new JsonArray().add("wallboard")).encode());
            } else if ("subscribed".equals(frame.getString("type"))) {
              subscribed.tryComplete();
            }
          });
          socket.writeTextMessage(new JsonObject().put("type", "auth").put("token", token.get()).encode());
          return subscribed.future().timeout(10, TimeUnit.SECONDS).eventually(socket::close);
        })
        .onComplete(result -> {
          if (result.failed()) {
            failed.incrementAndGet();
          }
          vertx.setTimer(200, id -> next());
        });
  }
}
