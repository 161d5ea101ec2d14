package org.gotrs.reply;

import java.time.Instant;
import org.gotrs.http.Input;

/** Reads the members of an article request that make it a reply, a forward or a step to the next state. */
final class ReplyInput {

  private ReplyInput() {}

  static Reply parse(Input input) {
    Long replyTo = positiveId(input, "reply_to_article_id");
    Boolean replyAll = input.bool("reply_all", false);
    Long forwardOf = positiveId(input, "forward_of_article_id");
    String nextState = input.string("next_state", false, 200);
    Long pendingUntil = input.has("pending_until") ? pendingUntil(input) : null;
    Boolean decorate = input.bool("decorate", false);
    if (replyTo != null && forwardOf != null) {
      input.error("forward_of_article_id", "a forward answers no article: name reply_to_article_id or this, not both");
    }
    if (Boolean.TRUE.equals(replyAll) && replyTo == null) {
      input.error("reply_all", "needs reply_to_article_id, the article whose recipients it answers");
    }
    if (forwardOf != null && blank(input.json().getValue("to_address"))) {
      input.error("to_address", "is required for a forward");
    }
    return new Reply(replyTo, Boolean.TRUE.equals(replyAll), forwardOf, nextState, pendingUntil,
        !Boolean.FALSE.equals(decorate));
  }

  private static Long positiveId(Input input, String field) {
    Long id = input.longValue(field, false);
    if (id != null && id <= 0) {
      input.error(field, "must be an article id");
      return null;
    }
    return id;
  }

  /** An ISO-8601 UTC time or epoch seconds, within what OTRS's 32-bit {@code until_time} holds. */
  private static Long pendingUntil(Input input) {
    Object value = input.json().getValue("pending_until");
    if (value == null) {
      return null;
    }
    Long seconds;
    if (value instanceof String) {
      Instant instant = input.instant("pending_until", false);
      seconds = instant == null ? null : instant.getEpochSecond();
    } else {
      seconds = input.longValue("pending_until", false);
    }
    if (seconds != null && (seconds < 0 || seconds > Integer.MAX_VALUE)) {
      input.error("pending_until", "must lie between 1970 and 2038 (OTRS stores epoch seconds in 32 bits)");
      return null;
    }
    return seconds;
  }

  private static boolean blank(Object value) {
    return !(value instanceof String text) || text.isBlank();
  }
}
