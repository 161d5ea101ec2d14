package org.gotrs.realtime;

import io.netty.handler.flush.FlushConsolidationHandler;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.json.JsonObject;
import io.vertx.core.net.impl.ConnectionBase;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;
import org.gotrs.auth.Authenticator;
import org.gotrs.config.Config;
import org.gotrs.db.Reads;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.events.EventRelay;
import org.gotrs.events.EventReplay;
import org.gotrs.http.Endpoint;
import org.gotrs.http.Problem;
import org.gotrs.http.ProblemHandler;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.SavedViews;

/**
 * {@code /ws}: the live stream for agents and wallboards. Each HTTP verticle gets its own {@link Hub}
 * fed by the node's {@link EventRelay}; this class holds what the hubs share.
 */
public final class LiveSockets implements Endpoint {

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(LiveSockets.class);
  private static final long AUTH_TIMEOUT_MS = 10_000;
  /** How often open connections' sessions and keys are checked even when nothing was announced (expiry). */
  private static final long SESSION_CHECK_MS = 5_000;
  /**
   * Where the database's sign-in notices arrive ({@code gotrs_sign_in}: a session ended, an account or key changed):
   * connections are checked at once, not at the next periodic check.
   */
  public static final String SIGN_IN_ADDRESS = "gotrs.live.sign_in";

  private final Pool pool;
  private final Authenticator authenticator;
  private final TopicAccess access;
  private final EventReplay replay;
  private final Reads reads;
  private final Presence presence;
  private final LiveMetrics metrics;
  private final Config.Realtime config;
  private final AtomicLong position;
  private final Function<Set<Integer>, JsonObject> wallboard;
  private final String wallboardChanged;
  private final SavedViews.Tallies viewTallies;

  /**
   * @param wallboard        the wallboard's current numbers of the given queues (all when null)
   * @param wallboardChanged the local event bus address that says when they changed
   * @param viewTallies      an agent's saved views (all, or those named), each counted exactly now
   * @param reads            where replays read: a replica that has everything committed before the resume
   */
  public LiveSockets(Pool pool, Reads reads, Authenticator authenticator, Permissions permissions, Presence presence,
                     LiveMetrics metrics, Config.Realtime config, AtomicLong position,
                     Function<Set<Integer>, JsonObject> wallboard, String wallboardChanged,
                     SavedViews.Tallies viewTallies) {
    this.viewTallies = viewTallies;
    this.wallboardChanged = wallboardChanged;
    this.wallboard = wallboard;
    this.pool = pool;
    this.authenticator = authenticator;
    this.access = new TopicAccess(pool, permissions);
    this.replay = new EventReplay(pool);
    this.reads = reads;
    this.presence = presence;
    this.metrics = metrics;
    this.config = config;
    this.position = position;
  }

  @Override
  public void mount(Router root, Vertx vertx) {
    Hub hub = new Hub(position.get(), metrics);
    ViewPush views = new ViewPush(vertx, hub, viewTallies);
    vertx.eventBus().<String>localConsumer(SavedViews.CHANGED_ADDRESS,
        message -> views.viewsSaved(message.body() == null ? null : UUID.fromString(message.body())));
    EventRelay.listen(vertx, event -> {
      hub.dispatch(event);
      views.heard(event);
      if (event.name() == EventName.PERMISSIONS_CHANGED) {
        recheck(hub, event);
      }
    });
    vertx.eventBus().localConsumer(wallboardChanged, message -> pushStats(hub));
    vertx.setPeriodic(config.heartbeatSeconds() * 1_000L, id -> heartbeat(hub));
    vertx.setPeriodic(SESSION_CHECK_MS, id -> checkSessions(hub));
    vertx.eventBus().localConsumer(SIGN_IN_ADDRESS, message -> {
      checkSessions(hub);
      // a customer user moved to another company may have lost tickets it follows
      hub.forUser(null, connection -> {
        if (connection.principal() != null && connection.principal().isCustomer()) {
          recheck(connection);
        }
      });
    });
    root.get("/ws").handler(ctx -> upgrade(ctx, vertx, hub, views));
  }

  private void upgrade(RoutingContext ctx, Vertx vertx, Hub hub, ViewPush views) {
    if (!metrics.open(config.maxConnections())) {
      ProblemHandler.write(ctx, Problem.unavailable("this node is at its connection limit; try another"));
      return;
    }
    HttpConnection http = ctx.request().connection();
    ctx.request().toWebSocket().onSuccess(socket -> {
      gatherFlushes(http);
      LiveConnection connection = new LiveConnection(socket, this, hub, views);
      hub.join(connection);
      connection.open(config.maxQueuedBytes(), () -> {
        hub.leave(connection);
        views.left(connection);
        metrics.closed();
        if (connection.principal() != null) {
          presence.disconnected(connection.id());
        }
      });
      vertx.setTimer(AUTH_TIMEOUT_MS, id -> {
        if (connection.principal() == null) {
          connection.close(LiveConnection.CLOSE_UNAUTHORIZED, "no authentication within 10 s");
        }
      });
    }).onFailure(failure -> metrics.closed());
  }

  /**
   * A burst of frames for one client (events queued one behind the other on the loop, a replayed backlog) leaves
   * in one write instead of one system call per frame: a flush waits until the loop has run the tasks already
   * queued, so under load the writes gather by themselves, and when idle a frame leaves on the loop's next turn.
   * This reaches into Vert.x's connection for its Netty pipeline; should that ever not be there, frames are
   * flushed one by one as before.
   */
  private static void gatherFlushes(HttpConnection connection) {
    if (connection instanceof ConnectionBase base) {
      base.channel().pipeline().addFirst("gotrs-gathered-flushes",
          new FlushConsolidationHandler(FlushConsolidationHandler.DEFAULT_EXPLICIT_FLUSH_AFTER_FLUSHES, true));
    }
  }

  private void heartbeat(Hub hub) {
    long now = System.currentTimeMillis();
    hub.forUser(null, connection -> connection.heartbeat(now, config.heartbeatSeconds()));
  }

  /** Connections whose session was revoked (logout, deactivation) or whose API key was removed are closed. */
  private void checkSessions(Hub hub) {
    List<LiveConnection> connections = new ArrayList<>();
    List<String> sessions = new ArrayList<>();
    List<UUID> keys = new ArrayList<>();
    hub.forUser(null, connection -> {
      if (connection.principal() != null) {
        connections.add(connection);
        if (connection.principal().sessionId() != null) {
          sessions.add(connection.principal().sessionId());
        }
        if (connection.principal().apiKeyId() != null) {
          keys.add(connection.principal().apiKeyId());
        }
      }
    });
    if (connections.isEmpty()) {
      return;
    }
    pool.preparedQuery("""
            SELECT id FROM sessions WHERE id = ANY ($1) AND expires_at > now()
            UNION ALL
            SELECT k.id::text FROM api_keys k JOIN users u ON u.id = k.user_id AND u.valid_id = 1
             WHERE k.id = ANY ($2) AND (k.expires_at IS NULL OR k.expires_at > now())""")
        .execute(Tuple.tuple().addArrayOfString(sessions.toArray(new String[0])).addArrayOfUUID(keys.toArray(new UUID[0])))
        .onSuccess(rows -> {
          java.util.Set<String> alive = new java.util.HashSet<>();
          rows.forEach(row -> alive.add(row.getString(0)));
          for (LiveConnection connection : connections) {
            var principal = connection.principal();
            String credential = principal.sessionId() != null ? principal.sessionId()
                : principal.apiKeyId() != null ? principal.apiKeyId().toString() : null;
            if (credential != null && !alive.contains(credential)) {
              connection.close(LiveConnection.CLOSE_UNAUTHORIZED, "the session has ended");
            }
          }
        })
        .onFailure(failure -> LOG.warn("checking the live connections' sessions failed: {}", failure.toString()));
  }

  /** After a group, role or membership change, every affected subscription is checked again. */
  private void recheck(Hub hub, CommittedEvent event) {
    String user = event.data() == null ? null : event.data().getString("user_id");
    UUID userId = user == null ? null : UUID.fromString(user);
    hub.forUser(userId, this::recheck);
  }

  /** What the connection may see is read again, and each of its subscriptions checked; those it lost end. */
  private void recheck(LiveConnection connection) {
    if (connection.principal() == null) {
      return;
    }
    access.viewer(connection.principal()).onSuccess(viewer -> {
      connection.renew(viewer);
      for (String topic : List.copyOf(connection.topics())) {
        access.check(connection.principal(), topic).onSuccess(decision -> {
          if (!decision.allowed()) {
            connection.revoke(topic);
          }
        });
      }
    });
  }

  void online(LiveConnection connection) {
    if (connection.principal().isAgent()) {
      presence.connected(connection.id(), connection.principal().userId());
    }
  }

  /** {@code {"type":"presence","ticket_id":42,"state":"viewing"|"composing"|"left"}}. */
  void presence(LiveConnection connection, JsonObject frame) {
    Object ticket = frame.getValue("ticket_id");
    Object state = frame.getValue("state");
    if (!(ticket instanceof Number number) || !(state instanceof String name)
        || !List.of("viewing", "composing", "left").contains(name) || !connection.principal().isAgent()) {
      connection.error("bad_request", "presence needs ticket_id and a state of viewing, composing or left", null);
      return;
    }
    long ticketId = number.longValue();
    access.check(connection.principal(), "ticket:" + ticketId).onSuccess(decision -> {
      if (!decision.allowed()) {
        connection.error("forbidden", "not allowed", "ticket:" + ticketId);
        return;
      }
      presence.set(connection.id(), connection.principal().userId(), ticketId, name);
    });
  }

  Authenticator authenticator() {
    return authenticator;
  }

  TopicAccess access() {
    return access;
  }

  EventReplay replay() {
    return replay;
  }

  /**
   * The retained events after {@code since} on the topics, as {@link EventReplay#after} reads them, from a replica
   * that has replayed everything committed before this call; should the replica fail on the way, the primary goes
   * on from the last event handed over.
   */
  Future<Void> replay(long since, List<String> topics, Consumer<CommittedEvent> sink, Supplier<Future<Void>> ready) {
    AtomicLong handed = new AtomicLong(since);
    return reads.current(pool -> new EventReplay(pool).after(handed.get(), topics, event -> {
      handed.set(event.seq());
      sink.accept(event);
    }, ready));
  }

  /** The new numbers for every wallboard subscriber, each of the queues it may see; made once per set of queues. */
  private void pushStats(Hub hub) {
    Map<Set<Integer>, String> frames = new HashMap<>();
    hub.broadcast("wallboard", connection -> connection.viewer() == null ? null
        : frames.computeIfAbsent(connection.viewer().wallboardQueues(), this::statsFrame));
  }

  private String statsFrame(Set<Integer> queues) {
    JsonObject stats = wallboard.apply(queues);
    return new JsonObject().put("type", "event").put("seq", stats.getLong("seq", 0L)).put("topic", "wallboard")
        .put("event", EventName.STATS_UPDATED.wire()).put("at", stats.getString("at")).put("data", stats).encode();
  }

  /** The current wallboard frame for this viewer, sent when it subscribes to {@code wallboard}. */
  String currentStats(Viewer viewer) {
    return statsFrame(viewer.wallboardQueues());
  }

  long position() {
    return position.get();
  }

  LiveMetrics metrics() {
    return metrics;
  }
}
