package org.gotrs.drills;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.function.Supplier;

/**
 * A live-stream subscriber of one topic that behaves as the web UI should: it remembers the last sequence
 * number it saw and, whenever its connection ends, connects again (to the next node if its own is gone) and
 * resumes with {@code since}. It keeps every sequence number it received, so a drill can compare them with
 * the event log: nothing missing, nothing twice, all in order.
 */
final class EventWatcher {

  private static final long RETRY_MS = 250;

  private final Vertx vertx;
  private final WebSocketClient client;
  private final List<Integer> ports;
  private final Supplier<String> token;
  private final String topic;
  private final List<Long> received = new ArrayList<>();
  private final Set<Long> seen = new HashSet<>();
  private final List<String> closeCodes = new ArrayList<>();
  private final List<String> errors = new ArrayList<>();
  private int node;
  private long startSeq = -1;
  private long last;
  private int duplicates;
  private int outOfOrder;
  private int resumes;
  private int resyncs;
  private boolean closing;
  private WebSocket socket;
  private final io.vertx.core.Promise<Void> firstSubscription = io.vertx.core.Promise.promise();

  EventWatcher(Vertx vertx, List<Integer> ports, Supplier<String> token, String topic) {
    this.vertx = vertx;
    this.client = vertx.createWebSocketClient();
    this.ports = ports;
    this.token = token;
    this.topic = topic;
  }

  /** Connects the first time and completes once subscribed; the start is the newest seq the server names. */
  Future<Void> open(int node) {
    this.node = node;
    connect();
    return firstSubscription.future();
  }

  private void connect() {
    client.connect(new WebSocketConnectOptions().setHost("127.0.0.1").setPort(ports.get(node)).setURI("/ws"))
        .onComplete(attempt -> {
          if (attempt.failed()) {
            synchronized (this) {
              node = (node + 1) % ports.size();
            }
            retry();
            return;
          }
          WebSocket ws = attempt.result();
          synchronized (this) {
            socket = ws;
          }
          ws.textMessageHandler(text -> onFrame(ws, new JsonObject(text)));
          ws.closeHandler(closed -> onClose(ws));
          ws.writeTextMessage(new JsonObject().put("type", "auth").put("token", token.get()).encode());
        });
  }

  private void retry() {
    synchronized (this) {
      if (closing) {
        return;
      }
      resumes++;
    }
    vertx.setTimer(RETRY_MS, id -> connect());
  }

  private synchronized void onFrame(WebSocket ws, JsonObject frame) {
    switch (frame.getString("type", "")) {
      case "ready" -> {
        if (startSeq < 0) {
          startSeq = frame.getLong("seq");
          last = startSeq;
        }
        ws.writeTextMessage(new JsonObject().put("type", "subscribe").put("topics", new JsonArray().add(topic))
            .put("since", last).encode());
      }
      case "subscribed" -> firstSubscription.tryComplete();
      case "event" -> {
        if (!topic.equals(frame.getString("topic"))) {
          return;
        }
        long seq = frame.getLong("seq");
        if (!seen.add(seq)) {
          duplicates++;
        } else if (seq < last) {
          outOfOrder++;
        }
        received.add(seq);
        last = Math.max(last, seq);
      }
      case "resync" -> resyncs++;
      case "error" -> {
        errors.add(frame.getString("code") + ": " + frame.getString("message"));
        ws.close();
      }
      default -> { }
    }
  }

  private void onClose(WebSocket ws) {
    synchronized (this) {
      if (ws != socket) {
        return;
      }
      socket = null;
      closeCodes.add(String.valueOf(ws.closeStatusCode()));
    }
    retry();
  }

  /** Ends the connection from the client side, as a laptop that lost its network would; it comes back by itself. */
  synchronized void drop() {
    if (socket != null) {
      socket.close();
    }
  }

  synchronized long startSeq() {
    return startSeq;
  }

  synchronized long last() {
    return last;
  }

  synchronized List<Long> received() {
    return List.copyOf(received);
  }

  synchronized int duplicates() {
    return duplicates;
  }

  synchronized int outOfOrder() {
    return outOfOrder;
  }

  /** Connection attempts after the first one. */
  synchronized int resumes() {
    return resumes;
  }

  synchronized int resyncs() {
    return resyncs;
  }

  synchronized List<String> closeCodes() {
    return List.copyOf(closeCodes);
  }

  synchronized List<String> errors() {
    return List.copyOf(errors);
  }

  /** What its connection went through, for a failure message: resumes, the last close codes and errors. */
  synchronized String history() {
    return (socket == null ? "not connected" : "connected") + ", " + resumes + " reconnects, " + resyncs
        + " resyncs, last close codes " + closeCodes.subList(Math.max(0, closeCodes.size() - 5), closeCodes.size())
        + ", last errors " + errors.subList(Math.max(0, errors.size() - 3), errors.size());
  }

  String topic() {
    return topic;
  }

  Future<Void> close() {
    WebSocket ws;
    synchronized (this) {
      closing = true;
      ws = socket;
    }
    return (ws == null ? Future.<Void>succeededFuture() : ws.close()).eventually(client::close);
  }
}
