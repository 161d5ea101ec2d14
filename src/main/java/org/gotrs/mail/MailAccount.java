package org.gotrs.mail;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import org.gotrs.db.Rows;

/** A mailbox polled into a queue, as the API shows it: never with its password. */
public record MailAccount(
    int id,
    String type,
    String host,
    int port,
    String login,
    boolean tls,
    String folder,
    int queueId,
    String queue,
    int pollSeconds,
    String comments,
    int validId,
    Instant lastPollTime,
    String lastError,
    Instant createTime,
    Instant changeTime) {

  static final String IMAP = "imap";
  static final String POP3 = "pop3";

  /** Callers append WHERE on alias {@code m}. */
  static final String SELECT = """
      SELECT m.id, m.type, m.host, m.port, m.login, m.tls, m.folder, m.queue_id, q.name AS queue, m.poll_seconds,
             m.comments, m.valid_id, m.last_poll_time, m.last_error, m.create_time, m.change_time
        FROM mail_account m JOIN queue q ON q.id = m.queue_id
      """;

  static MailAccount from(Row row) {
    return new MailAccount(row.getInteger("id"), row.getString("type"), row.getString("host"), row.getInteger("port"),
        row.getString("login"), row.getBoolean("tls"), row.getString("folder"), row.getInteger("queue_id"),
        row.getString("queue"), row.getInteger("poll_seconds"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row, "last_poll_time"), row.getString("last_error"),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }

  /** What a poll needs: where to connect, with the password opened. */
  record Connection(int id, String type, String host, int port, String login, String password, boolean tls,
                    String folder, int queueId) {

    @Override
    public String toString() {
      return type + (tls ? "s" : "") + "://" + login + "@" + host + ":" + port + (type.equals(IMAP) ? "/" + folder : "");
    }
  }
}
