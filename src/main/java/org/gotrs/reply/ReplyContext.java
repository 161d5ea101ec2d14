package org.gotrs.reply;

import io.vertx.sqlclient.Row;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a reply is written against, read in its transaction: the ticket's state, queue, title and customer address, the
 * article it answers or forwards (null when not on this ticket), the state asked for (null when none or not valid).
 */
record ReplyContext(int stateType, int queueId, String title, String customerEmail, Replied replied, Long forwardedId,
                    String forwardedSubject, NextState next, Set<String> ownAddresses) {

  /** The article answered: who wrote it to whom, and its mail identity for the thread. */
  record Replied(long id, int senderType, String from, String to, String cc, String subject, String messageId,
                 String references) {}

  record NextState(String name, int type) {}

  static ReplyContext from(Row row) {
    Long repliedId = row.getLong("replied_id");
    Replied replied = repliedId == null ? null : new Replied(repliedId, row.getInteger("replied_sender"),
        row.getString("replied_from"), row.getString("replied_to"), row.getString("replied_cc"),
        row.getString("replied_subject"), row.getString("replied_message_id"), row.getString("replied_references"));
    NextState next = row.getInteger("next_state_id") == null ? null
        : new NextState(row.getString("next_state"), row.getInteger("next_state_type"));
    String[] own = row.getArrayOfStrings("own_addresses");
    return new ReplyContext(row.getInteger("state_type"), row.getInteger("queue_id"), row.getString("title"), row.getString("customer_email"),
        replied, row.getLong("forwarded_id"), row.getString("forwarded_subject"), next,
        own == null ? Set.of() : Arrays.stream(own).collect(Collectors.toUnmodifiableSet()));
  }
}
