package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.gotrs.permission.Principal;

/**
 * The tickets a list filter finds for an agent, a run at a time, newest first: what a bulk action on "all N matching"
 * works through. Each run continues after the last ticket of the one before (by id), so tickets the action took out of
 * the filter, or left in it, are neither skipped nor taken twice.
 */
public final class MatchingTickets {

  /** One run: the tickets' ids, the cursor of the rest (null after the last run), and how many match in all now. */
  public record Run(List<Long> ticketIds, String nextCursor, long total) {}

  private final TicketList list;

  public MatchingTickets(TicketService tickets, Clock clock) {
    this.list = tickets.lister(clock);
  }

  /**
   * @param filters the list's query parameters, as a saved view holds them (422 when one is not a filter)
   * @param cursor  where the previous run ended, or null for the first
   */
  public Future<Run> run(Principal agent, JsonObject filters, String cursor, int limit) {
    MultiMap page = MultiMap.caseInsensitiveMultiMap().add("limit", String.valueOf(limit));
    if (cursor != null) {
      page.add("cursor", cursor);
    }
    TicketQuery query = TicketQuery.fromFilters(filters, "-created", page);
    TicketQuery counted = TicketQuery.fromFilters(filters, "-created", null);
    return list.count(agent, counted).compose(total -> list.list(agent, query).map(found -> {
      List<Long> ids = new ArrayList<>();
      for (Object item : found.items()) {
        ids.add(item instanceof TicketList.Hit hit ? hit.ticket().id() : ((Ticket) item).id());
      }
      return new Run(ids, found.nextCursor(), total);
    }));
  }
}
