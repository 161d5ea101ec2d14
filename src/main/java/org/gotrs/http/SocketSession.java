package org.gotrs.http;

import io.netty.handler.codec.http.websocketx.CorruptedWebSocketFrameException;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;

/**
 * What every WebSocket session of this server does whatever it speaks ({@code /ws}, {@code /ws/chat}): frames are
 * JSON objects and come at most so many a second, the client is pinged and given up after two silent heartbeats,
 * a client that lets the write queue fill is cut off, and a close's reason fits RFC 6455's 123 bytes. Each endpoint
 * speaks its own protocol in {@link #onFrame}. Runs on its event loop only.
 */
public abstract class SocketSession {

  /** The client let too much pile up, or fell too far behind; it resumes when it can. */
  public static final short CLOSE_SLOW = 4408;
  /** More frames a second than the endpoint takes. */
  public static final short CLOSE_FLOOD = 4429;
  /** RFC 6455 "going away": the client stopped answering. */
  public static final short CLOSE_GOING_AWAY = 1001;
  /** RFC 6455 "message too big". */
  public static final short CLOSE_TOO_BIG = 1009;
  /** RFC 6455 "internal error": something on our side. */
  public static final short CLOSE_SERVER_ERROR = 1011;
  /** RFC 6455 limits a close frame's reason to 123 bytes of UTF-8. */
  private static final int MAX_REASON_BYTES = 123;
  private static final Buffer PING = Buffer.buffer("gotrs");

  private final ServerWebSocket socket;
  private final int maxFramesPerSecond;
  private boolean closed;
  private long windowStart;
  private int framesInWindow;
  private long lastHeard = System.currentTimeMillis();

  protected SocketSession(ServerWebSocket socket, int maxFramesPerSecond) {
    this.socket = socket;
    this.maxFramesPerSecond = maxFramesPerSecond;
  }

  /**
   * Starts hearing the client: text frames go to {@link #onFrame}, a pong is a sign of life, a broken socket is
   * closed with a code that says why, and {@code onClose} runs once the socket is closed, however that came about.
   */
  public final void open(int maxQueuedBytes, Runnable onClose) {
    socket.setWriteQueueMaxSize(maxQueuedBytes);
    socket.textMessageHandler(this::received);
    socket.pongHandler(pong -> heard());
    socket.exceptionHandler(error -> close(closeCode(error), "connection error"));
    socket.closeHandler(ignored -> {
      closed = true;
      onClose.run();
    });
  }

  /** A JSON object the client sent, within the frame rate. */
  protected abstract void onFrame(JsonObject frame);

  /** The client is cut off for not reading what it was sent: the close reason, telling it where to resume. */
  protected abstract String slowConsumer();

  private void received(String text) {
    heard();
    if (flooding()) {
      close(CLOSE_FLOOD, "too many frames");
      return;
    }
    JsonObject frame;
    try {
      frame = new JsonObject(text);
    } catch (DecodeException | ClassCastException e) {
      send(new JsonObject().put("type", "error").put("code", "bad_request").put("message", "frames are JSON objects")
          .encode());
      return;
    }
    onFrame(frame);
  }

  private boolean flooding() {
    long now = System.currentTimeMillis();
    if (now - windowStart >= 1_000) {
      windowStart = now;
      framesInWindow = 0;
    }
    return ++framesInWindow > maxFramesPerSecond;
  }

  private void heard() {
    lastHeard = System.currentTimeMillis();
  }

  /** Server pings keep idle sockets open through proxies; a client silent for two heartbeats is gone. */
  public final void heartbeat(long now, int heartbeatSeconds) {
    if (lastHeard < now - 2_000L * heartbeatSeconds) {
      close(CLOSE_GOING_AWAY, "no heartbeat");
    } else if (!closed) {
      socket.writePing(PING);
    }
  }

  /** Writes a frame unless the client has let too much pile up, in which case it is cut off. True when written. */
  public boolean send(String frame) {
    if (!closed && !socket.isClosed() && socket.writeQueueFull()) {
      close(CLOSE_SLOW, slowConsumer());
      return false;
    }
    return write(frame);
  }

  /** Writes a frame whatever the write queue holds; the caller bounds how much. True when written. */
  protected final boolean write(String frame) {
    if (closed || socket.isClosed()) {
      // between the client's close and our close handler the socket refuses writes (it throws)
      closed = true;
      return false;
    }
    socket.writeTextMessage(frame);
    return true;
  }

  public final void close(short code, String reason) {
    if (!closed && !socket.isClosed()) {
      socket.close(code, fitted(reason));
    }
    closed = true;
  }

  public final boolean isClosed() {
    return closed;
  }

  protected final ServerWebSocket socket() {
    return socket;
  }

  /** The reason cut to at most 123 bytes of UTF-8, never inside a character. */
  private static String fitted(String reason) {
    CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder();
    ByteBuffer bytes = ByteBuffer.allocate(MAX_REASON_BYTES);
    CharBuffer chars = CharBuffer.wrap(reason);
    encoder.encode(chars, bytes, true);
    return reason.substring(0, chars.position());
  }

  /**
   * What went wrong on the socket, as a close code: a message over the size limit (Vert.x reports it as an
   * IllegalStateException) is 1009, a broken frame the code Netty names; anything else is ours, 1011.
   */
  private static short closeCode(Throwable error) {
    if (error instanceof CorruptedWebSocketFrameException corrupted) {
      return (short) corrupted.closeStatus().code();
    }
    return error instanceof IllegalStateException ? CLOSE_TOO_BIG : CLOSE_SERVER_ERROR;
  }
}
