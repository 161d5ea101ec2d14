package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.gotrs.auth.Authenticator;
import org.gotrs.config.Config;
import org.gotrs.events.EventRelay;
import org.gotrs.http.Endpoint;
import org.gotrs.http.Problem;
import org.gotrs.http.ProblemHandler;
import org.gotrs.http.RateLimiter;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.gotrs.realtime.LiveMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code /ws/chat}: the customers' chat sockets. Each HTTP verticle gets its own {@link ChatHub} fed by the
 * node's event relay; this class holds what the hubs share: the service, the origin policy and the per-address
 * limits on chat starts and messages.
 */
public final class ChatSockets implements Endpoint {

  private static final Logger LOG = LoggerFactory.getLogger(ChatSockets.class);
  private static final long POSITION_REFRESH_MS = 1_000;
  /** How often this node looks for chat offers that have run out (offers last seconds, so within a second). */
  private static final long OFFER_SWEEP_MS = 500;

  private final ChatService chats;
  private final Authenticator authenticator;
  private final OriginPolicy origins;
  private final RateLimiter starts;
  private final RateLimiter messages;
  private final Config.Realtime realtime;
  /** Customers' sockets count against the node's connection limit with the agents'. */
  private final LiveMetrics connections;
  /** One sweeper per node for abandoned chats and run-out offers; any node's sweep serves the whole cluster. */
  private final AtomicBoolean sweeping = new AtomicBoolean();

  public ChatSockets(ChatService chats, Authenticator authenticator, Config.Realtime realtime, LiveMetrics connections,
                     Clock clock) {
    this.chats = chats;
    this.authenticator = authenticator;
    this.realtime = realtime;
    this.connections = connections;
    Config.Chat config = chats.config();
    this.origins = new OriginPolicy(config.allowedOrigins());
    this.starts = new RateLimiter(config.startsPerMinute(), Duration.ofMinutes(1), clock, 100_000);
    this.messages = new RateLimiter(config.messagesPerMinute(), Duration.ofMinutes(1), clock, 100_000);
  }

  @Override
  public void mount(Router root, Vertx vertx) {
    ChatHub hub = new ChatHub();
    EventRelay.listen(vertx, hub::dispatch);
    vertx.setPeriodic(POSITION_REFRESH_MS, id -> refreshPositions(hub));
    vertx.setPeriodic(realtime.heartbeatSeconds() * 1_000L, id -> heartbeat(hub));
    long presenceMillis = Math.max(1_000L, chats.config().abandonAfterSeconds() * 1_000L / 3);
    vertx.setPeriodic(presenceMillis, id -> chats.seen(hub.chatIds()));
    if (sweeping.compareAndSet(false, true)) {
      vertx.setPeriodic(presenceMillis, id -> chats.closeAbandoned()
          .onFailure(failure -> LOG.debug("closing abandoned chats failed: {}", failure.getMessage())));
      vertx.setPeriodic(OFFER_SWEEP_MS, id -> chats.offers().moveRunOut()
          .onFailure(failure -> LOG.debug("moving run-out chat offers on failed: {}", failure.getMessage())));
    }
    root.get("/ws/chat").handler(ctx -> upgrade(ctx, hub));
  }

  private void upgrade(RoutingContext ctx, ChatHub hub) {
    if (!origins.allows(ctx.request().getHeader("Origin"), ctx.request().getHeader("Host"))) {
      ProblemHandler.write(ctx, Problem.forbidden("pages of this site may not open chats here"));
      return;
    }
    if (!connections.open(realtime.maxConnections())) {
      ProblemHandler.write(ctx, Problem.unavailable("this node is at its connection limit; try another"));
      return;
    }
    // A visitor acts through the system, like the mail channel; the audit trail keeps their address.
    Actor visitor = new Actor(Principal.system(), Actor.clientIp(ctx), "gotrs-chat");
    ctx.request().toWebSocket().onSuccess(socket -> {
      ChatConnection connection = new ChatConnection(socket, this, hub, visitor);
      hub.join(connection);
      connection.open(realtime.maxQueuedBytes(), () -> {
        hub.leave(connection);
        connections.closed();
      });
      chats.availability(null).onSuccess(availability ->
          connection.send(availability.copy().put("type", "chat.availability")));
    }).onFailure(failure -> connections.closed());
  }

  /** Waiting customers learn their new place in line when chats ahead of them are taken or given up. */
  private void refreshPositions(ChatHub hub) {
    if (!hub.takePositionsStale()) {
      return;
    }
    List<ChatConnection> waiting = hub.waiting();
    chats.positions(waiting.stream().map(ChatConnection::chatId).distinct().toList())
        .onSuccess(positions -> waiting.forEach(connection -> {
          Integer position = positions.get(connection.chatId());
          if (position != null) {
            connection.position(position);
          }
        }))
        .onFailure(failure -> hub.markPositionsStale());
  }

  private void heartbeat(ChatHub hub) {
    long now = System.currentTimeMillis();
    hub.all().forEach(connection -> connection.heartbeat(now, realtime.heartbeatSeconds()));
  }

  /** A logged-in customer user recognised by their access token; agents' tokens do not start customer chats. */
  Future<Actor> customer(String token, Actor visitor) {
    return authenticator.byAccessToken(token).compose(principal -> principal.isCustomer()
        ? Future.succeededFuture(new Actor(principal, visitor.ip(), visitor.userAgent()))
        : Future.failedFuture(Problem.badRequest("the token is not a customer user's")));
  }

  ChatService chats() {
    return chats;
  }

  /** 0 when the address may start a chat now (the start is counted), else the seconds until it may. */
  long secondsUntilStart(String ip) {
    return starts.acquire(ip);
  }

  /** 0 when the address may send a message now (it is counted), else the seconds until it may. */
  long secondsUntilMessage(String ip) {
    return messages.acquire(ip);
  }

  int maxMessageChars() {
    return chats.config().maxMessageChars();
  }
}
