package org.gotrs.events;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Reads retained events back for a client resuming with {@code since}. */
public final class EventReplay {

  private static final int PAGE = 1_000;

  private final Pool pool;

  public EventReplay(Pool pool) {
    this.pool = pool;
  }

  /** The highest sequence number pruned from the log: resuming from below it would miss events. */
  public Future<Long> horizon() {
    return pool.query("SELECT pruned_through FROM event_log_horizon WHERE id = 1").execute()
        .map(rows -> rows.size() == 0 ? 0L : rows.iterator().next().getLong(0));
  }

  /**
   * Every retained event after {@code since} on any of the topics, in order, page by page; the next page is
   * read once {@code ready} says the client has taken the last one in (its write queue drained).
   */
  public Future<Void> after(long since, List<String> topics, Consumer<CommittedEvent> sink, Supplier<Future<Void>> ready) {
    return pool.preparedQuery("""
            SELECT id, seq, name, topics, data, created_at FROM event_log
             WHERE seq > $1 AND topics && $2 ORDER BY seq LIMIT $3""")
        .execute(Tuple.of(since, topics.toArray(new String[0]), PAGE))
        .compose(rows -> {
          long last = since;
          for (Row row : rows) {
            CommittedEvent event = CommittedEvent.from(row);
            last = event.seq();
            if (event.name() != null) {
              sink.accept(event);
            }
          }
          long next = last;
          return rows.size() == PAGE ? ready.get().compose(drained -> after(next, topics, sink, ready))
              : Future.succeededFuture();
        });
  }
}
