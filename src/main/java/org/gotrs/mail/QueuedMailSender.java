package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailClient;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.SMTPException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.AddressException;
import java.util.List;
import org.gotrs.config.Config;
import org.gotrs.db.Rows;
import org.gotrs.history.TicketHistory;
import org.gotrs.permission.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The outbox's part for {@link MailQueue}: claims due mail with SKIP LOCKED and a lease (one node sends each),
 * sends it, and retries with a doubling delay; a permanent refusal or the last attempt ends it {@code failed}, noted
 * in the ticket's history.
 */
final class QueuedMailSender {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedMailSender.class);
  private static final int BATCH = 50;
  private static final int LEASE_SECONDS = 300;

  private record Claimed(long id, int attempt, Long ticketId, String tn, String from, String fromName, String to,
                         String subject, String body, boolean autoSubmitted) {

    String fromAddress() {
      return from != null ? from : OutgoingMail.DEFAULT_ADDRESS;
    }

    String messageId() {
      String address = fromAddress();
      int at = address.lastIndexOf('@');
      return "<gotrs-mail-" + id + "@" + (at >= 0 ? address.substring(at + 1) : "localhost") + ">";
    }
  }

  private final Pool pool;
  private final TicketHistory history;
  private final Config.Mail config;

  QueuedMailSender(Pool pool, TicketHistory history, Config.Mail config) {
    this.pool = pool;
    this.history = history;
    this.config = config;
  }

  /** Sends what is due now. */
  Future<Void> pass(MailClient client) {
    return pool.preparedQuery("""
            WITH claimed AS (
              UPDATE mail_queue m
                 SET attempts = m.attempts + 1,
                     next_attempt_time = (now() AT TIME ZONE 'UTC') + make_interval(secs => $2::int)
               WHERE m.id IN (SELECT id FROM mail_queue
                               WHERE status IN ('queued', 'retry') AND next_attempt_time <= (now() AT TIME ZONE 'UTC')
                               ORDER BY next_attempt_time LIMIT $1
                                 FOR UPDATE SKIP LOCKED)
              RETURNING m.id, m.attempts, m.ticket_id, m.to_address, m.subject, m.body, m.auto_submitted)
            SELECT c.*, t.tn, sa.value0 AS address, sa.value1 AS display_name
              FROM claimed c
              LEFT JOIN ticket t ON t.id = c.ticket_id
              LEFT JOIN queue q ON q.id = t.queue_id
              LEFT JOIN system_address sa ON sa.id = q.system_address_id""")
        .execute(Tuple.of(BATCH, LEASE_SECONDS))
        .map(rows -> Rows.all(rows, QueuedMailSender::claimed))
        .compose(claimed -> Future.join(claimed.stream().map(mail -> send(client, mail)).toList()))
        .mapEmpty();
  }

  private static Claimed claimed(Row row) {
    return new Claimed(row.getLong("id"), row.getInteger("attempts"), row.getLong("ticket_id"), row.getString("tn"),
        row.getString("address"), row.getString("display_name"), row.getString("to_address"),
        row.getString("subject"), row.getString("body"), row.getBoolean("auto_submitted"));
  }

  private Future<Void> send(MailClient client, Claimed mail) {
    Future<?> sent = attachments(mail.id()).compose(files -> {
      try {
        return client.sendMail(message(mail).setAttachment(files));
      } catch (AddressException | RuntimeException unsendable) {
        return Future.failedFuture(unsendable);
      }
    });
    return sent.compose(done -> pool.preparedQuery("""
                UPDATE mail_queue SET status = 'sent', sent_time = (now() AT TIME ZONE 'UTC'), last_error = NULL
                 WHERE id = $1""").execute(Tuple.of(mail.id())).<Void>mapEmpty())
        .recover(failure -> failed(mail, failure));
  }

  /** The files queued with the mail (a scheduled report's, say); usually none. */
  private Future<List<MailAttachment>> attachments(long mailId) {
    return pool.preparedQuery("SELECT filename, content_type, content FROM mail_queue_attachment WHERE mail_id = $1")
        .execute(Tuple.of(mailId))
        .map(rows -> Rows.all(rows, row -> MailAttachment.create().setName(row.getString("filename"))
            .setContentType(row.getString("content_type")).setData(row.getBuffer("content"))
            .setDisposition("attachment")));
  }

  private static MailMessage message(Claimed mail) throws AddressException {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Message-ID", mail.messageId());
    if (mail.autoSubmitted()) {
      headers.add("Auto-Submitted", "auto-generated").add("X-Loop", mail.fromAddress());
    }
    return new MailMessage()
        .setFrom(OutgoingMail.mailbox(mail.fromName(), mail.fromAddress()))
        .setTo(OutgoingMail.addresses(mail.to()))
        .setSubject(mail.tn() == null ? mail.subject() : TicketSubject.format(mail.tn(), mail.subject()))
        .setHeaders(headers)
        .setText(mail.body());
  }

  private Future<Void> failed(Claimed mail, Throwable failure) {
    boolean permanent = failure instanceof SMTPException smtpFailure && smtpFailure.isPermanent()
        || failure instanceof AddressException || failure instanceof IllegalArgumentException;
    boolean last = permanent || mail.attempt() >= config.sendAttempts();
    String error = String.valueOf(failure.getMessage());
    LOG.warn("mail {} to {}: attempt {} failed{}: {}", mail.id(), mail.to(), mail.attempt(), last ? ", giving up" : "",
        error);
    long delay = (long) config.retrySeconds() << Math.min(mail.attempt() - 1, 16);
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE mail_queue
                   SET status = $2, last_error = $3,
                       next_attempt_time = (now() AT TIME ZONE 'UTC') + make_interval(secs => $4)
                 WHERE id = $1""")
            .execute(Tuple.of(mail.id(), last ? "failed" : "retry",
                error.length() > 2000 ? error.substring(0, 2000) : error, (double) delay))
            .compose(updated -> !last || mail.ticketId() == null ? Future.succeededFuture()
                : history.record(tx, mail.ticketId(), Principal.SYSTEM_USER_ID, List.of(TicketHistory.Change.of(
                    "Misc", "%%email to " + mail.to() + " could not be delivered: " + error, null, "failed")))))
        .mapEmpty();
  }
}
