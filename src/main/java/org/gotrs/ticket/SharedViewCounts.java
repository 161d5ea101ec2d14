package org.gotrs.ticket;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.gotrs.ticket.TicketList.CountedByQueue;

/**
 * Counts by queue of the views whose filters need the database or the clock and find the same tickets for every
 * agent ("Escalated", "Pending reached"): agents counting the same filters at the same time share one count, so a
 * round of recounts costs one query per such filter, not one per agent. Each caller hears the result on its own
 * context.
 */
final class SharedViewCounts {

  private final Map<String, Future<CountedByQueue>> underWay = new ConcurrentHashMap<>();

  /** The count under way for these filters, or a new one made by {@code count}. */
  Future<CountedByQueue> count(String filters, Supplier<Future<CountedByQueue>> count) {
    Promise<CountedByQueue> made = Promise.promise();
    Future<CountedByQueue> shared = underWay.putIfAbsent(filters, made.future());
    if (shared == null) {
      shared = made.future();
      count.get().onComplete(done -> {
        underWay.remove(filters, made.future());
        made.handle(done);
      });
    }
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return shared;
    }
    Promise<CountedByQueue> heard = Promise.promise();
    shared.onComplete(done -> caller.runOnContext(ignored -> heard.handle(done)));
    return heard.future();
  }
}
