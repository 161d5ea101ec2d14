package org.gotrs.article;

import io.vertx.sqlclient.Row;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

/** An article as the API shows it; {@code bccAddress} and the time units accounted with it only to agents. */
public record Article(
    long id,
    long ticketId,
    UUID uuid,
    Integer articleTypeId,
    String articleType,
    Integer articleSenderTypeId,
    String senderType,
    String fromAddress,
    String toAddress,
    String ccAddress,
    String bccAddress,
    String subject,
    String messageId,
    String inReplyTo,
    String references,
    String contentType,
    String body,
    String htmlBody,
    String plainBody,
    boolean internalNote,
    boolean isVisibleForCustomer,
    boolean readStatus,
    String deliveryStatus,
    long incomingTime,
    Instant createTime,
    UUID createBy,
    BigDecimal timeUnit) {

  /** Callers append WHERE/ORDER BY on alias {@code a}. */
  public static final String SELECT = """
      SELECT a.id, a.ticket_id, a.uuid, a.article_type_id, at.name AS article_type, a.article_sender_type_id,
             ast.name AS sender_type, a.from_address, a.to_address, a.cc_address, a.bcc_address, a.subject, a.message_id,
             a.in_reply_to, a."references", a.content_type, a.body, a.html_body, a.plain_body, a.internal_note,
             a.is_visible_for_customer, a.read_status, a.delivery_status, a.incoming_time, a.create_time, a.create_by,
             (SELECT sum(ta.time_unit) FROM time_accounting ta WHERE ta.article_id = a.id) AS time_unit
        FROM article a
        LEFT JOIN article_type at ON at.id = a.article_type_id
        LEFT JOIN article_sender_type ast ON ast.id = a.article_sender_type_id
      """;

  /** What customers may see: visible, not an internal note. */
  public static final String CUSTOMER_VISIBLE = "a.is_visible_for_customer = 1 AND NOT coalesce(a.internal_note, false)";

  /** {@link #CUSTOMER_VISIBLE} for an article already read (an event's): visible, not an internal note. */
  public static boolean customerVisible(boolean internalNote, boolean visibleForCustomer) {
    return visibleForCustomer && !internalNote;
  }

  /** The article as a customer may read it: who else got it blind is not theirs to know. */
  public Article forCustomer() {
    return bccAddress == null && timeUnit == null ? this : new Article(id, ticketId, uuid, articleTypeId, articleType, articleSenderTypeId,
        senderType, fromAddress, toAddress, ccAddress, null, subject, messageId, inReplyTo, references, contentType, body,
        htmlBody, plainBody, internalNote, isVisibleForCustomer, readStatus, deliveryStatus, incomingTime, createTime,
        createBy, null);
  }

  public static Article from(Row row) {
    var created = row.getLocalDateTime("create_time");
    Integer incoming = row.getInteger("incoming_time");
    return new Article(row.getLong("id"), row.getLong("ticket_id"), row.getUUID("uuid"),
        row.getInteger("article_type_id"), row.getString("article_type"), row.getInteger("article_sender_type_id"),
        row.getString("sender_type"), row.getString("from_address"), row.getString("to_address"),
        row.getString("cc_address"), row.getString("bcc_address"), row.getString("subject"), row.getString("message_id"),
        row.getString("in_reply_to"), row.getString("references"), row.getString("content_type"),
        row.getString("body"), row.getString("html_body"), row.getString("plain_body"),
        Boolean.TRUE.equals(row.getBoolean("internal_note")),
        Integer.valueOf(1).equals(row.getInteger("is_visible_for_customer")),
        Boolean.TRUE.equals(row.getBoolean("read_status")), row.getString("delivery_status"),
        incoming == null ? 0 : incoming, created == null ? null : created.toInstant(ZoneOffset.UTC),
        row.getUUID("create_by"), row.getBigDecimal("time_unit"));
  }

  /** The article with the time units accounted on it. */
  public Article withTimeUnit(BigDecimal units) {
    return new Article(id, ticketId, uuid, articleTypeId, articleType, articleSenderTypeId, senderType, fromAddress,
        toAddress, ccAddress, bccAddress, subject, messageId, inReplyTo, references, contentType, body, htmlBody,
        plainBody, internalNote, isVisibleForCustomer, readStatus, deliveryStatus, incomingTime, createTime, createBy,
        units);
  }
}
