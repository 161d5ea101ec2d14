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
 * agent ("Escalated", "Pending reached"): a count begun after an agent asked is as fresh as that agent needs, so the
 * agents counting the same filters in one round of recounts share one query, not one each. Each caller hears the
 * result on its own context.
 */
final class SharedViewCounts {

  /** A count and when it began ({@link System#nanoTime}). */
  private record Begun(long at, Future<CountedByQueue> count) {}

  private final Map<String, Begun> latest = new ConcurrentHashMap<>();

  /** The newest count of these filters if it began at or after {@code askedAt}, else a new one made by {@code count}. */
  Future<CountedByQueue> count(String filters, long askedAt, Supplier<Future<CountedByQueue>> count) {
    Begun shared = latest.compute(filters, (key, newest) -> newest != null && newest.at() - askedAt >= 0 ? newest
        : new Begun(System.nanoTime(), Future.future(promise -> count.get().onComplete(promise))));
    Context caller = Vertx.currentContext();
    if (caller == null) {
      return shared.count();
    }
    Promise<CountedByQueue> heard = Promise.promise();
    shared.count().onComplete(done -> caller.runOnContext(ignored -> heard.handle(done)));
    return heard.future();
  }
}
