package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;

/**
 * Messages the channel could not read or store. They are kept whole, with why, so nothing that reached a
 * mailbox is lost; the mailbox goes on with its next message.
 */
final class FailedMails {

  /** A failed message as the API lists it; its bytes are fetched separately. */
  record FailedMail(long id, Integer mailAccountId, String messageIdMd5, String subject, String fromAddress,
                    String error, int size, Instant receivedTime) {}

  private final Pool pool;

  FailedMails(Pool pool) {
    this.pool = pool;
  }

  /**
   * Keeps the message and marks its key as seen, in one transaction; false when the key was seen already
   * (a copy is kept, or the message was imported), so a message fetched again is not kept twice.
   */
  Future<Boolean> keep(int accountId, MailParser.Identity identity, byte[] raw, String subject, String from,
                       String error) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO mail_message (message_id_md5, message_id, mail_account_id, outcome)
            VALUES ($1, $2, $3, 'failed') ON CONFLICT DO NOTHING RETURNING 1""")
        .execute(Tuple.of(identity.key(), identity.messageId(), accountId))
        .compose(claimed -> claimed.size() == 0 ? Future.succeededFuture(false)
            : tx.preparedQuery("""
                    INSERT INTO mail_failed (mail_account_id, message_id_md5, subject, from_address, error, raw)
                    VALUES ($1, $2, $3, $4, $5, $6)""")
                .execute(Tuple.of(accountId, identity.key(), subject, from,
                    error.length() > 2000 ? error.substring(0, 2000) : error, Buffer.buffer(raw)))
                .map(true)));
  }

  Future<List<FailedMail>> list(int limit) {
    return pool.preparedQuery("""
            SELECT id, mail_account_id, message_id_md5, subject, from_address, error, octet_length(raw) AS size,
                   received_time
              FROM mail_failed ORDER BY id DESC LIMIT $1""")
        .execute(Tuple.of(limit))
        .map(rows -> Rows.all(rows, row -> new FailedMail(row.getLong("id"), row.getInteger("mail_account_id"),
            row.getString("message_id_md5"), row.getString("subject"), row.getString("from_address"),
            row.getString("error"), row.getInteger("size"), Rows.instant(row, "received_time"))));
  }

  /** The message exactly as it came from the mailbox. */
  Future<Buffer> raw(long id) {
    return pool.preparedQuery("SELECT raw FROM mail_failed WHERE id = $1").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, row -> row.getBuffer("raw"),
            () -> Problem.notFound("failed mail " + id + " not found")));
  }
}
