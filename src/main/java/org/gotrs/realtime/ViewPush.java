package org.gotrs.realtime;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.ticket.SavedViews;

/**
 * The {@code views} topic of one hub: each subscriber's saved-view counts, pushed as {@code views.counts} with the
 * views whose count changed. Counts are counted exactly once when an agent subscribes and then kept by
 * {@link ViewCounters} from each ticket event's before and after state, so a change costs a comparison per view, not
 * a query; views whose filters need the database or the clock are counted again (at most once per
 * {@link #RECOUNT_MS} per agent), and every view exactly every {@link #EXACT_RECOUNT_MS} as a safety net, after a
 * view was saved and when permissions changed. What each connection was last sent decides what it is sent now.
 */
final class ViewPush {

  static final String TOPIC = "views";
  /** Counter changes within this window share one frame. */
  static final long PUSH_MS = 10;
  /**
   * Views counted again within this window share one count per agent: each count of an agent's views that need the
   * database or the clock is a query per view, so under a stream of changes they are counted twice a second, not
   * after every change (at 1M tickets and 200 changes a second, 20 agents' counts every 150 ms kept the database
   * from the changes themselves).
   */
  static final long RECOUNT_MS = 500;
  /** Every subscribed agent's views are counted exactly this often, in case a counter went wrong. */
  static final long EXACT_RECOUNT_MS = 5 * 60_000;

  /** Events that change no field a view's match reads (a view that needs the database may still change). */
  private static final Set<EventName> NO_FIELD_CHANGED = Set.of(EventName.ARTICLE_CREATED,
      EventName.ESCALATION_WARNING, EventName.ESCALATION_BREACHED, EventName.TICKET_PENDING_REMINDER,
      EventName.TICKET_LINKED, EventName.TICKET_UNLINKED, EventName.TICKET_LOCK_TIMEOUT);

  private final Vertx vertx;
  private final Hub hub;
  private final SavedViews.Tallies tallies;
  private final Map<UUID, ViewCounters> agents = new HashMap<>();
  /** What each connection was last sent, by view id. */
  private final Map<UUID, Map<Long, Long>> sent = new HashMap<>();
  private final Set<UUID> changed = new LinkedHashSet<>();
  private boolean pushScheduled;
  private boolean recountScheduled;

  /** @param tallies an agent's views (all, or those named) each counted exactly now */
  ViewPush(Vertx vertx, Hub hub, SavedViews.Tallies tallies) {
    this.vertx = vertx;
    this.hub = hub;
    this.tallies = tallies;
    vertx.setPeriodic(EXACT_RECOUNT_MS, id -> countAllAgain(null));
  }

  /** A connection subscribed: it gets every count, now or when its agent's first count is done. */
  void subscribed(LiveConnection connection) {
    sent.put(connection.id(), Map.of());
    ViewCounters counters = agents.get(connection.userId());
    if (counters == null) {
      agents.put(connection.userId(), new ViewCounters());
      count(connection.userId());
    } else if (!counters.needsFirstCount()) {
      push(connection, counters.counts());
    }
  }

  void left(LiveConnection connection) {
    sent.remove(connection.id());
    if (connectionsOf(connection.userId()).isEmpty()) {
      agents.remove(connection.userId());
    }
  }

  /** Saved views changed: an agent's (or everyone's, for null) are counted again. */
  void viewsSaved(UUID agent) {
    countAllAgain(agent);
  }

  /** A committed event: the counts it changes follow it, and the views it may change otherwise count again. */
  void heard(CommittedEvent event) {
    if (event.name() == EventName.PERMISSIONS_CHANGED) {
      countAllAgain(null);
      return;
    }
    if (!touchesTickets(event.name()) || agents.isEmpty()) {
      return;
    }
    boolean noFieldChanged = NO_FIELD_CHANGED.contains(event.name());
    ViewCounters.TicketChange change = noFieldChanged ? null : ViewCounters.TicketChange.of(event);
    List<Integer> queues = queuesOf(event.data());
    agents.forEach((agent, counters) -> {
      Viewer viewer = viewerOf(agent);
      if (viewer == null) {
        return;
      }
      if (noFieldChanged) {
        counters.heardOther(viewer, queues);
      } else {
        counters.heard(change, viewer, queues);
        changed.add(agent);
      }
    });
    schedulePush();
    scheduleRecount();
  }

  private static boolean touchesTickets(EventName name) {
    return name != null && (name.wire().startsWith("ticket.") || name.wire().startsWith("escalation.")
        || name == EventName.ARTICLE_CREATED);
  }

  private static List<Integer> queuesOf(JsonObject data) {
    List<Integer> queues = new ArrayList<>(3);
    JsonObject ticket = data.getJsonObject("ticket");
    JsonObject into = data.getJsonObject("into");
    JsonObject previous = data.getJsonObject("previous");
    for (Object queue : new Object[] {ticket == null ? null : ticket.getValue("queue_id"),
        into == null ? null : into.getValue("queue_id"), previous == null ? null : previous.getValue("queue_id"),
        data.getValue("queue_id"), data.getValue("old_queue_id")}) {
      if (queue instanceof Number number) {
        queues.add(number.intValue());
      }
    }
    return queues;
  }

  private void countAllAgain(UUID agent) {
    agents.forEach((user, counters) -> {
      if (agent == null || agent.equals(user)) {
        counters.countAllAgain();
      }
    });
    scheduleRecount();
  }

  private void schedulePush() {
    if (!changed.isEmpty() && !pushScheduled) {
      pushScheduled = true;
      vertx.setTimer(PUSH_MS, id -> {
        pushScheduled = false;
        changed.forEach(this::pushTo);
        changed.clear();
      });
    }
  }

  private void scheduleRecount() {
    if (!recountScheduled && agents.values().stream().anyMatch(ViewCounters::needsCounting)) {
      recountScheduled = true;
      vertx.setTimer(RECOUNT_MS, id -> {
        recountScheduled = false;
        new ArrayList<>(agents.keySet()).forEach(this::count);
      });
    }
  }

  /** Counts the agent's views that need it, unless a count of theirs is still under way. */
  private void count(UUID agent) {
    ViewCounters counters = agents.get(agent);
    Viewer viewer = viewerOf(agent);
    if (counters == null || viewer == null || !counters.needsCounting() || counters.counting()) {
      return;
    }
    Set<Long> only = counters.takeForCounting();
    tallies.of(viewer.principal(), viewer.queues(), only).onComplete(done -> {
      if (done.succeeded()) {
        counters.counted(done.result(), only == null, viewer);
        pushTo(agent);
      } else {
        counters.countFailed();
      }
      scheduleRecount();
    });
  }

  private void pushTo(UUID agent) {
    ViewCounters counters = agents.get(agent);
    if (counters != null && !counters.needsFirstCount()) {
      Map<Long, Long> now = counters.counts();
      connectionsOf(agent).forEach(connection -> push(connection, now));
    }
  }

  private List<LiveConnection> connectionsOf(UUID agent) {
    List<LiveConnection> connections = new ArrayList<>();
    for (LiveConnection connection : hub.subscribers(TOPIC)) {
      if (agent.equals(connection.userId()) && sent.containsKey(connection.id())) {
        connections.add(connection);
      }
    }
    return connections;
  }

  private Viewer viewerOf(UUID agent) {
    for (LiveConnection connection : connectionsOf(agent)) {
      if (connection.viewer() != null) {
        return connection.viewer();
      }
    }
    return null;
  }

  /** The counts that differ from what this connection was last sent, if any. */
  private void push(LiveConnection connection, Map<Long, Long> now) {
    Map<Long, Long> before = sent.get(connection.id());
    if (before == null || connection.isClosed()) {
      return;
    }
    JsonArray differ = new JsonArray();
    now.forEach((view, count) -> {
      if (!count.equals(before.get(view))) {
        differ.add(new JsonObject().put("view_id", view).put("count", count));
      }
    });
    sent.put(connection.id(), now);
    if (!differ.isEmpty()) {
      connection.send(new JsonObject().put("type", "event").put("seq", hub.lastDispatched()).put("topic", TOPIC)
          .put("event", EventName.VIEWS_COUNTS.wire()).put("at", Instant.now().toString())
          .put("data", new JsonObject().put("items", differ)).encode());
    }
  }
}
