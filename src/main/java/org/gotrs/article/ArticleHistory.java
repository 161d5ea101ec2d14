package org.gotrs.article;

import io.vertx.core.json.JsonObject;
import org.gotrs.history.TicketHistory;

/** How a new article shows in the ticket's history and in the live stream. */
public final class ArticleHistory {

  private static final int PREVIEW_CHARS = 500;

  private ArticleHistory() {}

  /** The OTRS history type for an article, by who wrote it and through which channel. */
  public static TicketHistory.Change forNewArticle(ArticleDraft draft) {
    String type = switch (draft.senderTypeId()) {
      case ArticleDraft.CUSTOMER -> switch (draft.articleType()) {
        case "phone" -> "PhoneCallCustomer";
        case "email-external", "email-internal" -> "EmailCustomer";
        case "webrequest", "chat-external" -> "WebRequestCustomer";
        default -> "FollowUp";
      };
      case ArticleDraft.SYSTEM -> "SystemRequest";
      default -> switch (draft.articleType()) {
        case "phone" -> "PhoneCallAgent";
        case "email-external" -> "SendAnswer";
        case "email-internal" -> "EmailAgent";
        default -> "AddNote";
      };
    };
    String subject = draft.subject() == null ? "" : draft.subject();
    return TicketHistory.Change.of(type, "%%" + subject, null, draft.articleType());
  }

  /** A customer writing to an existing ticket is a follow-up, whatever the channel. */
  public static TicketHistory.Change forFollowUp(ArticleDraft draft) {
    if (draft.senderTypeId() != ArticleDraft.CUSTOMER) {
      return forNewArticle(draft);
    }
    return TicketHistory.Change.of("FollowUp", "%%" + (draft.subject() == null ? "" : draft.subject()), null,
        draft.articleType());
  }

  /** The data of an {@code article.created} event: enough to show it in a list, not the whole body. */
  public static JsonObject eventData(long ticketId, Integer queueId, String ticketSource, Article article) {
    String plain = article.plainBody() == null ? "" : article.plainBody();
    return new JsonObject()
        .put("ticket_id", ticketId)
        .put("queue_id", queueId)
        .put("source", ticketSource)
        .put("article", new JsonObject()
            .put("id", article.id())
            .put("subject", article.subject())
            .put("article_type", article.articleType())
            .put("sender_type", article.senderType())
            .put("from_address", article.fromAddress())
            .put("internal_note", article.internalNote())
            .put("is_visible_for_customer", article.isVisibleForCustomer())
            .put("preview", plain.length() <= PREVIEW_CHARS ? plain : plain.substring(0, PREVIEW_CHARS))
            .put("create_by", article.createBy() == null ? null : article.createBy().toString())
            .put("create_time", article.createTime() == null ? null : article.createTime().toString()));
  }
}
