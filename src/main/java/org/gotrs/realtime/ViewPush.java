package org.gotrs.realtime;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.gotrs.events.CommittedEvent;
import org.gotrs.events.EventName;
import org.gotrs.permission.Principal;

/**
 * The {@code views} topic of one hub: each subscriber's saved-view counts, pushed as {@code views.counts} with the
 * views whose count changed. A ticket event marks only the subscribers who read one of its queues (before or after
 * the change); their counts are computed again once per {@link #DEBOUNCE_MS} window, one computation per agent
 * however many events the window had and however many connections the agent has, and what each connection was last
 * sent decides what it is sent now. An agent who cannot see the ticket costs nothing.
 */
final class ViewPush {

  static final String TOPIC = "views";
  /** Events within this window share one count per agent. */
  static final long DEBOUNCE_MS = 150;

  private final Vertx vertx;
  private final Hub hub;
  private final Function<Principal, Future<Map<Long, Long>>> counts;
  /** What each connection was last sent, by view id. */
  private final Map<UUID, Map<Long, Long>> sent = new HashMap<>();
  private final Set<UUID> dirtyUsers = new LinkedHashSet<>();
  private boolean scheduled;
  private boolean flushing;

  /** @param counts an agent's views and how many tickets each finds now */
  ViewPush(Vertx vertx, Hub hub, Function<Principal, Future<Map<Long, Long>>> counts) {
    this.vertx = vertx;
    this.hub = hub;
    this.counts = counts;
  }

  /** A connection subscribed: it gets every count now. */
  void subscribed(LiveConnection connection) {
    sent.put(connection.id(), Map.of());
    counts.apply(connection.principal()).onSuccess(now -> push(connection, now));
  }

  void left(LiveConnection connection) {
    sent.remove(connection.id());
  }

  /** A committed event: subscribers who read a queue it touches count again, soon. */
  void heard(CommittedEvent event) {
    if (!touchesTickets(event.name())) {
      return;
    }
    List<Integer> queues = queuesOf(event.data());
    for (LiveConnection connection : hub.subscribers(TOPIC)) {
      Viewer viewer = connection.viewer();
      if (viewer != null && queues.stream().anyMatch(viewer::reads)) {
        dirtyUsers.add(connection.userId());
      }
    }
    schedule();
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

  private void schedule() {
    if (dirtyUsers.isEmpty() || scheduled || flushing) {
      return;
    }
    scheduled = true;
    vertx.setTimer(DEBOUNCE_MS, id -> flush());
  }

  /** One count per dirty agent, pushed to each of the agent's subscribed connections; events meanwhile wait. */
  private void flush() {
    scheduled = false;
    flushing = true;
    Map<UUID, List<LiveConnection>> byUser = new LinkedHashMap<>();
    for (LiveConnection connection : hub.subscribers(TOPIC)) {
      if (dirtyUsers.contains(connection.userId())) {
        byUser.computeIfAbsent(connection.userId(), user -> new ArrayList<>()).add(connection);
      }
    }
    dirtyUsers.clear();
    List<Future<Void>> pushed = new ArrayList<>();
    byUser.values().forEach(connections -> pushed.add(counts.apply(connections.get(0).principal())
        .map(now -> {
          connections.forEach(connection -> push(connection, now));
          return (Void) null;
        })));
    Future.join(pushed).onComplete(done -> {
      flushing = false;
      schedule();
    });
  }

  /** The counts that differ from what this connection was last sent, if any. */
  private void push(LiveConnection connection, Map<Long, Long> now) {
    Map<Long, Long> before = sent.get(connection.id());
    if (before == null || connection.isClosed()) {
      return;
    }
    JsonArray changed = new JsonArray();
    now.forEach((view, count) -> {
      if (!count.equals(before.get(view))) {
        changed.add(new JsonObject().put("view_id", view).put("count", count));
      }
    });
    sent.put(connection.id(), now);
    if (!changed.isEmpty()) {
      connection.send(new JsonObject().put("type", "event").put("seq", hub.lastDispatched()).put("topic", TOPIC)
          .put("event", EventName.VIEWS_COUNTS.wire()).put("at", Instant.now().toString())
          .put("data", new JsonObject().put("items", changed)).encode());
    }
  }
}
