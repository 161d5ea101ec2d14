package org.gotrs.demo;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.gotrs.article.ArticleDraft;

/** A demo ticket as it will be written: its fields, its conversation and its history, all in the past. */
record PlannedTicket(
    Instant created,
    Instant changed,
    String title,
    int queueId,
    int stateId,
    int priorityId,
    Integer typeId,
    Integer serviceId,
    Integer slaId,
    UUID ownerId,
    int lockId,
    long untilTime,
    String customerId,
    UUID customerUserId,
    String source,
    List<String> tags,
    UUID createdBy,
    List<Article> articles,
    List<History> history) {

  /** Stands for the ticket number in history texts: it is drawn only when the ticket is written. */
  static final String TN = "{tn}";

  /** One article: what {@link org.gotrs.article.ArticleStore} would write, at a time in the past. */
  record Article(Instant at, ArticleDraft draft, UUID createdBy, boolean read) {}

  /**
   * One ticket_history row; the queue, state and owner are the ticket's at that moment.
   *
   * @param article the index into the ticket's articles, or -1
   */
  record History(Instant at, String type, String name, String oldValue, String newValue, int article, int queueId,
                 int stateId, UUID ownerId, UUID createdBy) {}
}
