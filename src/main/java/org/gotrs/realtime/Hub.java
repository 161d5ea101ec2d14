package org.gotrs.realtime;

import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.gotrs.events.CommittedEvent;
import org.gotrs.http.SocketSession;
import org.gotrs.http.SocketHub;

/**
 * The live connections of one event loop and the topics they follow. Everything here runs on that loop,
 * so it needs no locks; the relay's events reach it in sequence order through the local event bus.
 */
final class Hub extends SocketHub<String, LiveConnection> {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Hub.class);

  private final LiveMetrics metrics;
  private long lastDispatched;

  Hub(long position, LiveMetrics metrics) {
    this.lastDispatched = position;
    this.metrics = metrics;
  }

  /** The newest sequence number handed to this loop's connections: a live subscription starts after it. */
  long lastDispatched() {
    return lastDispatched;
  }

  void dispatch(CommittedEvent event) {
    lastDispatched = Math.max(lastDispatched, event.seq());
    for (String topic : event.topics()) {
      List<LiveConnection> subscribers = following(topic);
      if (!subscribers.isEmpty()) {
        String frame = LiveFrames.event(event, topic, event.data());
        int written = 0;
        for (LiveConnection connection : subscribers) {
          written += isolated(connection, () -> connection.deliver(topic, event, frame)) ? 1 : 0;
        }
        metrics.delivered(event.at(), written);
      }
    }
  }

  /**
   * A frame for every subscriber of the topic, outside the event sequence (the wallboard's numbers), made for each
   * by {@code frameFor} (null: nothing for that one).
   */
  void broadcast(String topic, java.util.function.Function<LiveConnection, String> frameFor) {
    for (LiveConnection connection : following(topic)) {
      isolated(connection, () -> {
        String frame = frameFor.apply(connection);
        return frame != null && connection.send(frame);
      });
    }
  }

  /**
   * One connection's trouble must not cost the others their event: a failure while writing to it closes that
   * connection (its client resumes with since) and the loop goes on.
   */
  private static boolean isolated(LiveConnection connection, java.util.function.BooleanSupplier delivery) {
    try {
      return delivery.getAsBoolean();
    } catch (RuntimeException failure) {
      LOG.warn("closing live connection {} after a failed write: {}", connection.id(), failure.toString());
      connection.close(SocketSession.CLOSE_SERVER_ERROR, "delivery failed; resume since your last seq");
      return false;
    }
  }

  /** The connections following the topic now (a copy). */
  List<LiveConnection> subscribers(String topic) {
    return following(topic);
  }

  void leave(LiveConnection connection) {
    leave(connection, connection.topics());
  }

  /** Runs the action for every connection of the user (all connections when {@code user} is null). */
  void forUser(UUID user, Consumer<LiveConnection> action) {
    for (LiveConnection connection : all()) {
      if (user == null || user.equals(connection.userId())) {
        action.accept(connection);
      }
    }
  }
}
