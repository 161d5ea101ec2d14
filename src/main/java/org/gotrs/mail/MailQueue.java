package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;

/**
 * Mail the desk sends that is not an article of a ticket: notifications to agents, an agent's web answer copied to
 * the customer. Written in the caller's transaction (so it leaves only if the change it tells of is committed) and
 * sent by the {@link Outbox} like email articles: from the ticket's queue address, with the ticket number in the
 * subject, retried, and a mail that can never be delivered ends {@code failed} with the reason in the ticket's history.
 */
public final class MailQueue {

  /**
   * One mail.
   *
   * @param kind what it is, for the record (e.g. {@code notification:ticket.owner}, {@code customer:answer})
   * @param autoSubmitted marked {@code Auto-Submitted: auto-generated} so that mail programs do not answer it
   */
  public record Message(Long ticketId, String kind, String to, String subject, String body, boolean autoSubmitted) {}

  /** A file sent with a queued mail. */
  public record Attachment(String filename, String contentType, byte[] content) {}

  private MailQueue() {}

  /** Queues one message with its files in the caller's transaction. */
  public static Future<Void> enqueue(SqlClient tx, Message message, List<Attachment> files) {
    return tx.preparedQuery("""
            INSERT INTO mail_queue (ticket_id, kind, to_address, subject, body, auto_submitted)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""")
        .execute(Tuple.of(message.ticketId(), message.kind(), message.to(), clip(message.subject(), 500),
            message.body(), message.autoSubmitted()))
        .compose(rows -> {
          long id = rows.iterator().next().getLong(0);
          return files.isEmpty() ? Future.succeededFuture() : tx.preparedQuery("""
                  INSERT INTO mail_queue_attachment (mail_id, filename, content_type, content) VALUES ($1, $2, $3, $4)""")
              .executeBatch(files.stream().map(file -> Tuple.of(id, file.filename(), file.contentType(),
                  io.vertx.core.buffer.Buffer.buffer(file.content()))).toList());
        })
        .mapEmpty();
  }

  /** Queues the messages in the caller's transaction. */
  public static Future<Void> enqueue(SqlClient tx, List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            INSERT INTO mail_queue (ticket_id, kind, to_address, subject, body, auto_submitted)
            VALUES ($1, $2, $3, $4, $5, $6)""")
        .executeBatch(messages.stream().map(message -> Tuple.of(message.ticketId(), message.kind(), message.to(),
            clip(message.subject(), 500), message.body(), message.autoSubmitted())).toList())
        .mapEmpty();
  }

  private static String clip(String text, int max) {
    String value = text == null ? "" : text.replaceAll("[\\r\\n]+", " ");
    return value.length() <= max ? value : value.substring(0, max);
  }
}
