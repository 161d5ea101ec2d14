package org.gotrs.stats;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventRelay;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the wallboard's numbers from the event stream and pushes {@code stats.updated} at most every
 * few hundred milliseconds. Counts are loaded once at start; after that each event adjusts them.
 * Escalation, online agents and chats change with time rather than events, so they are re-read every
 * few seconds with small indexed queries.
 */
public final class WallboardStats extends VerticleBase {


  /** Where this node announces (locally) that the numbers changed; read them with {@link #view}. */
  public static final String CHANGED_ADDRESS = "gotrs.wallboard.changed";

  private static final Logger LOG = LoggerFactory.getLogger(WallboardStats.class);
  private static final long REFRESH_MS = 5_000;
  private static final long AT_RISK_SECONDS = 3_600;

  private final Pool pool;
  private final Clock clock;
  private final long pushMillis;
  private final Supplier<Future<JsonArray>> chats;
  private Wallboard board;
  private boolean dirty = true;
  private volatile Wallboard.Snapshot snapshot = Wallboard.Snapshot.empty();

  /**
   * @param chats per queue, waiting chats and the longest wait ({@code queue_id}, {@code waiting},
   *              {@code longest_wait_seconds}), or null
   */
  public WallboardStats(Pool pool, Clock clock, long pushMillis, Supplier<Future<JsonArray>> chats) {
    this.pool = pool;
    this.clock = clock;
    this.pushMillis = pushMillis;
    this.chats = chats;
  }

  /**
   * The latest numbers of the given queues (all when null): what {@code GET /stats/wallboard} answers and
   * {@code stats.updated} carries to a viewer who may see those queues. Safe to call from any thread.
   */
  public JsonObject view(Set<Integer> queues) {
    return snapshot.toJson(queues);
  }

  @Override
  public Future<?> start() {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    board = new Wallboard(today);
    return load(today).onSuccess(loaded -> {
      EventRelay.listen(vertx, this::apply);
      vertx.setPeriodic(pushMillis, id -> push());
      vertx.setPeriodic(REFRESH_MS, id -> refresh());
      refresh();
      push();
    });
  }

  private Future<Void> load(LocalDate today) {
    LocalDateTime midnight = today.atStartOfDay();
    return pool.query("SELECT id, name FROM queue").execute()
        .compose(rows -> {
          rows.forEach(row -> board.queueName(row.getInteger("id"), row.getString("name")));
          return pool.query("""
              SELECT t.queue_id, st.name AS state_type, count(*) AS tickets
                FROM ticket t JOIN ticket_state s ON s.id = t.ticket_state_id
                JOIN ticket_state_type st ON st.id = s.type_id
               WHERE st.name IN ('new', 'open', 'pending')
               GROUP BY t.queue_id, st.name""").execute();
        })
        .compose(rows -> {
          rows.forEach(row -> board.addOpen(row.getInteger("queue_id"), row.getString("state_type"),
              row.getInteger("tickets")));
          return pool.preparedQuery("""
              SELECT queue_id, extract(hour FROM create_time)::int AS hour, count(*)::int AS tickets
                FROM ticket WHERE create_time >= $1 GROUP BY 1, 2""").execute(Tuple.of(midnight));
        })
        .compose(rows -> {
          rows.forEach(row -> board.opened(row.getInteger("queue_id"), hour(today, row.getInteger("hour")),
              row.getInteger("tickets")));
          return pool.preparedQuery("""
              SELECT h.queue_id, extract(hour FROM h.create_time)::int AS hour, count(*)::int AS tickets
                FROM ticket_history h
                JOIN ticket_history_type ht ON ht.id = h.history_type_id AND ht.name = 'StateUpdate'
                JOIN ticket_state s ON s.id = h.state_id
               WHERE h.create_time >= $1 AND s.type_id = 4
               GROUP BY 1, 2""").execute(Tuple.of(midnight));
        })
        .compose(rows -> {
          rows.forEach(row -> board.closed(row.getInteger("queue_id"), hour(today, row.getInteger("hour")),
              row.getInteger("tickets")));
          return pool.preparedQuery("""
              SELECT t.queue_id, extract(epoch FROM min(a.create_time) - t.create_time)::bigint AS seconds
                FROM ticket t
                JOIN article a ON a.ticket_id = t.id AND a.article_sender_type_id = 1 AND a.is_visible_for_customer = 1
               WHERE t.create_time >= $1::timestamp - interval '30 days'
               GROUP BY t.id, t.queue_id, t.create_time
              HAVING min(a.create_time) >= $1::timestamp""").execute(Tuple.of(midnight));
        })
        .map(rows -> {
          rows.forEach(row -> board.firstResponse(row.getInteger("queue_id"), row.getLong("seconds")));
          return null;
        });
  }

  private static Instant hour(LocalDate day, int hour) {
    return day.atTime(hour, 0).toInstant(ZoneOffset.UTC);
  }

  /** One committed event: adjust the counters it touches. */
  private void apply(CommittedEvent event) {
    JsonObject data = event.data();
    Instant at = Instant.parse(event.at());
    board.rollTo(LocalDate.ofInstant(at, ZoneOffset.UTC));
    board.seq(event.seq());
    JsonObject ticket = data.getJsonObject("ticket");
    JsonObject previous = data.getJsonObject("previous");
    switch (event.name()) {
      case TICKET_CREATED -> {
        board.addOpen(ticket.getInteger("queue_id"), ticket.getString("state_type"), 1);
        board.opened(ticket.getInteger("queue_id"), at, 1);
        learnQueue(ticket.getInteger("queue_id"));
      }
      case TICKET_UPDATED, TICKET_MOVED, TICKET_MERGED -> {
        if (ticket != null && previous != null) {
          board.addOpen(previous.getInteger("queue_id"), previous.getString("state_type"), -1);
          board.addOpen(ticket.getInteger("queue_id"), ticket.getString("state_type"), 1);
          if ("closed".equals(ticket.getString("state_type")) && !"closed".equals(previous.getString("state_type"))) {
            board.closed(ticket.getInteger("queue_id"), at, 1);
          }
          learnQueue(ticket.getInteger("queue_id"));
        }
      }
      case TICKET_DELETED -> {
        if (previous != null) {
          board.addOpen(previous.getInteger("queue_id"), previous.getString("state_type"), -1);
        }
      }
      case ARTICLE_CREATED -> {
        if (data.getValue("first_response_seconds") instanceof Number seconds) {
          board.firstResponse(data.getInteger("queue_id"), seconds.longValue());
        }
      }
      default -> {
        return;
      }
    }
    dirty = true;
  }

  private void learnQueue(Integer queueId) {
    if (board.knowsQueue(queueId)) {
      return;
    }
    pool.preparedQuery("SELECT name FROM queue WHERE id = $1").execute(Tuple.of(queueId)).onSuccess(rows -> {
      for (Row row : rows) {
        board.queueName(queueId, row.getString("name"));
        dirty = true;
      }
    });
  }

  /** The time-driven numbers: escalated and at-risk tickets, agents online, chats waiting. */
  private void refresh() {
    long now = clock.instant().getEpochSecond();
    board.rollTo(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC));
    pool.preparedQuery("""
            SELECT queue_id, count(*) FILTER (WHERE escalation_time <= $1)::int AS escalated,
                   count(*) FILTER (WHERE escalation_time > $1 AND escalation_time <= $2)::int AS at_risk
              FROM ticket WHERE escalation_time > 0 AND escalation_time <= $2 GROUP BY queue_id""")
        .execute(Tuple.of((int) now, (int) (now + AT_RISK_SECONDS)))
        .compose(rows -> {
          Map<Integer, int[]> escalation = new HashMap<>();
          rows.forEach(row -> escalation.put(row.getInteger("queue_id"),
              new int[] {row.getInteger("escalated"), row.getInteger("at_risk")}));
          board.escalation(escalation);
          return pool.query("""
              SELECT count(DISTINCT user_id)::int FROM live_presence
               WHERE ticket_id IS NULL AND expires_at > now() AT TIME ZONE 'UTC'""").execute();
        })
        .compose(rows -> {
          board.agentsOnline(rows.iterator().next().getInteger(0));
          return chats == null ? Future.succeededFuture(null) : chats.get();
        })
        .onSuccess(waiting -> {
          if (waiting != null) {
            Map<Integer, long[]> byQueue = new HashMap<>();
            waiting.forEach(item -> {
              JsonObject queue = (JsonObject) item;
              byQueue.put(queue.getInteger("queue_id"),
                  new long[] {queue.getLong("waiting", 0L), queue.getLong("longest_wait_seconds", 0L)});
            });
            board.chats(byQueue);
          }
          dirty = true;
        })
        .onFailure(failure -> LOG.debug("wallboard refresh failed: {}", failure.getMessage()));
  }

  /** Coalesced: at most one push per interval, and only when something changed. */
  private void push() {
    if (!dirty) {
      return;
    }
    dirty = false;
    snapshot = board.snapshot(clock.instant());
    vertx.eventBus().publish(CHANGED_ADDRESS, snapshot.seq(), new DeliveryOptions().setLocalOnly(true));
  }
}
