package org.gotrs.db;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection that {@code LISTEN}s on a PostgreSQL channel and is opened again when it drops. PostgreSQL
 * delivers a notification only to connections listening when its transaction commits, so a listener tells its
 * owner when it starts and stops hearing ({@link Hearing}): whatever the owner derived from notifications must be
 * rebuilt after a gap.
 */
public final class ChannelListener {

  /** What the owner does with the channel. Every call runs on the listening connection's event loop. */
  @FunctionalInterface
  public interface Hearing {

    /** A notification arrived. */
    void notified();

    /** Listening (again): notifications sent from now on arrive; one may have been missed, so by default as one. */
    default void listening() {
      notified();
    }

    /** The connection dropped: notifications are lost until {@link #listening()} is called again. */
    default void deaf() {
    }

    /** This hearing, and then {@code also} whenever a notification arrives or may have been missed. */
    default Hearing andThen(Runnable also) {
      Hearing first = this;
      return new Hearing() {
        @Override
        public void notified() {
          first.notified();
          also.run();
        }

        @Override
        public void listening() {
          first.listening();
          also.run();
        }

        @Override
        public void deaf() {
          first.deaf();
        }
      };
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ChannelListener.class);
  private static final long RECONNECT_MS = 2_000;

  private final Vertx vertx;
  private final PgConnectOptions connectOptions;
  private final String channel;
  private final Hearing hearing;
  private PgConnection connection;
  private boolean stopped;

  public ChannelListener(Vertx vertx, PgConnectOptions connectOptions, String channel, Hearing hearing) {
    this.vertx = vertx;
    this.connectOptions = connectOptions;
    this.channel = channel;
    this.hearing = hearing;
  }

  /** Completes once listening; fails when the first connection cannot be made. */
  public Future<Void> start() {
    return PgConnection.connect(vertx, connectOptions).compose(opened -> {
      opened.notificationHandler(notification -> hearing.notified());
      return opened.query("LISTEN " + channel).execute()
          .onFailure(failure -> opened.close())
          .compose(listening -> {
            if (stopped) {
              // stopped while this connection was being opened (a reconnect): it must not start hearing
              return opened.close();
            }
            opened.closeHandler(closed -> {
              connection = null;
              hearing.deaf();
              if (!stopped) {
                LOG.warn("listener on {} closed; reconnecting", channel);
                vertx.setTimer(RECONNECT_MS, id -> reconnect());
              }
            });
            connection = opened;
            hearing.listening();
            return Future.succeededFuture();
          });
    });
  }

  /** The listening connection, to read on; {@code null} while it is being opened again. */
  public PgConnection connection() {
    return connection;
  }

  public Future<Void> stop() {
    stopped = true;
    return connection == null ? Future.succeededFuture() : connection.close();
  }

  private void reconnect() {
    if (stopped) {
      return;
    }
    start().onFailure(failure -> {
      LOG.warn("cannot listen on {} yet: {}", channel, failure.getMessage());
      vertx.setTimer(RECONNECT_MS, id -> reconnect());
    });
  }
}
