package org.gotrs.article;

import org.gotrs.article.body.ArticleBody;

/**
 * An article about to be written, validated. {@code senderTypeId}: 1 agent, 2 system, 3 customer.
 * {@code articleType} names a row of {@code article_type}.
 */
public record ArticleDraft(
    String articleType,
    int senderTypeId,
    String fromAddress,
    String toAddress,
    String ccAddress,
    String subject,
    ArticleBody body,
    boolean internalNote,
    String messageId,
    String inReplyTo,
    String references,
    long incomingTime) {

  public static final int AGENT = 1;
  public static final int SYSTEM = 2;
  public static final int CUSTOMER = 3;

  /** Internal notes and internal article types are never shown to customers. */
  public boolean visibleForCustomer() {
    return !internalNote && !articleType.endsWith("-internal") && !articleType.equals("note-report")
        && !articleType.equals("email-notification-int");
  }

  /** An agent's or the system's email to someone: it goes out through the outbound mail settings. */
  public boolean sendsEmail() {
    return "email-external".equals(articleType) && senderTypeId != CUSTOMER && toAddress != null
        && !toAddress.isBlank();
  }

  public ArticleDraft withSubject(String newSubject) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, toAddress, ccAddress, newSubject, body,
        internalNote, messageId, inReplyTo, references, incomingTime);
  }
}
