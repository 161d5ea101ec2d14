package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.Config;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * A waiting chat in a queue that assigns automatically is offered to one free agent first, chosen as new tickets'
 * owners are ({@code auto_assign_candidates}, db/V111), among those who may work its chats, have a seat free (active
 * chats and other offers count) and have not had this offer yet. Declined or run out ({@code chat.offer_seconds}),
 * it goes to the next; when no one is left it waits for everyone. Anyone may still accept it meanwhile. The offer is
 * kept on the chat row, so a sweep on any node moves it on, also after a restart.
 */
final class ChatOffers {

  private static final String LOCK_QUEUE = "SELECT 1 FROM queue WHERE id = $1 AND auto_assign <> 'off' FOR UPDATE";

  private static final String CHOOSE = """
      SELECT a.user_id
        FROM chat c
        JOIN queue q ON q.id = c.queue_id
       CROSS JOIN LATERAL auto_assign_candidates(q.id, $2, q.auto_assign, q.auto_assign_last_user,
                                                 q.max_open_per_agent) a
       WHERE c.id = $1 AND c.state = 'waiting'
         AND a.user_id <> ALL (c.offer_passed)
         AND q.id = ANY (permitted_queue_ids(a.user_id, 'note'))
         AND (SELECT count(*) FROM chat held
               WHERE held.id <> c.id AND ((held.state = 'active' AND held.agent_user_id = a.user_id)
                                          OR (held.state = 'waiting' AND held.offered_to = a.user_id))) < $3
       ORDER BY a.turn
       LIMIT 1""";

  private static final String OFFER = """
      WITH turn AS (UPDATE queue SET auto_assign_last_user = $2 WHERE id = $4)
      UPDATE chat SET offered_to = $2, offered_until = $3 WHERE id = $1""";

  /** The agent who had the offer has passed on it: they are not asked again for this chat. */
  private static final String PASS = """
      UPDATE chat SET offer_passed = offer_passed || offered_to, offered_to = NULL, offered_until = NULL
       WHERE id = $1 AND offered_to IS NOT NULL""";

  /** Asked first, outside a transaction: most sweeps find nothing and cost one index probe. */
  private static final String ANY_RUN_OUT = """
      SELECT EXISTS (SELECT 1 FROM chat WHERE offered_to IS NOT NULL AND offered_until <= $1)""";

  private static final String RUN_OUT = """
      SELECT id FROM chat
       WHERE offered_to IS NOT NULL AND offered_until <= $1 AND state = 'waiting'
       ORDER BY offered_until
       LIMIT 100
         FOR UPDATE SKIP LOCKED""";

  private final Pool pool;
  private final ChatStore store;
  private final AuditLog audit;
  private final DomainEvents events;
  private final Supplier<Config.Chat> config;
  private final Clock clock;

  ChatOffers(Pool pool, ChatStore store, AuditLog audit, DomainEvents events, Supplier<Config.Chat> config,
             Clock clock) {
    this.pool = pool;
    this.store = store;
    this.audit = audit;
    this.events = events;
    this.config = config;
    this.clock = clock;
  }

  /**
   * Offers the waiting chat to the next free agent of its queue, if the queue assigns automatically, and announces
   * it as {@code chat.offered}; {@code wasOffered}: it was offered before, so the announcement that no one is left
   * (an offer to null) is news too.
   */
  Future<Chat> offerNext(SqlClient tx, Chat chat, boolean wasOffered) {
    LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
    return tx.preparedQuery(LOCK_QUEUE).execute(Tuple.of(chat.queueId()))
        .compose(locked -> locked.size() == 0 ? Future.succeededFuture((UUID) null)
            : tx.preparedQuery(CHOOSE).execute(Tuple.of(chat.id(), today, config.get().seatsPerAgent()))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0)))
        .compose(agent -> agent == null ? Future.succeededFuture(agent)
            : tx.preparedQuery(OFFER).execute(Tuple.of(chat.id(), agent,
                ChatStore.utc(clock.instant().plusSeconds(config.get().offerSeconds())), chat.queueId())).map(agent))
        .compose(agent -> agent == null && !wasOffered ? Future.succeededFuture(chat)
            : store.find(tx, chat.id()).compose(offered -> events.record(tx, EventName.CHAT_OFFERED, offered.topics(),
                    ChatTranscript.data(offered)
                        .put("offered_to", offered.offeredTo() == null ? null : offered.offeredTo().toString())
                        .put("offered_until", offered.offeredUntil() == null ? null : offered.offeredUntil().toString())
                        .put("customer_name", offered.customerName()).put("queue", offered.queue())
                        .put("created_at", offered.createdAt().toString()).put("page_url", offered.pageUrl()))
                .map(offered)));
  }

  /** The agent it is offered to passes; it goes to the next free agent (409 when it is not waiting, 403 not theirs). */
  Future<Chat> decline(Actor actor, Chat visible) {
    UUID agent = actor.principal().userId();
    return pool.withTransaction(tx -> store.lock(tx, visible.id()).compose(chat -> {
      if (!chat.isWaiting()) {
        return Future.failedFuture(Problem.conflict(chat.isClosed() ? "this chat has ended"
            : "this chat was accepted by " + chat.agent()));
      }
      if (chat.offeredTo() == null) {
        return Future.failedFuture(Problem.conflict("this chat is not offered to anyone; it waits for everyone"));
      }
      if (!chat.offeredTo().equals(agent)) {
        return Future.failedFuture(Problem.forbidden("this chat is offered to another agent"));
      }
      return tx.preparedQuery(PASS).execute(Tuple.of(chat.id()))
          .compose(passed -> audit.record(tx, actor, AuditLog.Entry.success("chat.decline", "chat", chat.id(),
              Map.of("offered_to", agent.toString()), Map.of())))
          .compose(audited -> offerNext(tx, chat, true));
    }));
  }

  /** Moves every offer that has run out on to the next agent; each chat is moved by one node only. */
  Future<Integer> moveRunOut() {
    Instant now = clock.instant();
    return pool.preparedQuery(ANY_RUN_OUT).execute(Tuple.of(ChatStore.utc(now)))
        .compose(any -> !any.iterator().next().getBoolean(0) ? Future.succeededFuture(0) : moveRunOut(now));
  }

  private Future<Integer> moveRunOut(Instant now) {
    return pool.withTransaction(tx -> tx.preparedQuery(RUN_OUT).execute(Tuple.of(ChatStore.utc(now)))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getLong(0)));
          Future<Void> chain = Future.succeededFuture();
          for (long id : ids) {
            chain = chain.compose(done -> tx.preparedQuery(PASS).execute(Tuple.of(id))
                .compose(passed -> store.find(tx, id))
                .compose(chat -> offerNext(tx, chat, true)).mapEmpty());
          }
          return chain.map(ids.size());
        }));
  }
}
