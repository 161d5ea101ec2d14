package org.gotrs.article;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.math.BigDecimal;
import java.util.List;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.Problem;

/**
 * Writes and reads article rows; every channel (web, email, chat, phone) adds articles through here, with the time
 * units an agent accounts on one (OTRS's {@code time_accounting}).
 */
public final class ArticleStore {

  private final TicketHistory history;

  public ArticleStore(TicketHistory history) {
    this.history = history;
  }

  /**
   * Inserts the article in the caller's transaction and returns it; 422 when the article type is unknown.
   * An email to send ({@link ArticleDraft#sendsEmail()}) is written with {@code delivery_status} 'queued'.
   */
  public Future<Article> insert(SqlClient tx, long ticketId, ArticleDraft draft, UUID createdBy) {
    String messageIdMd5 = draft.messageId() == null ? null : DigestUtils.md5Hex(draft.messageId());
    return tx.preparedQuery("""
            WITH inserted AS (
              INSERT INTO article (ticket_id, article_type_id, article_sender_type_id, from_address, to_address,
                                   cc_address, subject, message_id, message_id_md5, in_reply_to, "references",
                                   content_type, body, html_body, plain_body, internal_note, is_visible_for_customer,
                                   incoming_time, create_by, change_by, read_status, delivery_status, bcc_address)
              SELECT $1, at.id, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $19,
                     $3 <> 3, $20, $21
                FROM article_type at WHERE at.name = $2 AND at.valid_id = 1
              RETURNING *)
            SELECT a.*, at.name AS article_type, ast.name AS sender_type, NULL::numeric AS time_unit
              FROM inserted a
              JOIN article_type at ON at.id = a.article_type_id
              JOIN article_sender_type ast ON ast.id = a.article_sender_type_id""")
        .execute(Tuple.from(new Object[] {ticketId, draft.articleType(), draft.senderTypeId(), draft.fromAddress(),
            draft.toAddress(), draft.ccAddress(), draft.subject(), draft.messageId(), messageIdMd5,
            draft.inReplyTo(), draft.references(), draft.body().contentType(), draft.body().body(),
            draft.body().htmlBody(), draft.body().plainBody(), draft.internalNote(),
            draft.visibleForCustomer() ? 1 : 0, (int) draft.incomingTime(), createdBy,
            draft.sendsEmail() ? "queued" : null, draft.isAgentEmail() ? draft.bccAddress() : null}))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalid("article_type", "is not a valid article type"))
            : Future.succeededFuture(Article.from(rows.iterator().next())));
  }

  /**
   * Accounts the draft's time units on the new article and records OTRS's {@code TimeAccounting} history entry
   * ({@code %%units%%ticket total}) after the article's own; the article is returned with its units. A draft without
   * units, or with 0 (which satisfies a queue that asks for units, as in OTRS), accounts nothing.
   */
  public Future<Article> accountTime(SqlClient tx, Article article, ArticleDraft draft, UUID agent) {
    BigDecimal units = draft.timeUnit();
    if (units == null || units.signum() == 0) {
      return Future.succeededFuture(units == null ? article : article.withTimeUnit(units));
    }
    return tx.preparedQuery("""
            WITH accounted AS (
              INSERT INTO time_accounting (ticket_id, article_id, time_unit, create_by, change_by)
              VALUES ($1, $2, $3, $4, $4))
            SELECT coalesce(sum(time_unit), 0) + $3 AS total FROM time_accounting WHERE ticket_id = $1""")
        .execute(Tuple.of(article.ticketId(), article.id(), units, agent))
        .compose(rows -> history.record(tx, article.ticketId(), agent, List.of(TicketHistory.Change.of(
            "TimeAccounting", "%%" + TimeUnits.format(units) + "%%"
                + TimeUnits.format(rows.iterator().next().getBigDecimal("total")), null, TimeUnits.format(units))
            .withArticle(article.id()))))
        .map(recorded -> article.withTimeUnit(units));
  }

  /**
   * The articles of a ticket in order; for customers only customer-visible ones, without their Bcc.
   */
  public Future<List<Article>> list(SqlClient client, long ticketId, boolean customerView) {
    String sql = Article.SELECT + " WHERE a.ticket_id = $1" + (customerView ? " AND " + Article.CUSTOMER_VISIBLE : "")
        + " ORDER BY a.id";
    return client.preparedQuery(sql).execute(Tuple.of(ticketId))
        .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(Article::from)
            .map(article -> customerView ? article.forCustomer() : article).toList());
  }
}
