package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import org.gotrs.mail.MailQueue;

/**
 * An agent's customer-visible answer written on the web (a note for the customer, not an e-mail article, which the
 * outbox sends itself) reaches the ticket's customer user by mail, once, with the ticket number in the subject so that
 * their reply is a follow-up.
 */
final class CustomerMail {

  private CustomerMail() {}

  static Future<Void> answer(SqlClient tx, long ticketId, long articleId) {
    return tx.preparedQuery(NotificationSql.ANSWER_MAIL).execute(Tuple.of(articleId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      String subject = row.getString("subject") != null && !row.getString("subject").isBlank()
          ? row.getString("subject") : row.getString("title");
      return MailQueue.enqueue(tx, List.of(new MailQueue.Message(ticketId, "customer:answer", row.getString("email"),
          subject, row.getString("text"), false)));
    });
  }
}
