package org.gotrs.otrs.importer;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.article.body.ArticleBody;

/**
 * Articles: OTRS 6's {@code article} + {@code article_data_mime} or OTRS 5's single {@code article} table. The OTRS
 * 6 communication channel and visibility (or the OTRS 5 article type) become a GOTRS article type; bodies, message
 * ids and threading headers are kept. What GOTRS has no column for (Reply-To, Bcc) or holds shorter (subject and
 * message id beyond 255 characters) is kept whole in {@code metadata.otrs}.
 */
final class ArticleTable {

  private static final int SHORT_TEXT = 255;

  private ArticleTable() {}

  static TableImport spec(SourceSchema schema) {
    if (schema.splitArticles()) {
      return SourceTable.joined("article", "a", """
          article a LEFT JOIN article_data_mime m ON m.article_id = a.id
          LEFT JOIN communication_channel cc ON cc.id = a.communication_channel_id""", """
          a.ticket_id, a.article_sender_type_id, cc.name AS channel, NULL::text AS article_type,
          a.is_visible_for_customer, m.a_from, m.a_reply_to, m.a_to, m.a_cc, m.a_bcc, m.a_subject, m.a_message_id,
          m.a_message_id_md5, m.a_in_reply_to, m.a_references, m.a_content_type, m.a_body, m.incoming_time,
          a.create_time, a.create_by, a.change_time, a.change_by""", ArticleTable::write);
    }
    return SourceTable.joined("article", "a", "article a LEFT JOIN article_type at ON at.id = a.article_type_id", """
        a.ticket_id, a.article_sender_type_id, NULL::text AS channel, at.name AS article_type,
        NULL::int AS is_visible_for_customer, a.a_from, a.a_reply_to, a.a_to, a.a_cc, NULL::text AS a_bcc, a.a_subject,
        a.a_message_id, a.a_message_id_md5, a.a_in_reply_to, a.a_references, a.a_content_type, a.a_body,
        a.incoming_time, a.create_time, a.create_by, a.change_time, a.change_by""", ArticleTable::write);
  }

  /** The GOTRS article type for an OTRS 6 channel and visibility. */
  static String articleType(String channel, boolean visible) {
    return switch (channel == null ? "" : channel) {
      case "Email" -> visible ? "email-external" : "email-internal";
      case "Phone" -> "phone";
      case "Chat" -> visible ? "chat-external" : "chat-internal";
      default -> visible ? "note-external" : "note-internal";
    };
  }

  /** OTRS 5: internal article types, note-report and internal notifications are hidden from customers. */
  static boolean visibleType(String articleType) {
    return articleType != null && !articleType.endsWith("-internal") && !articleType.equals("note-report")
        && !articleType.equals("email-notification-int");
  }

  private static Future<Map<String, String>> write(SqlClient tx, List<Row> rows) {
    var wanted = new IdMap.Wanted();
    rows.forEach(row -> wanted.add("ticket", row.getValue("ticket_id"))
        .add("article_sender_type", row.getValue("article_sender_type_id"))
        .add("users", row.getValue("create_by")).add("users", row.getValue("change_by")));
    return IdMap.resolve(tx, wanted).compose(refs -> {
      Map<String, String> refused = new LinkedHashMap<>();
      List<Row> accepted = new ArrayList<>();
      for (Row row : rows) {
        if (refs.get("ticket", row.getValue("ticket_id")) == null) {
          refused.put(String.valueOf(row.getValue(0)), "ticket " + row.getValue("ticket_id") + " was not imported");
        } else {
          accepted.add(row);
        }
      }
      return Ids.next(tx, "article", accepted.size()).compose(ids -> insert(tx, accepted, ids, refs))
          .map(done -> refused);
    });
  }

  private static Future<Void> insert(SqlClient tx, List<Row> rows, List<Long> ids, IdMap.Refs refs) {
    int n = rows.size();
    Long[] tickets = new Long[n];
    String[] types = new String[n];
    Integer[] senders = new Integer[n];
    Integer[] visible = new Integer[n];
    Boolean[] internal = new Boolean[n];
    String[] subjects = new String[n];
    String[] messageIds = new String[n];
    String[] contentTypes = new String[n];
    String[] bodies = new String[n];
    String[] htmlBodies = new String[n];
    String[] plainBodies = new String[n];
    UUID[] createdBy = new UUID[n];
    UUID[] changedBy = new UUID[n];
    String[] metadata = new String[n];
    for (int i = 0; i < n; i++) {
      Row row = rows.get(i);
      tickets[i] = refs.bigint("ticket", row.getValue("ticket_id"));
      boolean shown = row.getString("article_type") != null ? visibleType(row.getString("article_type"))
          : Integer.valueOf(1).equals(Cols.integer(row, "is_visible_for_customer"));
      types[i] = row.getString("article_type") != null ? row.getString("article_type")
          : articleType(row.getString("channel"), shown);
      senders[i] = refs.integer("article_sender_type", row.getValue("article_sender_type_id"));
      visible[i] = shown ? 1 : 0;
      internal[i] = "note-internal".equals(types[i]);
      subjects[i] = shorten(row.getString("a_subject"));
      messageIds[i] = shorten(row.getString("a_message_id"));
      ArticleBody body = ArticleBody.of(row.getString("a_content_type"), row.getString("a_body"));
      contentTypes[i] = row.getString("a_content_type");
      bodies[i] = body.body();
      htmlBodies[i] = body.htmlBody();
      plainBodies[i] = body.plainBody();
      createdBy[i] = refs.uuid("users", row.getValue("create_by"));
      changedBy[i] = refs.uuid("users", row.getValue("change_by"));
      metadata[i] = metadata(row);
    }
    return tx.preparedQuery("""
            INSERT INTO article (id, ticket_id, article_type_id, article_sender_type_id, from_address, to_address,
                                 cc_address, subject, message_id, message_id_md5, in_reply_to, "references",
                                 content_type, body, html_body, plain_body, incoming_time, is_visible_for_customer,
                                 internal_note, read_status, create_time, create_by, change_time, change_by, metadata)
            SELECT s.id, s.ticket, (SELECT at.id FROM article_type at WHERE at.name = s.type), s.sender, s.f, s.t, s.c,
                   s.subject, s.mid, s.md5, s.irt, s.refs, s.ct, s.body, s.html, s.plain, s.incoming, s.visible,
                   s.internal, coalesce(s.sender <> 3, true), s.ctime, s.cby, s.mtime, s.mby, s.md::jsonb
              FROM unnest($1::bigint[], $2::bigint[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
                          $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                          $15::text[], $16::text[], $17::int[], $18::int[], $19::boolean[], $20::timestamp[],
                          $21::uuid[], $22::timestamp[], $23::uuid[], $24::text[])
                   AS s(id, ticket, type, sender, f, t, c, subject, mid, md5, irt, refs, ct, body, html, plain, incoming,
                        visible, internal, ctime, cby, mtime, mby, md)""")
        .execute(Tuple.from(new Object[] {ids.toArray(new Long[0]), tickets, types, senders, Cols.text(rows, "a_from"),
            Cols.text(rows, "a_to"), Cols.text(rows, "a_cc"), subjects, messageIds, Cols.text(rows, "a_message_id_md5"),
            Cols.text(rows, "a_in_reply_to"), Cols.text(rows, "a_references"), contentTypes, bodies, htmlBodies,
            plainBodies, Cols.ints(rows, "incoming_time"), visible, internal, Cols.times(rows, "create_time"),
            createdBy, Cols.times(rows, "change_time"), changedBy, metadata}))
        .compose(done -> IdMap.record(tx, "article", List.of(Cols.keys(rows)), Ids.text(ids)));
  }

  private static String shorten(String text) {
    return text == null || text.length() <= SHORT_TEXT ? text : text.substring(0, SHORT_TEXT);
  }

  private static String metadata(Row row) {
    JsonObject otrs = new JsonObject();
    putIfSet(otrs, "reply_to", row.getString("a_reply_to"));
    putIfSet(otrs, "bcc", row.getString("a_bcc"));
    String subject = row.getString("a_subject");
    if (subject != null && subject.length() > SHORT_TEXT) {
      otrs.put("subject", subject);
    }
    String messageId = row.getString("a_message_id");
    if (messageId != null && messageId.length() > SHORT_TEXT) {
      otrs.put("message_id", messageId);
    }
    return otrs.isEmpty() ? "{}" : new JsonObject().put("otrs", otrs).encode();
  }

  private static void putIfSet(JsonObject json, String key, String value) {
    if (value != null && !value.isEmpty()) {
      json.put(key, value);
    }
  }
}
