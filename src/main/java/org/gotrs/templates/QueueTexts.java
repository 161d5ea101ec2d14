package org.gotrs.templates;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;

/**
 * What goes around an agent's reply: the queue's salutation above it and its signature below, with the tags filled
 * for the ticket and the agent writing. For the composer and anything else that writes to customers in a queue's
 * name; it reads in the caller's connection or transaction and checks no permission (the caller has).
 */
public final class QueueTexts {

  /** A text ready to send, in its content type ({@code text/plain; charset=utf-8} or {@code text/html; ...}). */
  public record Text(String text, String contentType) {

    public boolean html() {
      return OtrsTags.isHtml(contentType);
    }
  }

  /** The two texts; either is null when the queue has none or only an invalid one. */
  public record Texts(Text salutation, Text signature) {}

  private static final String SQL = """
      SELECT sa.text AS salutation, sa.content_type AS salutation_type,
             sg.text AS signature, sg.content_type AS signature_type
        FROM queue q
        LEFT JOIN salutation sa ON sa.id = q.salutation_id AND sa.valid_id = 1
        LEFT JOIN signature sg ON sg.id = q.signature_id AND sg.valid_id = 1
       WHERE q.id = $1""";

  private final TicketTags tags;

  public QueueTexts(TicketTags tags) {
    this.tags = tags;
  }

  /** The salutation and signature of queue {@code queueId}, filled for ticket {@code ticketId} and {@code agent}. */
  public Future<Texts> of(SqlClient client, int queueId, long ticketId, UUID agent) {
    return client.preparedQuery(SQL).execute(Tuple.of(queueId)).compose(rows -> {
      Row row = rows.size() == 0 ? null : rows.iterator().next();
      if (row == null || row.getString("salutation") == null && row.getString("signature") == null) {
        return Future.succeededFuture(new Texts(null, null));
      }
      return tags.of(client, ticketId, agent).map(values -> new Texts(
          text(row.getString("salutation"), row.getString("salutation_type"), values),
          text(row.getString("signature"), row.getString("signature_type"), values)));
    });
  }

  private static Text text(String text, String contentType, Map<String, String> values) {
    if (text == null) {
      return null;
    }
    String type = contentType == null ? ContentTypes.PLAIN : contentType;
    return new Text(OtrsTags.fill(text, values, OtrsTags.isHtml(type)), type);
  }
}
