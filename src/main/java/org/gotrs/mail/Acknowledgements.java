package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;

/**
 * "Ticket received" for tickets that did not come by mail: one opened by a customer in the portal, left through the
 * chat's offline form, or opened through the API gets its queue's {@code auto_reply}, the same mechanism and loop rules
 * as a mailed ticket (which the mail import answers itself), sent to the customer user's address.
 */
public final class Acknowledgements {

  private final AutoResponder responder;

  Acknowledgements(AutoResponder responder) {
    this.responder = responder;
  }

  /** Answers the newly opened ticket when it is one that gets an acknowledgement; nothing otherwise. */
  public Future<Void> ticketOpened(SqlClient tx, long ticketId) {
    return tx.preparedQuery("""
            SELECT coalesce(cu.email, first.from_address) AS address, first.subject
              FROM ticket t
              LEFT JOIN customer_user cu ON cu.id = t.customer_user_id
              JOIN LATERAL (SELECT a.from_address, a.subject, a.article_sender_type_id FROM article a
                             WHERE a.ticket_id = t.id ORDER BY a.id LIMIT 1) first ON TRUE
             WHERE t.id = $1
               AND (t.source = 'api'
                    OR t.source IN ('web', 'chat') AND first.article_sender_type_id = 3)
               AND NOT EXISTS (SELECT 1 FROM chat c WHERE c.ticket_id = t.id)""")
        .execute(Tuple.of(ticketId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.succeededFuture();
          }
          Row row = rows.iterator().next();
          return responder.acknowledge(tx, ticketId, address(row.getString("address")), row.getString("subject"));
        });
  }

  /** The bare address of {@code Name <address>}, or null when there is none. */
  private static String address(String mailbox) {
    if (mailbox == null || mailbox.isBlank()) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parse(mailbox, false);
      return parsed.length == 0 ? null : parsed[0].getAddress();
    } catch (AddressException e) {
      return null;
    }
  }
}
