package org.gotrs.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The wallboard's numbers, kept up to date from the event stream: each event changes a few counters,
 * so an update costs the same with ten tickets or ten million. Every number is kept per queue, so each viewer is
 * shown the queues it may read ({@link #snapshot}). Not thread-safe: one event loop owns it.
 */
final class Wallboard {

  static final Set<String> OPEN_TYPES = Set.of("new", "open", "pending");

  /** One queue's numbers. */
  private static final class Figures {
    final Map<String, Integer> open = new TreeMap<>();
    final int[] openedPerHour = new int[24];
    final int[] closedPerHour = new int[24];
    /** Today's first-response times in seconds: a histogram (3 significant digits), its size bounded however many. */
    final Histogram firstResponses = new Histogram(3);
    int escalated;
    int atRisk;
    int chatsWaiting;
    long longestChatWaitSeconds;
  }

  private final Map<Integer, Figures> queues = new TreeMap<>();
  private final Map<Integer, String> queueNames = new TreeMap<>();
  private LocalDate day;
  private int agentsOnline;
  private long seq;

  Wallboard(LocalDate day) {
    this.day = day;
  }

  private Figures of(Integer queueId) {
    return queues.computeIfAbsent(queueId, id -> new Figures());
  }

  void queueName(int queueId, String name) {
    queueNames.put(queueId, name);
  }

  boolean knowsQueue(Integer queueId) {
    return queueId == null || queueNames.containsKey(queueId);
  }

  void addOpen(Integer queueId, String stateType, int count) {
    if (queueId == null || stateType == null || !OPEN_TYPES.contains(stateType)) {
      return;
    }
    of(queueId).open.merge(stateType, count, Integer::sum);
  }

  void opened(Integer queueId, Instant at, int count) {
    if (queueId != null) {
      of(queueId).openedPerHour[at.atZone(ZoneOffset.UTC).getHour()] += count;
    }
  }

  void closed(Integer queueId, Instant at, int count) {
    if (queueId != null) {
      of(queueId).closedPerHour[at.atZone(ZoneOffset.UTC).getHour()] += count;
    }
  }

  void firstResponse(Integer queueId, long seconds) {
    if (queueId != null) {
      of(queueId).firstResponses.recordValue(Math.max(0, seconds));
    }
  }

  /** A new UTC day starts the "today" counters from zero. */
  void rollTo(LocalDate today) {
    if (!today.equals(day)) {
      day = today;
      for (Figures figures : queues.values()) {
        Arrays.fill(figures.openedPerHour, 0);
        Arrays.fill(figures.closedPerHour, 0);
        figures.firstResponses.reset();
      }
    }
  }

  /** Escalated and at-risk tickets per queue, as just counted; queues not named have none. */
  void escalation(Map<Integer, int[]> escalatedAndAtRisk) {
    queues.forEach((id, figures) -> {
      int[] counts = escalatedAndAtRisk.getOrDefault(id, new int[2]);
      figures.escalated = counts[0];
      figures.atRisk = counts[1];
    });
    escalatedAndAtRisk.forEach((id, counts) -> {
      of(id).escalated = counts[0];
      of(id).atRisk = counts[1];
    });
  }

  void agentsOnline(int count) {
    agentsOnline = count;
  }

  /** Waiting chats and the longest wait per queue, as just counted; queues not named have none. */
  void chats(Map<Integer, long[]> waitingAndLongest) {
    queues.forEach((id, figures) -> {
      long[] counts = waitingAndLongest.getOrDefault(id, new long[2]);
      figures.chatsWaiting = (int) counts[0];
      figures.longestChatWaitSeconds = counts[1];
    });
    waitingAndLongest.forEach((id, counts) -> {
      of(id).chatsWaiting = (int) counts[0];
      of(id).longestChatWaitSeconds = counts[1];
    });
  }

  void seq(long value) {
    seq = Math.max(seq, value);
  }

  /** The numbers as they stand, frozen: readable from any thread, for any viewer. */
  Snapshot snapshot(Instant now) {
    Map<Integer, Figures> copy = new HashMap<>();
    queues.forEach((id, figures) -> {
      Figures frozen = new Figures();
      frozen.open.putAll(figures.open);
      System.arraycopy(figures.openedPerHour, 0, frozen.openedPerHour, 0, 24);
      System.arraycopy(figures.closedPerHour, 0, frozen.closedPerHour, 0, 24);
      frozen.firstResponses.add(figures.firstResponses);
      frozen.escalated = figures.escalated;
      frozen.atRisk = figures.atRisk;
      frozen.chatsWaiting = figures.chatsWaiting;
      frozen.longestChatWaitSeconds = figures.longestChatWaitSeconds;
      copy.put(id, frozen);
    });
    return new Snapshot(new TreeMap<>(copy), new TreeMap<>(queueNames), day, agentsOnline, seq, now);
  }

  /** The wallboard at one moment. */
  record Snapshot(Map<Integer, Figures> queues, Map<Integer, String> queueNames, LocalDate day, int agentsOnline,
                  long seq, Instant at) {

    static Snapshot empty() {
      return new Wallboard(LocalDate.EPOCH).snapshot(Instant.EPOCH);
    }

    /** The numbers of the given queues only (all queues when {@code visible} is null). */
    JsonObject toJson(Set<Integer> visible) {
      JsonArray byQueue = new JsonArray();
      int total = 0;
      int escalated = 0;
      int atRisk = 0;
      int chatsWaiting = 0;
      long longestChatWait = 0;
      int[] opened = new int[24];
      int[] closed = new int[24];
      Histogram firstResponses = new Histogram(3);
      for (var entry : queues.entrySet()) {
        if (visible != null && !visible.contains(entry.getKey())) {
          continue;
        }
        Figures figures = entry.getValue();
        int queueTotal = figures.open.values().stream().mapToInt(Integer::intValue).sum();
        total += queueTotal;
        escalated += figures.escalated;
        atRisk += figures.atRisk;
        chatsWaiting += figures.chatsWaiting;
        longestChatWait = Math.max(longestChatWait, figures.longestChatWaitSeconds);
        for (int hour = 0; hour < 24; hour++) {
          opened[hour] += figures.openedPerHour[hour];
          closed[hour] += figures.closedPerHour[hour];
        }
        firstResponses.add(figures.firstResponses);
        if (queueTotal > 0) {
          byQueue.add(new JsonObject().put("queue_id", entry.getKey()).put("queue", queueNames.get(entry.getKey()))
              .put("new", figures.open.getOrDefault("new", 0)).put("open", figures.open.getOrDefault("open", 0))
              .put("pending", figures.open.getOrDefault("pending", 0)).put("total", queueTotal));
        }
      }
      return new JsonObject()
          .put("open_total", total)
          .put("open_by_queue", byQueue)
          .put("new_today", Arrays.stream(opened).sum())
          .put("closed_today", Arrays.stream(closed).sum())
          .put("opened_per_hour", new JsonArray(Arrays.stream(opened).boxed().toList()))
          .put("closed_per_hour", new JsonArray(Arrays.stream(closed).boxed().toList()))
          .put("escalated", escalated)
          .put("at_risk", atRisk)
          .put("agents_online", agentsOnline)
          .put("chats_waiting", chatsWaiting)
          .put("longest_chat_wait_seconds", longestChatWait)
          .put("median_first_response_seconds",
              firstResponses.getTotalCount() == 0 ? null : firstResponses.getValueAtPercentile(50))
          .put("day", day.toString())
          .put("seq", seq)
          .put("at", at.toString());
    }
  }
}
