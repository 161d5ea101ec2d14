package org.gotrs.events;

import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.MessageCodec;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgConnection;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.gotrs.db.ChannelListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One per node: listens for numbered events ({@code NOTIFY gotrs_events}) and hands every new row of the
 * event log, in sequence order, to this node's live connections over the local event bus. Because every
 * node reads the shared log, a change made on any node reaches subscribers on all nodes, and a node that
 * missed notifications (reconnect, restart) catches up from the log instead of losing events. The relay of one
 * node in the cluster also numbers the committed events ({@link Sequencer}) before it reads them: it looks for them
 * every {@value #STAMP_POLL_MS} ms, since writers do not announce their own.
 */
public final class EventRelay extends VerticleBase {

  /** Local event bus address the node's consumers hear committed events on (see {@link #listen}). */
  private static final String ADDRESS = "gotrs.events.committed";

  private static final Logger LOG = LoggerFactory.getLogger(EventRelay.class);
  /** Committed events go to the node's consumers as they are, not copied for each (nothing changes them). */
  private static final DeliveryOptions LOCAL = new DeliveryOptions().setLocalOnly(true).setCodecName(Shared.NAME);
  private static final int BATCH = 1_000;
  private static final long POLL_MS = 1_000;
  /** How often the node that numbers events looks for newly committed ones (writers do not announce them). */
  private static final long STAMP_POLL_MS = 10;

  private final Pool pool;
  private final PgConnectOptions connectOptions;
  private final int retentionHours;
  private final AtomicLong position;
  private final Sequencer sequencer;
  private final SingleFlight fetches = new SingleFlight(this::pass);
  /** Whether the next pass reads the log too: a notice or the poll asked, or the last read left more. */
  private boolean readWanted;
  private ChannelListener listener;

  /** @param stampWarnSeconds how long committed events may wait for their number before a warning is logged */
  public EventRelay(Pool pool, PgConnectOptions connectOptions, int retentionHours, AtomicLong position,
                    int stampWarnSeconds, MeterRegistry registry) {
    this.pool = pool;
    this.connectOptions = connectOptions;
    this.retentionHours = retentionHours;
    this.position = position;
    this.sequencer = new Sequencer(stampWarnSeconds, registry);
  }

  @Override
  public Future<?> start() {
    vertx.eventBus().registerCodec(new Shared());
    return pool.query("SELECT coalesce(max(seq), 0) FROM event_log").execute()
        .map(rows -> {
          position.set(rows.iterator().next().getLong(0));
          return null;
        })
        .compose(ignored -> {
          listener = new ChannelListener(vertx, connectOptions, DomainEvents.CHANNEL, this::read);
          return listener.start();
        })
        .onSuccess(ignored -> {
          vertx.setPeriodic(POLL_MS, id -> read());
          vertx.setPeriodic(STAMP_POLL_MS, id -> {
            if (sequencer.leads()) {
              fetches.run();
            }
          });
          vertx.setPeriodic(60_000, id -> prune());
        });
  }

  /** A pass that also reads the log (a notice came, or the poll). */
  private void read() {
    readWanted = true;
    fetches.run();
  }

  /**
   * Numbers what this node may number, then reads what was numbered when asked to (numbering notifies every node,
   * this one too, so the numbering node's frequent look for committed events reads nothing itself); true when either
   * left more to do.
   */
  private Future<Boolean> pass() {
    PgConnection connection = listener == null ? null : listener.connection();
    boolean read = readWanted;
    readWanted = false;
    return sequencer.stamp(connection)
        .recover(failure -> {
          LOG.debug("event stamping failed: {}", failure.getMessage());
          return Future.succeededFuture(false);
        })
        .compose(moreToStamp -> !read ? Future.succeededFuture(moreToStamp) : fetch().map(moreToRead -> {
          readWanted |= moreToRead;
          return moreToStamp || moreToRead;
        }));
  }

  /**
   * Reads the next batch after the last delivered sequence number (one fetch at a time, repeated while behind);
   * true when the batch was full. It reads on the listening connection, so that under load events do not wait in
   * the pool's queue behind the requests that wrote them (the pool serves only while that connection is being
   * re-established).
   */
  private Future<Boolean> fetch() {
    SqlClient reader = listener != null && listener.connection() != null ? listener.connection() : pool;
    return reader.preparedQuery("SELECT id, seq, name, topics, data, created_at FROM event_log WHERE seq > $1 ORDER BY seq LIMIT $2")
        .execute(Tuple.of(position.get(), BATCH))
        .onFailure(failure -> LOG.debug("event fetch failed: {}", failure.getMessage()))
        .map(rows -> {
          int count = 0;
          for (Row row : rows) {
            CommittedEvent event = CommittedEvent.from(row);
            position.set(event.seq());
            count++;
            if (event.name() == null) {
              LOG.warn("event {} has a name GOTRS does not record ({}); not relayed", event.seq(), row.getString("name"));
              continue;
            }
            vertx.eventBus().publish(ADDRESS, event, LOCAL);
          }
          return count == BATCH;
        });
  }

  /** Drops events older than the retention and remembers how far, so late resumes get a resync. */
  private void prune() {
    pool.preparedQuery("""
            WITH pruned AS (
              DELETE FROM event_log
               WHERE created_at < (now() AT TIME ZONE 'UTC') - make_interval(hours => $1) AND seq IS NOT NULL
              RETURNING seq)
            UPDATE event_log_horizon SET pruned_through = greatest(pruned_through, (SELECT max(seq) FROM pruned))
             WHERE EXISTS (SELECT 1 FROM pruned)""")
        .execute(Tuple.of(retentionHours))
        .onFailure(failure -> LOG.debug("event pruning failed: {}", failure.getMessage()));
  }

  /** Hears every committed event on this node, in sequence order, on the caller's context. */
  public static void listen(Vertx vertx, Consumer<CommittedEvent> consumer) {
    vertx.eventBus().<CommittedEvent>localConsumer(ADDRESS, message -> consumer.accept(message.body()));
  }

  /** Hears the committed events of the given names only. */
  public static void listen(Vertx vertx, Set<EventName> names, Consumer<CommittedEvent> consumer) {
    Set<EventName> wanted = EnumSet.copyOf(names);
    listen(vertx, event -> {
      if (wanted.contains(event.name())) {
        consumer.accept(event);
      }
    });
  }

  @Override
  public Future<?> stop() {
    return listener == null ? Future.succeededFuture() : listener.stop();
  }

  /** Hands the event itself to each consumer on this node; events never leave it. */
  private static final class Shared implements MessageCodec<CommittedEvent, CommittedEvent> {

    static final String NAME = "gotrs.committed-event";

    @Override
    public void encodeToWire(Buffer buffer, CommittedEvent event) {
      throw new UnsupportedOperationException("committed events are relayed on each node, not sent between nodes");
    }

    @Override
    public CommittedEvent decodeFromWire(int position, Buffer buffer) {
      throw new UnsupportedOperationException("committed events are relayed on each node, not sent between nodes");
    }

    @Override
    public CommittedEvent transform(CommittedEvent event) {
      return event;
    }

    @Override
    public String name() {
      return NAME;
    }

    @Override
    public byte systemCodecID() {
      return -1;
    }
  }
}
