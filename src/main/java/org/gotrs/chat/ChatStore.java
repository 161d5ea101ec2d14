package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.events.CommittedEvent;
import org.gotrs.http.Problem;
import org.gotrs.permission.Permissions;

/** The SQL of the {@code chat} table: the waiting line, who has which chat, read marks, availability. */
final class ChatStore {

  private static final int LIST_LIMIT = 500;

  Future<Chat> find(SqlClient client, long id) {
    return one(client.preparedQuery(Chat.SELECT + " WHERE c.id = $1").execute(Tuple.of(id)), id);
  }

  /** The chat, locked until the caller's transaction ends: state changes and messages on one chat queue up here. */
  Future<Chat> lock(SqlClient tx, long id) {
    return one(tx.preparedQuery(Chat.SELECT + " WHERE c.id = $1 FOR UPDATE OF c").execute(Tuple.of(id)), id);
  }

  Future<Chat> findByToken(SqlClient client, String tokenHash) {
    return client.preparedQuery(Chat.SELECT + " WHERE c.resume_token_hash = $1").execute(Tuple.of(tokenHash))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("no chat has this resume token"))
            : Future.succeededFuture(Chat.from(rows.iterator().next())));
  }

  private static Future<Chat> one(Future<RowSet<Row>> query, long id) {
    return query.compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("chat " + id + " not found"))
        : Future.succeededFuture(Chat.from(rows.iterator().next())));
  }

  Future<Long> insert(SqlClient tx, long ticketId, int queueId, String name, String email, UUID customerUserId,
                      String tokenHash, String pageUrl, String referrer, Instant now) {
    return tx.preparedQuery("""
            INSERT INTO chat (ticket_id, queue_id, customer_name, customer_email, customer_user_id, resume_token_hash,
                              page_url, referrer, created_at, customer_seen_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id""")
        .execute(Tuple.from(new Object[] {ticketId, queueId, name, email, customerUserId, tokenHash, pageUrl, referrer,
            utc(now)}))
        .map(rows -> rows.iterator().next().getLong("id"));
  }

  /**
   * Takes a waiting chat for the agent if they have a free seat. One conditional UPDATE: when several agents
   * accept at once, on any node, the row lock lets exactly one see {@code state = 'waiting'}.
   */
  Future<Boolean> accept(SqlClient tx, long id, UUID agent, int seats, Instant now) {
    return tx.preparedQuery("""
            UPDATE chat SET state = 'active', agent_user_id = $2, accepted_at = $4, offered_to = NULL, offered_until = NULL
             WHERE id = $1 AND state = 'waiting'
               AND (SELECT count(*) FROM chat mine WHERE mine.agent_user_id = $2 AND mine.state = 'active') < $3
            RETURNING id""")
        .execute(Tuple.of(id, agent, seats, utc(now)))
        .map(rows -> rows.size() == 1);
  }

  Future<Integer> seatsTaken(SqlClient client, UUID agent) {
    return client.preparedQuery("SELECT count(*) FROM chat WHERE agent_user_id = $1 AND state = 'active'")
        .execute(Tuple.of(agent))
        .map(rows -> rows.iterator().next().getInteger(0));
  }

  /** Hands the chat to another agent; it becomes (or stays) active. */
  Future<Void> assign(SqlClient tx, long id, UUID agent, Instant now) {
    return tx.preparedQuery("""
            UPDATE chat SET state = 'active', agent_user_id = $2, accepted_at = coalesce(accepted_at, $3),
                   offered_to = NULL, offered_until = NULL
             WHERE id = $1 AND state <> 'closed'""")
        .execute(Tuple.of(id, agent, utc(now))).mapEmpty();
  }

  /** Puts the chat back in the waiting line of another queue; it keeps its place by the time it started. */
  Future<Void> requeue(SqlClient tx, long id, int queueId) {
    return tx.preparedQuery("""
            UPDATE chat SET state = 'waiting', queue_id = $2, agent_user_id = NULL, accepted_at = NULL,
                   offered_to = NULL, offered_until = NULL, offer_passed = '{}'
             WHERE id = $1 AND state <> 'closed'""")
        .execute(Tuple.of(id, queueId)).mapEmpty();
  }

  Future<Boolean> close(SqlClient tx, long id, Instant now) {
    return tx.preparedQuery("""
            UPDATE chat SET state = 'closed', closed_at = $2, offered_to = NULL, offered_until = NULL
             WHERE id = $1 AND state <> 'closed' RETURNING id""")
        .execute(Tuple.of(id, utc(now)))
        .map(rows -> rows.size() == 1);
  }

  /** Records that the chat's transcript was mailed; false when it had been already. */
  Future<Boolean> markTranscriptSent(SqlClient tx, long id, Instant now) {
    return tx.preparedQuery("UPDATE chat SET transcript_sent_at = $2 WHERE id = $1 AND transcript_sent_at IS NULL")
        .execute(Tuple.of(id, utc(now)))
        .map(rows -> rows.rowCount() == 1);
  }

  /** The customers of these chats still have a socket open. */
  Future<Void> seen(SqlClient client, List<Long> ids, Instant now) {
    return client.preparedQuery("UPDATE chat SET customer_seen_at = $2 WHERE id = ANY ($1) AND state <> 'closed'")
        .execute(Tuple.of(ids.toArray(new Long[0]), utc(now))).mapEmpty();
  }

  /** Closes waiting chats whose customer has been gone since {@code before}; each row is returned to one caller only. */
  Future<List<Chat>> closeAbandoned(SqlClient tx, Instant before, Instant now) {
    return tx.preparedQuery("""
            UPDATE chat SET state = 'closed', closed_at = $2, offered_to = NULL, offered_until = NULL
             WHERE state = 'waiting' AND customer_seen_at < $1
            RETURNING id""")
        .execute(Tuple.of(utc(before), utc(now)))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getLong("id")));
          return ids.isEmpty() ? Future.succeededFuture(List.<Chat>of())
              : tx.preparedQuery(Chat.SELECT + " WHERE c.id = ANY ($1)").execute(Tuple.of(ids.toArray(new Long[0])))
                  .map(found -> {
                    List<Chat> chats = new ArrayList<>();
                    found.forEach(row -> chats.add(Chat.from(row)));
                    return chats;
                  });
        });
  }

  /**
   * Moves one side's read mark ({@code customer} or {@code agent}) forward to a message of this chat; false when
   * it was already there or beyond.
   */
  Future<Boolean> read(SqlClient client, long id, String side, long articleId) {
    String column = side.equals("customer") ? "last_customer_read_article_id" : "last_agent_read_article_id";
    return client.preparedQuery("""
            UPDATE chat c SET %1$s = $2
             WHERE c.id = $1 AND coalesce(c.%1$s, 0) < $2
               AND EXISTS (SELECT 1 FROM article a WHERE a.id = $2 AND a.ticket_id = c.ticket_id)
            RETURNING c.id""".formatted(column))
        .execute(Tuple.of(id, articleId))
        .map(rows -> rows.size() == 1);
  }

  /** Chats in a state, oldest first, limited to the queues where the agent holds {@code ro}. */
  Future<List<Chat>> list(SqlClient client, Permissions.Predicate visible, String state) {
    List<Object> parameters = new ArrayList<>(visible.parameters());
    parameters.add(state);
    parameters.add(LIST_LIMIT);
    String sql = Chat.SELECT + " JOIN ticket t ON t.id = c.ticket_id WHERE " + visible.sql()
        + " AND c.state = $" + (parameters.size() - 1) + " ORDER BY c.created_at, c.id LIMIT $" + parameters.size();
    return client.preparedQuery(sql).execute(Tuple.from(parameters))
        .map(rows -> {
          List<Chat> chats = new ArrayList<>();
          rows.forEach(row -> chats.add(Chat.from(row)));
          return chats;
        });
  }

  /** Each waiting chat's place in its queue's line (1 = next). */
  Future<Map<Long, Integer>> positions(SqlClient client, List<Long> ids) {
    return client.preparedQuery("""
            SELECT c.id, (SELECT count(*) FROM chat w
                           WHERE w.state = 'waiting' AND w.queue_id = c.queue_id
                             AND (w.created_at, w.id) <= (c.created_at, c.id)) AS position
              FROM chat c WHERE c.id = ANY ($1) AND c.state = 'waiting'""")
        .execute(Tuple.of(ids.toArray(new Long[0])))
        .map(rows -> {
          Map<Long, Integer> positions = new HashMap<>();
          rows.forEach(row -> positions.put(row.getLong("id"), row.getInteger("position")));
          return positions;
        });
  }

  /**
   * Whether an agent who may work the queue ({@code note}) is online (has a live connection, see
   * {@code live_presence}) and has fewer than {@code seats} chats open: {@code chat_agent_free} (db/V114).
   */
  Future<Boolean> available(SqlClient client, int queueId, int seats) {
    return client.preparedQuery("SELECT chat_agent_free($1, $2)")
        .execute(Tuple.of(queueId, seats))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** A valid queue by name, or the default queue when {@code name} is null; null when there is none. */
  /** A valid queue and its name. */
  record QueueRef(int id, String name) {}

  /** The valid queue of this name; without a name, the chat intake queue (db/V54). Null when there is none. */
  Future<QueueRef> queue(SqlClient client, String name) {
    return client.preparedQuery("""
            SELECT id, name FROM queue
             WHERE valid_id = 1 AND (name = $1 OR ($1 IS NULL AND id = intake_queue_id('chat')))""")
        .execute(Tuple.of(name))
        .map(rows -> rows.size() == 0 ? null
            : new QueueRef(rows.iterator().next().getInteger("id"), rows.iterator().next().getString("name")));
  }

  /** Whether the user is a valid agent who may work chats of the queue. */
  Future<Boolean> mayTakeChats(SqlClient client, UUID user, int queueId) {
    return client.preparedQuery("""
            SELECT EXISTS (SELECT 1 FROM users u WHERE u.id = $1 AND u.valid_id = 1
                              AND $2::int = ANY (permitted_queue_ids(u.id, 'note')))""")
        .execute(Tuple.of(user, queueId))
        .map(rows -> rows.iterator().next().getBoolean(0));
  }

  /** Per queue with waiting chats: {@code queue_id}, {@code waiting} and {@code longest_wait_seconds}. */
  Future<JsonArray> waitingSummary(SqlClient client, Instant now) {
    return client.preparedQuery("""
            SELECT queue_id, count(*) AS waiting,
                   coalesce(extract(epoch FROM ($1::timestamp - min(created_at))), 0)::bigint AS longest_wait_seconds
              FROM chat WHERE state = 'waiting' GROUP BY queue_id""")
        .execute(Tuple.of(utc(now)))
        .map(rows -> {
          JsonArray queues = new JsonArray();
          for (Row row : rows) {
            queues.add(new JsonObject().put("queue_id", row.getInteger("queue_id")).put("waiting", row.getLong("waiting"))
                .put("longest_wait_seconds", Math.max(0, row.getLong("longest_wait_seconds"))));
          }
          return queues;
        });
  }

  /** The customer user a visitor's email belongs to, if any. */
  Future<UUID> customerUserByEmail(SqlClient client, String email) {
    return client.preparedQuery("SELECT id FROM customer_user WHERE lower(email) = lower($1) AND valid_id = 1 LIMIT 1")
        .execute(Tuple.of(email))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID(0));
  }

  /** A customer user's display name and email. */
  Future<Row> customerUser(SqlClient client, UUID id) {
    return client.preparedQuery("""
            SELECT nullif(trim(coalesce(first_name, '') || ' ' || coalesce(last_name, '')), '') AS name, email, login
              FROM customer_user WHERE id = $1""")
        .execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next());
  }

  /** The chat events recorded after {@code seq}, in order: what a customer joining the stream has not seen yet. */
  Future<List<CommittedEvent>> eventsAfter(SqlClient client, long ticketId, long chatId, long seq) {
    return client.preparedQuery("""
            SELECT id, seq, name, topics, data, created_at FROM event_log
             WHERE seq > $1 AND topics && $2 AND name LIKE 'chat.%' AND data ->> 'chat_id' = $3
             ORDER BY seq""")
        .execute(Tuple.of(seq, new String[] {"ticket:" + ticketId}, String.valueOf(chatId)))
        .map(rows -> {
          List<CommittedEvent> events = new ArrayList<>();
          rows.forEach(row -> events.add(CommittedEvent.from(row)));
          return events;
        });
  }

  /**
   * The article of the chat's ticket that carries the file: a chat line the customer saw, or for agents also an
   * internal one; 404 when it is no file of this chat.
   */
  Future<Long> fileArticle(SqlClient client, long ticketId, long attachmentId, boolean forCustomer) {
    return client.preparedQuery("""
            SELECT aa.article_id FROM article_attachment aa
              JOIN article a ON a.id = aa.article_id
              JOIN article_type at ON at.id = a.article_type_id
             WHERE aa.id = $1 AND a.ticket_id = $2 AND at.name = ANY ($3)""")
        .execute(Tuple.tuple().addLong(attachmentId).addLong(ticketId).addArrayOfString(forCustomer
            ? new String[] {ChatTranscript.CHAT_EXTERNAL} : new String[] {ChatTranscript.CHAT_EXTERNAL, "chat-internal"}))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("file " + attachmentId + " not found"))
            : Future.succeededFuture(rows.iterator().next().getLong(0)));
  }

  /** The ids of the chat's committed events that have no number yet (an older transaction is still open). */
  Future<Set<Long>> unnumberedEvents(SqlClient client, long ticketId, long chatId) {
    return client.preparedQuery("""
            SELECT id FROM event_log
             WHERE seq IS NULL AND topics && $1 AND name LIKE 'chat.%' AND data ->> 'chat_id' = $2""")
        .execute(Tuple.of(new String[] {"ticket:" + ticketId}, String.valueOf(chatId)))
        .map(rows -> {
          Set<Long> ids = new HashSet<>();
          rows.forEach(row -> ids.add(row.getLong(0)));
          return Set.copyOf(ids);
        });
  }

  /** The newest event sequence number; read in the same snapshot as a transcript, it is where live delivery resumes. */
  Future<Long> newestSeq(SqlClient client) {
    return client.query("SELECT coalesce(max(seq), 0) FROM event_log").execute()
        .map(rows -> rows.iterator().next().getLong(0));
  }

  static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
