package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.ext.mail.MailAttachment;
import io.vertx.ext.mail.MailMessage;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;
import org.gotrs.attachment.AttachmentStore;

/**
 * An article as the email that leaves the house: from the queue's system address, the ticket number in the
 * subject, a Message-ID made from the article's UUID (the same on every attempt), and In-Reply-To/References
 * pointing at the customer message it answers, so the customer's mail program and the help desk both keep
 * the thread. Auto-responses say so ({@code Auto-Submitted}, {@code X-Loop}) so that machines do not answer.
 */
record OutgoingMail(long articleId, UUID uuid, long ticketId, String tn, int senderTypeId, String fromAddress,
                    String fromName, String to, String cc, String bcc, String subject, String html, String text,
                    String inReplyTo, String references) {

  static final String DEFAULT_ADDRESS = "gotrs@localhost";

  /** The article if it is still waiting to be sent; null when it was sent or given up meanwhile. */
  static Future<OutgoingMail> load(SqlClient client, long articleId) {
    return client.preparedQuery("""
            SELECT a.id, a.uuid, a.ticket_id, a.article_sender_type_id, a.to_address, a.cc_address, a.bcc_address,
                   a.subject, a.body, a.html_body, a.plain_body, a.in_reply_to, a."references", t.tn,
                   sa.value0 AS address, sa.value1 AS display_name,
                   answered.message_id AS answered_id, answered."references" AS answered_references
              FROM article a
              JOIN ticket t ON t.id = a.ticket_id
              LEFT JOIN queue q ON q.id = t.queue_id
              LEFT JOIN system_address sa ON sa.id = q.system_address_id
              LEFT JOIN LATERAL (
                SELECT p.message_id, p."references" FROM article p
                 WHERE p.ticket_id = a.ticket_id AND p.id < a.id AND p.article_sender_type_id = 3
                   AND p.message_id IS NOT NULL
                 ORDER BY p.id DESC LIMIT 1) answered ON TRUE
             WHERE a.id = $1 AND a.delivery_status IN ('queued', 'retry')""")
        .execute(Tuple.of(articleId))
        .map(rows -> rows.size() == 0 ? null : from(rows.iterator().next()));
  }

  private static OutgoingMail from(Row row) {
    String inReplyTo = row.getString("in_reply_to");
    String references = row.getString("references");
    String answered = row.getString("answered_id");
    if (inReplyTo == null && answered != null) {
      inReplyTo = answered;
      String earlier = row.getString("answered_references");
      references = ((earlier == null ? "" : earlier + " ") + answered).strip();
    }
    String html = row.getString("html_body");
    String text = html != null ? row.getString("plain_body") : row.getString("body");
    return new OutgoingMail(row.getLong("id"), row.getUUID("uuid"), row.getLong("ticket_id"), row.getString("tn"),
        row.getInteger("article_sender_type_id"),
        row.getString("address") != null ? row.getString("address") : DEFAULT_ADDRESS, row.getString("display_name"),
        row.getString("to_address"), row.getString("cc_address"), row.getString("bcc_address"),
        row.getString("subject"), html, text, inReplyTo,
        references);
  }

  /** {@code <article-uuid@domain-of-the-system-address>}. */
  String messageId() {
    int at = fromAddress.lastIndexOf('@');
    return "<" + uuid + "@" + (at >= 0 ? fromAddress.substring(at + 1) : "localhost") + ">";
  }

  String from() {
    return mailbox(fromName, fromAddress);
  }

  String fullSubject() {
    return TicketSubject.format(tn, subject);
  }

  boolean autoResponse() {
    return senderTypeId == ArticleDraft.SYSTEM;
  }

  MailMessage message(List<AttachmentStore.Content> files) throws AddressException {
    MultiMap headers = MultiMap.caseInsensitiveMultiMap().add("Message-ID", messageId());
    if (inReplyTo != null) {
      headers.add("In-Reply-To", inReplyTo);
    }
    if (references != null && !references.isBlank()) {
      headers.add("References", references);
    }
    if (autoResponse()) {
      headers.add("Auto-Submitted", "auto-replied").add("X-Loop", fromAddress);
    }
    MailMessage message = new MailMessage()
        .setFrom(from())
        .setTo(addresses(to))
        .setSubject(fullSubject())
        .setHeaders(headers);
    if (cc != null && !cc.isBlank()) {
      message.setCc(addresses(cc));
    }
    if (bcc != null && !bcc.isBlank()) {
      message.setBcc(addresses(bcc));
    }
    List<MailAttachment> attached = new ArrayList<>();
    List<MailAttachment> inline = new ArrayList<>();
    if (html != null) {
      message.setHtml(InlineImages.extract(html, messageId(), inline));
    }
    message.setText(text == null ? "" : text);
    for (AttachmentStore.Content file : files) {
      MailAttachment attachment = MailAttachment.create().setData(file.bytes()).setName(file.filename())
          .setContentType(file.contentType());
      if (html != null && "inline".equals(file.disposition()) && file.contentId() != null) {
        inline.add(attachment.setDisposition("inline").setContentId("<" + file.contentId() + ">"));
      } else {
        attached.add(attachment.setDisposition("attachment"));
      }
    }
    return message.setAttachment(attached).setInlineAttachment(inline);
  }

  /** Each address of a list, as the mail client takes it ({@code Name <address>}). */
  static List<String> addresses(String list) throws AddressException {
    return Arrays.stream(InternetAddress.parse(list, false))
        .map(address -> mailbox(address.getPersonal(), address.getAddress()))
        .toList();
  }

  static String mailbox(String name, String address) {
    String clean = name == null ? "" : name.replaceAll("[\"<>\\r\\n]", "").strip();
    return clean.isEmpty() ? address : clean + " <" + address + ">";
  }
}
