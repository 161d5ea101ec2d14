package org.gotrs.reply;

/**
 * What an agent's article says beyond its text, as {@link ReplyInput} read it: the article it answers (and whether to
 * all who got it), the article it forwards, the state the ticket moves to (a pending one with its time, in epoch
 * seconds), and whether the queue's salutation and signature go around the text.
 */
record Reply(Long replyToArticleId, boolean replyAll, Long forwardOfArticleId, String nextState, Long pendingUntil,
             boolean decorate) {

  /** An article that is neither: a note, or an e-mail written from scratch. */
  static final Reply NONE = new Reply(null, false, null, null, null, true);

  boolean answers() {
    return replyToArticleId != null;
  }

  boolean forwards() {
    return forwardOfArticleId != null;
  }

  /** Whether the request named anything only an agent may ask for. */
  boolean namesAnything() {
    return answers() || replyAll || forwards() || nextState != null || pendingUntil != null;
  }
}
