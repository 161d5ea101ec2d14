package org.gotrs.article;

import java.math.BigDecimal;
import org.gotrs.article.body.ArticleBody;

/**
 * An article about to be written, validated. {@code senderTypeId}: 1 agent, 2 system, 3 customer.
 * {@code articleType} names a row of {@code article_type}; {@code bccAddress} is for an agent's e-mail only.
 * {@code timeUnit}: the time units an agent accounts with the article (OTRS's time accounting), or null.
 */
public record ArticleDraft(
    String articleType,
    int senderTypeId,
    String fromAddress,
    String toAddress,
    String ccAddress,
    String bccAddress,
    String subject,
    ArticleBody body,
    boolean internalNote,
    String messageId,
    String inReplyTo,
    String references,
    long incomingTime,
    BigDecimal timeUnit) {

  public static final int AGENT = 1;
  public static final int SYSTEM = 2;
  public static final int CUSTOMER = 3;

  /** An article that accounts no time. */
  public ArticleDraft(String articleType, int senderTypeId, String fromAddress, String toAddress, String ccAddress,
                      String bccAddress, String subject, ArticleBody body, boolean internalNote, String messageId,
                      String inReplyTo, String references, long incomingTime) {
    this(articleType, senderTypeId, fromAddress, toAddress, ccAddress, bccAddress, subject, body, internalNote,
        messageId, inReplyTo, references, incomingTime, null);
  }

  /** An article without Bcc: what every channel but an agent's e-mail writes. */
  public ArticleDraft(String articleType, int senderTypeId, String fromAddress, String toAddress, String ccAddress,
                      String subject, ArticleBody body, boolean internalNote, String messageId, String inReplyTo,
                      String references, long incomingTime) {
    this(articleType, senderTypeId, fromAddress, toAddress, ccAddress, null, subject, body, internalNote, messageId,
        inReplyTo, references, incomingTime, null);
  }

  /** Internal notes and internal article types are never shown to customers. */
  public boolean visibleForCustomer() {
    return !internalNote && !articleType.endsWith("-internal") && !articleType.equals("note-report")
        && !articleType.equals("email-notification-int");
  }

  /** An agent's or the system's email to someone: it goes out through the outbound mail settings. */
  public boolean sendsEmail() {
    return isAgentEmail() && toAddress != null && !toAddress.isBlank();
  }

  /** An agent's e-mail: sent by an agent (or the system) as {@code email-external}. */
  public boolean isAgentEmail() {
    return "email-external".equals(articleType) && senderTypeId != CUSTOMER;
  }

  public ArticleDraft withSubject(String newSubject) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, toAddress, ccAddress, bccAddress, newSubject, body,
        internalNote, messageId, inReplyTo, references, incomingTime, timeUnit);
  }

  public ArticleDraft withBody(ArticleBody newBody) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, toAddress, ccAddress, bccAddress, subject, newBody,
        internalNote, messageId, inReplyTo, references, incomingTime, timeUnit);
  }

  /** The recipients; null leaves a line empty. */
  public ArticleDraft withRecipients(String to, String cc, String bcc) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, to, cc, bcc, subject, body, internalNote,
        messageId, inReplyTo, references, incomingTime, timeUnit);
  }

  /** The message this one answers, for the mail headers that keep a thread together. */
  public ArticleDraft inThread(String newInReplyTo, String newReferences) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, toAddress, ccAddress, bccAddress, subject, body,
        internalNote, messageId, newInReplyTo, newReferences, incomingTime, timeUnit);
  }

  /** The article with the time units an agent accounts on it. */
  public ArticleDraft withTimeUnit(BigDecimal units) {
    return new ArticleDraft(articleType, senderTypeId, fromAddress, toAddress, ccAddress, bccAddress, subject, body,
        internalNote, messageId, inReplyTo, references, incomingTime, units);
  }
}
