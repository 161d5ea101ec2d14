package org.gotrs.realtime;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.gotrs.events.CommittedEvent;
import org.gotrs.http.Problem;
import org.gotrs.http.SocketSession;
import org.gotrs.permission.Principal;

/**
 * One {@code /ws} connection: first-frame authentication, subscriptions with resume ({@code since}), live
 * delivery once per subscription, presence, ping. Runs on its event loop only.
 */
final class LiveConnection extends SocketSession {

  static final short CLOSE_UNAUTHORIZED = 4401;
  /** RFC 6455 "try again later": the server could not check the credentials (e.g. its database is away). */
  static final short CLOSE_TRY_AGAIN = 1013;
  private static final int MAX_FRAMES_PER_SECOND = 50;
  private static final int MAX_TOPICS = 200;
  private static final int MAX_BUFFERED = 10_000;
  /** The longest a permission check or the log's horizon may take before the client is told to retry. */
  private static final long CHECK_TIMEOUT_SECONDS = 15;
  /** The longest a whole replay may take before the connection ends and the client resumes from where it got. */
  private static final long REPLAY_TIMEOUT_SECONDS = 120;

  private final UUID id = UUID.randomUUID();
  private final LiveSockets sockets;
  private final Hub hub;
  private final ViewPush views;
  /** Topic → newest sequence number delivered on it. */
  private final Map<String, Long> delivered = new HashMap<>();
  /** Topics being replayed → live events that arrived meanwhile. */
  private final Map<String, List<CommittedEvent>> replaying = new HashMap<>();
  private Principal principal;
  /** What this connection may see; set with the principal, renewed when its permissions change. */
  private Viewer viewer;

  LiveConnection(ServerWebSocket socket, LiveSockets sockets, Hub hub, ViewPush views) {
    super(socket, MAX_FRAMES_PER_SECOND);
    this.sockets = sockets;
    this.hub = hub;
    this.views = views;
  }

  UUID id() {
    return id;
  }

  UUID userId() {
    return principal == null ? null : principal.userId();
  }

  Principal principal() {
    return principal;
  }

  Set<String> topics() {
    return delivered.keySet();
  }

  @Override
  protected void onFrame(JsonObject frame) {
    String type = frame.getValue("type") instanceof String value ? value : "";
    if (principal == null) {
      if (type.equals("auth")) {
        authenticate(frame);
      } else if (type.equals("ping")) {
        send(new JsonObject().put("type", "pong").encode());
      } else {
        close(CLOSE_UNAUTHORIZED, "authenticate first");
      }
      return;
    }
    switch (type) {
      case "subscribe" -> subscribe(frame);
      case "unsubscribe" -> unsubscribe(frame);
      case "presence" -> sockets.presence(this, frame);
      case "ping" -> send(new JsonObject().put("type", "pong").encode());
      default -> error("unknown_type", "unknown frame type", null);
    }
  }

  private void authenticate(JsonObject frame) {
    Object token = frame.getValue("token");
    Object apiKey = frame.getValue("api_key");
    Future<Principal> who = token instanceof String t ? sockets.authenticator().byAccessToken(t)
        : apiKey instanceof String k ? sockets.authenticator().byApiKey(k, socket().remoteAddress() == null ? null
            : socket().remoteAddress().hostAddress(), socket().headers().get("User-Agent"))
        : Future.<Principal>failedFuture(Problem.unauthorized("no credentials"));
    who.compose(principal -> sockets.access().viewer(principal)).onSuccess(viewer -> {
      if (isClosed()) {
        return;
      }
      this.viewer = viewer;
      this.principal = viewer.principal();
      // a wallboard on a TV is nobody at work: it does not count as an agent online
      if (!"wallboard".equals(frame.getValue("client"))) {
        sockets.online(this);
      }
      send(new JsonObject().put("type", "ready").put("seq", Math.max(hub.lastDispatched(), sockets.position())).put("user", new JsonObject()
          .put("id", principal.subject()).put("login", principal.login())
          .put("kind", principal.kind().name().toLowerCase()).put("admin", principal.admin())).encode());
    }).onFailure(failure -> {
      if (failure instanceof Problem problem && problem.status() == 401) {
        close(CLOSE_UNAUTHORIZED, "authentication failed");
      } else {
        close(CLOSE_TRY_AGAIN, "the server cannot check credentials right now; reconnect shortly");
      }
    });
  }

  private void subscribe(JsonObject frame) {
    if (!(frame.getValue("topics") instanceof JsonArray requested) || requested.isEmpty()) {
      error("bad_request", "topics must be a non-empty list", null);
      return;
    }
    Object sinceValue = frame.getValue("since");
    if (sinceValue != null && !(sinceValue instanceof Number)) {
      error("bad_request", "since must be a sequence number", null);
      return;
    }
    if (delivered.size() + requested.size() > MAX_TOPICS) {
      error("bad_request", "at most " + MAX_TOPICS + " topics per connection", null);
      return;
    }
    Long since = sinceValue == null ? null : ((Number) sinceValue).longValue();
    List<Future<TopicAccess.Decision>> checks = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Object topic : requested) {
      names.add(topic instanceof String name ? name : null);
      // A check the database never answers (an overloaded pool can lose one) must not leave the client waiting
      // for ever: it becomes an "unavailable" error, and the client subscribes again.
      checks.add(sockets.access().check(principal, topic instanceof String name ? name : null)
          .timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    }
    Future.join(checks).onComplete(done -> {
      if (isClosed()) {
        return;
      }
      List<String> allowed = new ArrayList<>();
      for (int i = 0; i < checks.size(); i++) {
        var decision = checks.get(i).result();
        if (decision == null) {
          error("unavailable", "the permission check failed; subscribe again shortly", names.get(i));
        } else if (!decision.allowed()) {
          error(decision.error(), "not allowed", names.get(i));
        } else {
          if (!delivered.containsKey(decision.topic())) {
            allowed.add(decision.topic());
          }
        }
      }
      if (allowed.isEmpty()) {
        return;
      }
      if (since == null) {
        allowed.forEach(topic -> follow(topic, hub.lastDispatched()));
        send(new JsonObject().put("type", "subscribed").put("topics", new JsonArray(allowed)).encode());
      } else {
        resume(allowed, since);
      }
      String stats = allowed.contains("wallboard") ? sockets.currentStats(viewer) : null;
      if (stats != null) {
        send(stats);
      }
      if (allowed.contains(ViewPush.TOPIC)) {
        views.subscribed(this);
      }
    });
  }

  private void follow(String topic, long after) {
    delivered.put(topic, after);
    hub.subscribe(this, topic);
  }

  /** Replays what was missed, buffering live events meanwhile, then joins the live stream without gap or repeat. */
  private void resume(List<String> topics, long since) {
    topics.forEach(topic -> {
      replaying.put(topic, new ArrayList<>());
      follow(topic, since);
    });
    sockets.replay().horizon().timeout(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS).compose(prunedThrough -> {
      if (since < prunedThrough) {
        topics.forEach(topic -> {
          replaying.remove(topic);
          delivered.put(topic, hub.lastDispatched());
          send(new JsonObject().put("type", "resync").put("topic", topic).encode());
        });
        return Future.succeededFuture();
      }
      // Live events wait in the buffer until the replay has drained, then follow it; a replay that stalls ends
      // the connection (1011 below) and the client resumes from the last event it got.
      return sockets.replay(since, topics, this::replayed, this::drained)
          .compose(replayedAll -> drained())
          .timeout(REPLAY_TIMEOUT_SECONDS, TimeUnit.SECONDS).map(done -> {
            for (String topic : topics) {
              List<CommittedEvent> buffered = replaying.remove(topic);
              if (buffered != null) {
                buffered.forEach(event -> sendCounted(topic, event));
              }
            }
            return null;
          });
    }).onSuccess(done -> write(new JsonObject().put("type", "subscribed").put("topics", new JsonArray(topics)).encode()))
        .onFailure(failure -> close(CLOSE_SERVER_ERROR, "replay failed; resubscribe"));
  }

  private void replayed(CommittedEvent event) {
    for (String topic : event.topics()) {
      if (replaying.containsKey(topic)) {
        sendCounted(topic, event);
      }
    }
  }

  private void unsubscribe(JsonObject frame) {
    if (frame.getValue("topics") instanceof JsonArray topics) {
      for (Object topic : topics) {
        if (topic instanceof String name) {
          String canonical = name.equals("agent") && principal.isAgent() ? "agent:" + principal.userId() : name;
          delivered.remove(canonical);
          replaying.remove(canonical);
          hub.unsubscribe(this, canonical);
          if (canonical.equals(ViewPush.TOPIC)) {
            views.left(this);
          }
        }
      }
    }
  }

  /**
   * A live event on one of this connection's topics, with its frame (encoded once for all subscribers).
   * True when the frame was written now.
   */
  boolean deliver(String topic, CommittedEvent event, String frame) {
    List<CommittedEvent> buffer = replaying.get(topic);
    if (buffer != null) {
      if (buffer.size() >= MAX_BUFFERED) {
        close(CLOSE_SLOW, "too far behind; resume since " + delivered.getOrDefault(topic, 0L));
        return false;
      }
      buffer.add(event);
      return false;
    }
    return send(topic, event, frame);
  }

  /**
   * A replayed or buffered event. A backlog arrives faster than any client reads, so these frames are written
   * past the queue limit rather than cutting the client off: the amount is bounded (one replay page, or the
   * live events buffered meanwhile), and the replay reads its next page only once the queue has drained.
   */
  private void sendCounted(String topic, CommittedEvent event) {
    String frame = frameFor(topic, event, null);
    if (frame != null && write(frame)) {
      sockets.metrics().delivered(event.at(), 1);
    }
  }

  /** Completes when the client has taken in what was written (at once unless the write queue is full). */
  private Future<Void> drained() {
    if (isClosed() || socket().isClosed() || !socket().writeQueueFull()) {
      return Future.succeededFuture();
    }
    Promise<Void> drained = Promise.promise();
    socket().drainHandler(ignored -> {
      socket().drainHandler(null);
      drained.tryComplete();
    });
    return drained.future();
  }

  /** What this connection may see now; its permissions changed, so its subscriptions are checked again. */
  void renew(Viewer renewed) {
    viewer = renewed;
  }

  Viewer viewer() {
    return viewer;
  }

  private boolean send(String topic, CommittedEvent event, String shared) {
    String frame = frameFor(topic, event, shared);
    return frame != null && send(frame);
  }

  /**
   * The frame this connection receives for an event new on the topic, or null when the event is old here or not
   * for this viewer (it counts as delivered all the same, so a resume never asks for it again). The frame
   * {@code shared} by every subscriber who sees the whole event is reused; a reduced view is encoded for this one.
   */
  private String frameFor(String topic, CommittedEvent event, String shared) {
    Long last = delivered.get(topic);
    if (last == null || event.seq() <= last) {
      return null;
    }
    delivered.put(topic, event.seq());
    JsonObject shown = EventVisibility.of(viewer, topic, event);
    if (shown == null) {
      return null;
    }
    return shown == event.data() && shared != null ? shared : LiveFrames.event(event, topic, shown);
  }

  /** Drops a topic the user may no longer read. */
  void revoke(String topic) {
    if (delivered.remove(topic) != null) {
      replaying.remove(topic);
      hub.unsubscribe(this, topic);
      error("forbidden", "access to this topic was revoked", topic);
    }
  }

  void error(String code, String message, String topic) {
    JsonObject frame = new JsonObject().put("type", "error").put("code", code).put("message", message);
    if (topic != null) {
      frame.put("topic", topic);
    }
    send(frame.encode());
  }

  /** A client cut off for not reading resumes from the oldest event it may have missed. */
  @Override
  protected String slowConsumer() {
    sockets.metrics().slowConsumer();
    long resumeFrom = delivered.values().stream().mapToLong(Long::longValue).min().orElse(hub.lastDispatched());
    return "slow consumer; resume since " + resumeFrom;
  }
}
