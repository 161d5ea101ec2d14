package org.gotrs.chat;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleService;
import org.gotrs.article.body.ArticleBody;
import org.gotrs.attachment.Attachment;
import org.gotrs.attachment.AttachmentService;
import org.gotrs.attachment.ReceivedFile;
import org.gotrs.attachment.ReceivedUpload;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.permission.Actor;

/**
 * The conversation of a chat: every message is a {@code chat-external} article on the chat's ticket, written as
 * {@code text/plain} (never HTML) through the article service, with a {@code chat.message} event in the same
 * transaction. Reading it back is reading those articles.
 */
final class ChatTranscript {

  static final String CHAT_EXTERNAL = "chat-external";

  private final ArticleService articles;
  private final AttachmentService attachments;
  private final DomainEvents events;

  ChatTranscript(ArticleService articles, AttachmentService attachments, DomainEvents events) {
    this.articles = articles;
    this.attachments = attachments;
    this.events = events;
  }

  /** Adds one message to the chat's ticket in the caller's transaction; the chat is locked by the caller. */
  Future<ChatMessage> write(SqlClient tx, Actor actor, Chat chat, int senderType, String name, String text) {
    return write(tx, actor, chat, senderType, name, text, null);
  }

  /**
   * Adds one message with the received files as its article's attachments; its text names the files, so the
   * ticket reads well where files are not shown inline.
   */
  Future<ChatMessage> writeFiles(SqlClient tx, Actor actor, Chat chat, int senderType, String name,
                                 ReceivedUpload upload) {
    String text = String.join(", ", upload.files().stream().map(ReceivedFile::filename).toList());
    return write(tx, actor, chat, senderType, name, text, upload);
  }

  private Future<ChatMessage> write(SqlClient tx, Actor actor, Chat chat, int senderType, String name, String text,
                                    ReceivedUpload upload) {
    String from = senderType == ArticleDraft.CUSTOMER ? name + " <" + chat.customerEmail() + ">" : name;
    var draft = new ArticleDraft(CHAT_EXTERNAL, senderType, from, null, null, "Chat with " + chat.customerName(),
        ArticleBody.of(ArticleBody.TEXT_PLAIN, text), false, null, null, null, 0);
    return articles.addInTransaction(tx, actor, chat.ticketId(), draft).compose(article -> {
      Future<List<Attachment>> files = upload == null ? Future.succeededFuture(List.of())
          : attachments.saveInTransaction(tx, actor, chat.ticketId(), article.id(), upload);
      return files.compose(saved -> {
        var message = new ChatMessage(article.id(), sender(senderType), name, article.body(), article.createTime(),
            saved.stream().map(file -> ChatMessage.ChatFile.of(chat.id(), file.id(), file.filename(), file.contentSize(),
                file.contentType())).toList());
        return events.record(tx, EventName.CHAT_MESSAGE, chat.topics(), data(chat).mergeIn(message.toJson()))
            .map(message);
      });
    });
  }

  /** The messages so far, in order; customers see only what was said to them, agents also internal lines. */
  Future<List<ChatMessage>> read(SqlClient client, Chat chat, boolean forCustomer) {
    return client.preparedQuery("""
            SELECT a.id, a.article_sender_type_id, a.body, a.create_time, a.from_address,
                   coalesce(nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), ''), u.login) AS agent,
                   (SELECT json_agg(json_build_object('id', aa.id, 'filename', aa.filename, 'content_type', aa.content_type,
                                                      'size', CASE WHEN aa.content_size ~ '^[0-9]{1,18}$'
                                                                   THEN aa.content_size::bigint END) ORDER BY aa.id)
                      FROM article_attachment aa WHERE aa.article_id = a.id) AS attachments
              FROM article a
              JOIN article_type at ON at.id = a.article_type_id
              LEFT JOIN users u ON u.id = a.create_by
             WHERE a.ticket_id = $1 AND at.name = ANY ($2)
             ORDER BY a.id""")
        .execute(Tuple.tuple().addLong(chat.ticketId()).addArrayOfString(forCustomer ? new String[] {CHAT_EXTERNAL}
            : new String[] {CHAT_EXTERNAL, "chat-internal"}))
        .map(rows -> {
          List<ChatMessage> messages = new ArrayList<>();
          for (Row row : rows) {
            int senderType = row.getInteger("article_sender_type_id");
            String name = senderType == ArticleDraft.CUSTOMER ? chat.customerName()
                : senderType == ArticleDraft.AGENT && row.getString("agent") != null ? row.getString("agent")
                : row.getString("from_address");
            messages.add(new ChatMessage(row.getLong("id"), sender(senderType), name, row.getString("body"),
                row.getLocalDateTime("create_time").toInstant(ZoneOffset.UTC), files(chat, row)));
          }
          return messages;
        });
  }

  private static List<ChatMessage.ChatFile> files(Chat chat, Row row) {
    Object value = row.getValue("attachments");
    JsonArray files = value instanceof JsonArray array ? array : value == null ? null : new JsonArray(value.toString());
    if (files == null) {
      return List.of();
    }
    return files.stream().map(JsonObject.class::cast).map(file -> ChatMessage.ChatFile.of(chat.id(), file.getLong("id"),
        file.getString("filename"), file.getLong("size"), file.getString("content_type"))).toList();
  }

  /** A message as written: the ticket's opening article, say. */
  ChatMessage message(Chat chat, Article article) {
    int senderType = article.articleSenderTypeId();
    String name = senderType == ArticleDraft.CUSTOMER ? chat.customerName() : article.fromAddress();
    return new ChatMessage(article.id(), sender(senderType), name, article.body(), article.createTime());
  }

  /** What every chat event carries, so consumers can route it without a lookup. */
  static JsonObject data(Chat chat) {
    return new JsonObject().put("chat_id", chat.id()).put("ticket_id", chat.ticketId()).put("queue_id", chat.queueId());
  }

  static String sender(int senderType) {
    return switch (senderType) {
      case ArticleDraft.CUSTOMER -> "customer";
      case ArticleDraft.AGENT -> "agent";
      default -> "system";
    };
  }
}
