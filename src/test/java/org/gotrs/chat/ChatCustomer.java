package org.gotrs.chat;

import io.vertx.core.json.JsonObject;
import org.gotrs.testing.LiveClient;
import org.gotrs.testing.TestServer;

/** A customer's browser on /ws/chat, for tests: frames in, frames out, awaited with a deadline. */
final class ChatCustomer implements AutoCloseable {

  private final LiveClient socket;

  private ChatCustomer(LiveClient socket) {
    this.socket = socket;
  }

  /** Connects; the chat.availability greeting may come before the test client listens, so it is not awaited. */
  static ChatCustomer connect(TestServer server) {
    return new ChatCustomer(LiveClient.connect(server.app().vertx(), server.port(), "/ws/chat"));
  }

  /** Starts a chat and returns the chat.queued frame. */
  JsonObject start(String name, String email, String queue, String message) {
    JsonObject frame = new JsonObject().put("type", "chat.start").put("name", name).put("email", email);
    if (queue != null) {
      frame.put("queue", queue);
    }
    if (message != null) {
      frame.put("message", message);
    }
    return start(frame);
  }

  /** Sends a chat.start frame as given and returns the chat.queued answer. */
  JsonObject start(JsonObject frame) {
    send(frame);
    JsonObject answer = socket.await(reply -> "chat.queued".equals(reply.getString("type"))
        || "error".equals(reply.getString("type")), 10);
    if (!"chat.queued".equals(answer.getString("type"))) {
      throw new AssertionError("chat.start failed: " + answer.encode());
    }
    return answer;
  }

  void say(String text) {
    send(new JsonObject().put("type", "chat.message").put("text", text));
  }

  void send(JsonObject frame) {
    socket.send(frame);
  }

  /** The next frame of the type, skipping others. */
  JsonObject await(String type) {
    return socket.await(frame -> type.equals(frame.getString("type")), 10);
  }

  /** The next chat.message from the given side. */
  JsonObject awaitMessageFrom(String from) {
    return socket.await(frame -> "chat.message".equals(frame.getString("type")) && from.equals(frame.getString("from")), 10);
  }

  LiveClient socket() {
    return socket;
  }

  @Override
  public void close() {
    socket.close();
  }
}
