package org.gotrs.chat;

import io.vertx.core.Future;
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
  private final DomainEvents events;

  ChatTranscript(ArticleService articles, DomainEvents events) {
    this.articles = articles;
    this.events = events;
  }

  /** Adds one message to the chat's ticket in the caller's transaction; the chat is locked by the caller. */
  Future<ChatMessage> write(SqlClient tx, Actor actor, Chat chat, int senderType, String name, String text) {
    String from = senderType == ArticleDraft.CUSTOMER ? name + " <" + chat.customerEmail() + ">" : name;
    var draft = new ArticleDraft(CHAT_EXTERNAL, senderType, from, null, null, "Chat with " + chat.customerName(),
        ArticleBody.of(ArticleBody.TEXT_PLAIN, text), false, null, null, null, 0);
    return articles.addInTransaction(tx, actor, chat.ticketId(), draft).compose(article -> {
      var message = new ChatMessage(article.id(), sender(senderType), name, article.body(), article.createTime());
      return events.record(tx, EventName.CHAT_MESSAGE, chat.topics(), data(chat).mergeIn(message.toJson())).map(message);
    });
  }

  /** The messages so far, in order; customers see only what was said to them, agents also internal lines. */
  Future<List<ChatMessage>> read(SqlClient client, Chat chat, boolean forCustomer) {
    return client.preparedQuery("""
            SELECT a.id, a.article_sender_type_id, a.body, a.create_time, a.from_address,
                   coalesce(nullif(trim(coalesce(u.first_name, '') || ' ' || coalesce(u.last_name, '')), ''), u.login) AS agent
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
                row.getLocalDateTime("create_time").toInstant(ZoneOffset.UTC)));
          }
          return messages;
        });
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
