package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.lookup.StateType;

/**
 * Which ticket an incoming message belongs to: the ticket number in its subject first (OTRS's {@code Ticket#}
 * hook), then its In-Reply-To and References against the message ids of stored articles. A merged ticket
 * hands its follow-ups to the ticket it was merged into.
 */
final class Threading {

  static final int FOLLOW_UP_POSSIBLE = 1;
  static final int FOLLOW_UP_REJECT = 2;

  /** The ticket found, where it is now. */
  record Target(long ticketId, String tn, int queueId, int stateType, int followUp) {

    boolean closed() {
      return stateType == StateType.CLOSED.id();
    }

    /** Removed, or merged with nowhere to go: such a ticket takes no follow-ups, a new one is opened. */
    boolean gone() {
      return stateType > StateType.CLOSED.id();
    }
  }

  /** The target ticket, or null when the message starts a new conversation. */
  Future<Target> find(SqlClient tx, ParsedMail mail) {
    List<String> numbers = TicketSubject.numbers(mail.subject());
    Future<Long> byNumber = numbers.isEmpty() ? Future.succeededFuture()
        : tx.preparedQuery("SELECT id FROM ticket WHERE tn = ANY ($1) ORDER BY id DESC LIMIT 1")
            .execute(Tuple.of(numbers.toArray(new String[0])))
            .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("id"));
    return byNumber.compose(id -> id != null || mail.referencedIds().isEmpty() ? Future.succeededFuture(id)
            : tx.preparedQuery("""
                    SELECT ticket_id FROM article
                     WHERE message_id_md5 = ANY ($1) AND ticket_id IS NOT NULL
                     ORDER BY id DESC LIMIT 1""")
                .execute(Tuple.of(mail.referencedIds().stream().map(DigestUtils::md5Hex).toArray(String[]::new)))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getLong("ticket_id")))
        .compose(id -> id == null ? Future.succeededFuture() : current(tx, id));
  }

  /** Follows merges to the ticket that lives on, and reads its state and its queue's follow-up setting. */
  private static Future<Target> current(SqlClient tx, long id) {
    return tx.preparedQuery("""
            WITH RECURSIVE chain AS (
              SELECT t.id, t.merged_to_id, 1 AS depth FROM ticket t WHERE t.id = $1
              UNION ALL
              SELECT t.id, t.merged_to_id, c.depth + 1 FROM ticket t JOIN chain c ON t.id = c.merged_to_id
               WHERE c.depth < 20)
            SELECT t.id, t.tn, t.queue_id, s.type_id AS state_type, coalesce(q.follow_up_id, 1) AS follow_up
              FROM chain c
              JOIN ticket t ON t.id = c.id
              JOIN ticket_state s ON s.id = t.ticket_state_id
              LEFT JOIN queue q ON q.id = t.queue_id
             ORDER BY c.depth DESC LIMIT 1
               FOR NO KEY UPDATE OF t""")
        .execute(Tuple.of(id))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Target(row.getLong("id"), row.getString("tn"), row.getInteger("queue_id"),
              row.getInteger("state_type"), row.getInteger("follow_up"));
        });
  }
}
