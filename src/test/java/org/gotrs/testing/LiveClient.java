package org.gotrs.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.WebSocket;
import io.vertx.core.http.WebSocketClient;
import io.vertx.core.http.WebSocketConnectOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** A real WebSocket client for tests: frames arrive in a queue the test polls with a deadline. */
public final class LiveClient implements AutoCloseable {

  private final WebSocketClient client;
  private final WebSocket socket;
  private final LinkedBlockingQueue<JsonObject> frames = new LinkedBlockingQueue<>();
  private volatile Short closeCode;
  private volatile String closeReason;

  private LiveClient(WebSocketClient client, WebSocket socket) {
    this.client = client;
    this.socket = socket;
    socket.textMessageHandler(text -> frames.add(new JsonObject(text)));
    socket.closeHandler(closed -> {
      closeCode = socket.closeStatusCode();
      closeReason = socket.closeReason();
    });
  }

  public static LiveClient connect(Vertx vertx, int port, String path) {
    return connect(vertx, port, path, new io.vertx.core.http.WebSocketClientOptions());
  }

  public static LiveClient connect(Vertx vertx, int port, String path, io.vertx.core.http.WebSocketClientOptions options) {
    WebSocketClient client = vertx.createWebSocketClient(options);
    WebSocket socket = TestServer.await(client.connect(new WebSocketConnectOptions().setHost("localhost").setPort(port)
        .setURI(path)));
    return new LiveClient(client, socket);
  }

  /** Connects to /ws, authenticates and returns after the ready frame. */
  public static LiveClient agent(TestServer server, String token) {
    return agent(server, token, new io.vertx.core.http.WebSocketClientOptions());
  }

  public static LiveClient agent(TestServer server, String token, io.vertx.core.http.WebSocketClientOptions options) {
    LiveClient live = connect(server.app().vertx(), server.port(), "/ws", options);
    live.send(new JsonObject().put("type", "auth").put("token", token));
    live.await(frame -> "ready".equals(frame.getString("type")), 10);
    return live;
  }

  public void send(JsonObject frame) {
    TestServer.await(socket.writeTextMessage(frame.encode()));
  }

  public void sendRaw(String text) {
    TestServer.await(socket.writeTextMessage(text));
  }

  public void subscribe(Long since, String... topics) {
    JsonObject frame = new JsonObject().put("type", "subscribe").put("topics", new JsonArray(List.of(topics)));
    if (since != null) {
      frame.put("since", since);
    }
    send(frame);
  }

  /** The next frame matching, skipping others; fails after the timeout. */
  public JsonObject await(Predicate<JsonObject> wanted, int seconds) {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (true) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("no matching frame within " + seconds + " s; close=" + closeCode + " " + closeReason);
      }
      try {
        JsonObject frame = frames.poll(left, TimeUnit.NANOSECONDS);
        if (frame != null && wanted.test(frame)) {
          return frame;
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  /**
   * Every frame up to and including the next one matching. Events reach a client in the order they were committed,
   * so an event caused after another proves that the other, had it been sent, has arrived: the way to show that
   * something was not sent, without waiting for a while and hoping.
   */
  public List<JsonObject> framesUntil(Predicate<JsonObject> last, int seconds) {
    List<JsonObject> received = new ArrayList<>();
    await(frame -> {
      received.add(frame);
      return last.test(frame);
    }, seconds);
    return received;
  }

  public JsonObject awaitEvent(String name, int seconds) {
    return await(frame -> "event".equals(frame.getString("type")) && name.equals(frame.getString("event")), seconds);
  }

  /** Every frame received within the window: for the drills, which collect what a burst of traffic brings. */
  public List<JsonObject> drain(long millis) {
    List<JsonObject> all = new ArrayList<>();
    long deadline = System.currentTimeMillis() + millis;
    while (System.currentTimeMillis() < deadline) {
      try {
        JsonObject frame = frames.poll(deadline - System.currentTimeMillis(), TimeUnit.MILLISECONDS);
        if (frame != null) {
          all.add(frame);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    return all;
  }

  /** Waits until the server closed the connection and returns its close code. */
  public Short awaitClose(int seconds) {
    long deadline = System.currentTimeMillis() + seconds * 1000L;
    while (closeCode == null && System.currentTimeMillis() < deadline) {
      drain(50);
    }
    return closeCode;
  }

  public WebSocket socket() {
    return socket;
  }

  public Short closeCode() {
    return closeCode;
  }

  public String closeReason() {
    return closeReason;
  }

  public boolean isClosed() {
    return socket.isClosed();
  }

  @Override
  public void close() {
    if (!socket.isClosed()) {
      TestServer.await(socket.close());
    }
    TestServer.await(client.close());
  }
}
