package org.gotrs.ticket;

import java.util.List;
import java.util.UUID;
import org.gotrs.article.Article;
import org.gotrs.article.ArticleDraft;

/**
 * A ticket a channel (email) opens on its own authority: it has already chosen the queue and, if it wants,
 * state, priority and customer. Null means "the default". {@code assignAutomatically}: whether the queue's automatic
 * assignment may give it an owner (a live chat is offered to an agent instead, who owns it on accepting).
 */
public record ChannelTicket(
    String title,
    Integer queueId,
    Integer stateId,
    Integer priorityId,
    UUID customerUserId,
    List<String> tags,
    String source,
    ArticleDraft article,
    boolean assignAutomatically) {

  public ChannelTicket(String title, Integer queueId, Integer stateId, Integer priorityId, UUID customerUserId,
                       List<String> tags, String source, ArticleDraft article) {
    this(title, queueId, stateId, priorityId, customerUserId, tags, source, article, true);
  }

  /** The new ticket with its first article. */
  public record Opened(Ticket ticket, Article article) {}
}
