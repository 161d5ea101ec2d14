package org.gotrs.stats;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.HdrHistogram.Histogram;

/**
 * The wallboard's numbers, kept up to date from the event stream: each event changes a few counters,
 * so an update costs the same with ten tickets or ten million. Not thread-safe: one event loop owns it.
 */
final class Wallboard {

  static final Set<String> OPEN_TYPES = Set.of("new", "open", "pending");

  /** queue id → state type → open tickets. */
  private final Map<Integer, Map<String, Integer>> open = new TreeMap<>();
  private final Map<Integer, String> queueNames = new TreeMap<>();
  private final int[] openedPerHour = new int[24];
  private final int[] closedPerHour = new int[24];
  /** Today's first-response times in seconds: a histogram (3 significant digits), its size bounded however many. */
  private final Histogram firstResponses = new Histogram(3);
  private LocalDate day;
  private int escalated;
  private int atRisk;
  private int agentsOnline;
  private int chatsWaiting;
  private long longestChatWaitSeconds;
  private long seq;

  Wallboard(LocalDate day) {
    this.day = day;
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
    open.computeIfAbsent(queueId, id -> new TreeMap<>()).merge(stateType, count, Integer::sum);
  }

  void opened(Instant at, int count) {
    openedPerHour[at.atZone(ZoneOffset.UTC).getHour()] += count;
  }

  void closed(Instant at, int count) {
    closedPerHour[at.atZone(ZoneOffset.UTC).getHour()] += count;
  }

  void firstResponse(long seconds) {
    firstResponses.recordValue(Math.max(0, seconds));
  }

  /** A new UTC day starts the "today" counters from zero. */
  void rollTo(LocalDate today) {
    if (!today.equals(day)) {
      day = today;
      java.util.Arrays.fill(openedPerHour, 0);
      java.util.Arrays.fill(closedPerHour, 0);
      firstResponses.reset();
    }
  }

  void escalation(int escalatedNow, int atRiskNow) {
    escalated = escalatedNow;
    atRisk = atRiskNow;
  }

  void agentsOnline(int count) {
    agentsOnline = count;
  }

  void chats(int waiting, long longestWaitSeconds) {
    chatsWaiting = waiting;
    longestChatWaitSeconds = longestWaitSeconds;
  }

  void seq(long value) {
    seq = Math.max(seq, value);
  }

  JsonObject toJson(Instant now) {
    JsonArray queues = new JsonArray();
    int total = 0;
    for (var entry : open.entrySet()) {
      Map<String, Integer> byType = entry.getValue();
      int queueTotal = byType.values().stream().mapToInt(Integer::intValue).sum();
      total += queueTotal;
      if (queueTotal == 0) {
        continue;
      }
      queues.add(new JsonObject().put("queue_id", entry.getKey()).put("queue", queueNames.get(entry.getKey()))
          .put("new", byType.getOrDefault("new", 0)).put("open", byType.getOrDefault("open", 0))
          .put("pending", byType.getOrDefault("pending", 0)).put("total", queueTotal));
    }
    return new JsonObject()
        .put("open_total", total)
        .put("open_by_queue", queues)
        .put("new_today", sum(openedPerHour))
        .put("closed_today", sum(closedPerHour))
        .put("opened_per_hour", array(openedPerHour))
        .put("closed_per_hour", array(closedPerHour))
        .put("escalated", escalated)
        .put("at_risk", atRisk)
        .put("agents_online", agentsOnline)
        .put("chats_waiting", chatsWaiting)
        .put("longest_chat_wait_seconds", longestChatWaitSeconds)
        .put("median_first_response_seconds", median())
        .put("day", day.toString())
        .put("seq", seq)
        .put("at", now.toString());
  }

  private Long median() {
    return firstResponses.getTotalCount() == 0 ? null : firstResponses.getValueAtPercentile(50);
  }

  private static int sum(int[] values) {
    int total = 0;
    for (int value : values) {
      total += value;
    }
    return total;
  }

  private static JsonArray array(int[] values) {
    JsonArray array = new JsonArray();
    for (int value : values) {
      array.add(value);
    }
    return array;
  }
}
