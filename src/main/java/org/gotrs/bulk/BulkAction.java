package org.gotrs.bulk;

import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.article.ArticleDraft;
import org.gotrs.ticket.TicketChanges;

/**
 * One bulk action as {@code POST /tickets/bulk} asked for it: the tickets, in the order given, or a list filter that
 * finds them (the next run of at most {@code runSize} after {@code cursor}), and what happens to each — a change like a PATCH and a note
 * (the note first, so a closing change stays closed), or a merge into one ticket. Null members were not asked for.
 */
record BulkAction(List<Long> ticketIds, JsonObject filter, String cursor, int runSize, TicketChanges changes,
                  ArticleDraft note, Long mergeInto) {

  /** The most tickets one request changes; a client sends the rest in further requests. */
  static final int MAX_TICKETS = 500;

  /** The same action on the tickets its filter found. */
  BulkAction on(List<Long> found) {
    return new BulkAction(found, filter, cursor, runSize, changes, note, mergeInto);
  }
}
