package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import org.gotrs.mail.MailQueue;
import org.gotrs.templates.TicketTags;

/**
 * The desk's mails to a ticket's customer user. An agent's customer-visible answer written on the web (a note for the customer, not an e-mail article, which the
 * outbox sends itself) reaches the ticket's customer user by mail, once, with the ticket number in the subject so that
 * their reply is a follow-up. Written with the {@code customer.answer} text in the customer user's language, the
 * answer itself as {@code <OTRS_AGENT_BODY>} and its subject (else the ticket's title) as {@code <OTRS_AGENT_SUBJECT>}.
 * And word that an agent closed the ticket (with the portal link to rate it), or that its pending reminder is reached,
 * each with its own text.
 */
final class CustomerMail {

  private CustomerMail() {}

  /** A mail about the ticket to its customer user with the text of {@code event} (closed, pending reminder). */
  static Future<Void> about(SqlClient tx, TicketTags tags, long ticketId, java.util.UUID actor, String event) {
    return tx.preparedQuery(NotificationSql.TICKET_CUSTOMER).execute(Tuple.of(ticketId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      NotificationText.Recipient to = new NotificationText.Recipient(row.getString("login"), row.getString("email"),
          row.getString("first_name"), row.getString("last_name"), row.getString("language"));
      return tags.of(tx, ticketId, actor)
          .compose(values -> NotificationText.of(tx, List.of(event)).map(texts -> {
            NotificationText text = NotificationText.choose(texts, event, to.language());
            return text == null ? null : text.fill(values, to, null);
          }))
          .compose(filled -> filled == null ? Future.succeededFuture()
              : MailQueue.enqueue(tx, List.of(new MailQueue.Message(ticketId, event.replace('.', ':'), to.email(),
                  filled.subject(), filled.body(), true))));
    });
  }

  static Future<Void> answer(SqlClient tx, TicketTags tags, long ticketId, long articleId) {
    return tx.preparedQuery(NotificationSql.ANSWER_MAIL).execute(Tuple.of(articleId)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture();
      }
      Row row = rows.iterator().next();
      String subject = row.getString("subject") != null && !row.getString("subject").isBlank()
          ? row.getString("subject") : row.getString("title");
      String email = row.getString("email");
      Map<String, String> answer = Map.of("OTRS_AGENT_SUBJECT", subject == null ? "" : subject,
          "OTRS_AGENT_BODY", row.getString("text"));
      NotificationText.Recipient to = new NotificationText.Recipient(row.getString("login"), email,
          row.getString("first_name"), row.getString("last_name"), row.getString("language"));
      return tags.of(tx, ticketId, row.getUUID("create_by"))
          .compose(values -> NotificationText.of(tx, List.of(NotificationText.CUSTOMER_ANSWER)).map(texts -> {
            NotificationText text = NotificationText.choose(texts, NotificationText.CUSTOMER_ANSWER, to.language());
            return text == null ? new NotificationText.Filled(subject, row.getString("text"))
                : text.fill(values, to, null, answer);
          }))
          .compose(filled -> MailQueue.enqueue(tx, List.of(new MailQueue.Message(ticketId, "customer:answer", email,
              filled.subject(), filled.body(), false))));
    });
  }
}
