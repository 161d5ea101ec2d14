package org.gotrs.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.ticket.SavedViews.Tally;

/**
 * One agent's saved-view counts, kept from the ticket events' before and after state: a view whose filters the
 * ticket's own fields decide ({@link org.gotrs.ticket.ViewMatch}) adds one when a ticket comes to match it and takes
 * one when a ticket stops matching; a view they do not decide, or an event that does not say what the ticket was
 * before, marks the view to be counted again. Each view's count knows the events it includes (by number, and by id for
 * those committed but not numbered yet), so none is counted twice; events heard while a count is under way wait and
 * are applied after it.
 */
final class ViewCounters {

  /** A ticket event's ticket before (null: it did not exist) and after, and the changed fields it does not tell. */
  record TicketChange(long id, long seq, JsonObject before, JsonObject after, Set<String> unknown) {

    /** The change an event describes, or null when the event names a ticket but not what changed. */
    static TicketChange of(CommittedEvent event) {
      JsonObject after = event.data().getJsonObject("ticket");
      if (after == null) {
        return null;
      }
      if (event.name() == EventName.TICKET_CREATED) {
        return new TicketChange(event.id(), event.seq(), null, after, Set.of());
      }
      JsonObject previous = event.data().getJsonObject("previous");
      JsonArray changed = event.data().getJsonArray("changed");
      if (previous == null || changed == null
          || event.name() != EventName.TICKET_UPDATED && event.name() != EventName.TICKET_MOVED) {
        return null;
      }
      JsonObject before = after.copy();
      previous.forEach(field -> before.put(field.getKey(), field.getValue()));
      Set<String> unknown = new LinkedHashSet<>();
      changed.forEach(name -> {
        if (!previous.containsKey(String.valueOf(name))) {
          unknown.add(String.valueOf(name));
        }
      });
      return new TicketChange(event.id(), event.seq(), before, after, unknown);
    }
  }

  private final Map<Long, Tally> tallies = new LinkedHashMap<>();
  private final Map<Long, Long> counts = new LinkedHashMap<>();
  private final Set<Long> stale = new LinkedHashSet<>();
  private final List<TicketChange> heardWhileCounting = new ArrayList<>();
  private boolean everything = true;
  private boolean firstCountDone;
  private int countsUnderWay;

  /** Views to count again: all of them (null) at the start, after a view was saved, or when asked. */
  void countAllAgain() {
    everything = true;
  }

  boolean needsCounting() {
    return everything || !stale.isEmpty();
  }

  boolean counting() {
    return countsUnderWay > 0;
  }

  /** Before the first count of every view, there is nothing to send. */
  boolean needsFirstCount() {
    return !firstCountDone;
  }

  /** The views to count now (null: all), taken off the list; the caller counts them and calls {@link #counted}. */
  Set<Long> takeForCounting() {
    countsUnderWay++;
    if (everything) {
      everything = false;
      stale.clear();
      return null;
    }
    Set<Long> views = new LinkedHashSet<>(stale);
    stale.clear();
    return views;
  }

  /**
   * Fresh counts of the views taken for counting; with {@code all}, views not among them no longer exist. Changes
   * heard meanwhile are applied to each view after its count's sequence number.
   */
  void counted(Collection<Tally> fresh, boolean all, Viewer viewer) {
    if (all) {
      Set<Long> present = new LinkedHashSet<>();
      fresh.forEach(tally -> present.add(tally.viewId()));
      tallies.keySet().retainAll(present);
      counts.keySet().retainAll(present);
      firstCountDone = true;
    }
    for (Tally tally : fresh) {
      tallies.put(tally.viewId(), tally);
      counts.put(tally.viewId(), tally.count());
      heardWhileCounting.forEach(change -> apply(tally, change, viewer));
    }
    if (--countsUnderWay == 0) {
      heardWhileCounting.clear();
    }
  }

  /** A count that failed: its views are counted again later. */
  void countFailed() {
    countsUnderWay--;
    everything = true;
  }

  /** Applies a ticket's change (null: an event that changed a ticket in a way not told) to every view. */
  void heard(TicketChange change, Viewer viewer, List<Integer> queues) {
    if (change == null) {
      if (queues.stream().anyMatch(viewer::reads)) {
        stale.addAll(tallies.keySet());
      }
      return;
    }
    if (countsUnderWay > 0) {
      heardWhileCounting.add(change);
    }
    tallies.values().forEach(tally -> apply(tally, change, viewer));
  }

  /** An event that changes no field a view's match reads: only the views that count again may have moved. */
  void heardOther(Viewer viewer, List<Integer> queues) {
    if (queues.stream().anyMatch(viewer::reads)) {
      tallies.values().stream().filter(tally -> tally.match() == null).forEach(tally -> stale.add(tally.viewId()));
    }
  }

  private void apply(Tally tally, TicketChange change, Viewer viewer) {
    if (tally.includes(change.id(), change.seq())) {
      return;
    }
    var match = tally.match();
    if (match == null || match.reads().stream().anyMatch(change.unknown()::contains)) {
      if (reads(viewer, change.before()) || reads(viewer, change.after())) {
        stale.add(tally.viewId());
      }
      return;
    }
    int delta = (finds(tally, viewer, change.after()) ? 1 : 0) - (finds(tally, viewer, change.before()) ? 1 : 0);
    if (delta != 0) {
      counts.merge(tally.viewId(), (long) delta, Long::sum);
    }
  }

  private static boolean finds(Tally tally, Viewer viewer, JsonObject ticket) {
    return reads(viewer, ticket) && tally.match().test().test(ticket);
  }

  private static boolean reads(Viewer viewer, JsonObject ticket) {
    return ticket != null && viewer.reads(ticket.getInteger("queue_id"));
  }

  /** Every view's count now, by view id. */
  Map<Long, Long> counts() {
    return new LinkedHashMap<>(counts);
  }
}
