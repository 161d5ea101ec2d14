package org.gotrs.intake;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where each channel's tickets go when the customer names no queue. An administrator chooses a queue per channel;
 * a channel may never point at a queue that no valid agent can work ({@code rw} on its group). A queue named in
 * the configuration ({@code tickets.default_queue} for the portal and the API, {@code chat.default_queue} for chat)
 * wins over the setting and cannot be changed here.
 */
public final class IntakeService {

  private static final Logger LOG = LoggerFactory.getLogger(IntakeService.class);

  private final Pool pool;
  private final AuditLog audit;
  private final Map<IntakeChannel, String> configured = new EnumMap<>(IntakeChannel.class);
  private final Map<IntakeChannel, String> configKeys = new EnumMap<>(IntakeChannel.class);

  public IntakeService(Pool pool, AuditLog audit, Config config) {
    this.pool = pool;
    this.audit = audit;
    lock(IntakeChannel.PORTAL, config.tickets().defaultQueue(), "tickets.default_queue");
    lock(IntakeChannel.API, config.tickets().defaultQueue(), "tickets.default_queue");
    lock(IntakeChannel.CHAT, config.chat().defaultQueue(), "chat.default_queue");
  }

  private void lock(IntakeChannel channel, String queue, String key) {
    if (queue != null && !queue.isBlank()) {
      configured.put(channel, queue);
      configKeys.put(channel, key);
    }
  }

  /** Each channel's queue as tickets find it now. */
  public Future<IntakeSettings> settings() {
    return settings(pool);
  }

  private Future<IntakeSettings> settings(SqlClient client) {
    IntakeChannel[] channels = IntakeChannel.values();
    String[] names = new String[channels.length];
    String[] queues = new String[channels.length];
    for (int i = 0; i < channels.length; i++) {
      names[i] = channels[i].wire();
      queues[i] = configured.get(channels[i]);
    }
    return client.preparedQuery(IntakeSql.CHANNELS).execute(Tuple.tuple().addArrayOfString(names).addArrayOfString(queues)).map(rows -> {
      List<IntakeSettings.Channel> list = new ArrayList<>();
      for (Row row : rows) {
        IntakeChannel channel = IntakeChannel.valueOf(row.getString("channel").toUpperCase(java.util.Locale.ROOT));
        long agents = row.getLong("workers");
        String queue = row.getString("queue");
        list.add(new IntakeSettings.Channel(channel.wire(), row.getInteger("queue_id"), queue,
            row.getBoolean("chosen"), configKeys.get(channel), agents, agents > 0 ? null : queue == null
                ? "no valid queue takes these tickets" : "no valid agent has rw on the queue " + queue));
      }
      return IntakeSettings.of(list);
    });
  }

  /**
   * Sets or clears (null) the queue of the channels named: 422 for a channel the configuration fixes, a queue that
   * is not valid, or one no valid agent can work; nothing is stored unless every channel named is right.
   */
  Future<IntakeSettings> change(Actor actor, Map<IntakeChannel, Integer> wanted) {
    List<Problem.FieldError> locked = new ArrayList<>();
    wanted.keySet().stream().filter(configured::containsKey).forEach(channel -> locked.add(new Problem.FieldError(
        channel.field(), "is set by " + configKeys.get(channel) + " in the configuration and cannot be changed here")));
    if (!locked.isEmpty()) {
      return Future.failedFuture(Problem.invalid(locked));
    }
    Integer[] queueIds = wanted.values().stream().filter(java.util.Objects::nonNull).distinct().toArray(Integer[]::new);
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> tx.preparedQuery(IntakeSql.CANDIDATES).execute(Tuple.tuple().addArrayOfInteger(queueIds))
            .compose(rows -> refuseUnworkable(wanted, candidates(rows)))
            .compose(checked -> tx.query(IntakeSql.STORED).execute())
            .compose(before -> store(tx, wanted, by).compose(stored -> audit.record(tx, actor,
                AuditLog.Entry.success("intake.update", "intake", "intake", stored(before), fields(wanted))))))
        .compose(done -> settings());
  }

  private record Candidate(String name, boolean valid, String group, long workers) {}

  private static Map<Integer, Candidate> candidates(Iterable<Row> rows) {
    Map<Integer, Candidate> found = new HashMap<>();
    for (Row row : rows) {
      found.put(row.getInteger("id"), new Candidate(row.getString("name"), row.getBoolean("valid"),
          row.getString("group_name"), row.getLong("workers")));
    }
    return found;
  }

  private static Future<Void> refuseUnworkable(Map<IntakeChannel, Integer> wanted, Map<Integer, Candidate> found) {
    List<Problem.FieldError> errors = new ArrayList<>();
    wanted.forEach((channel, queueId) -> {
      if (queueId == null) {
        return;
      }
      Candidate queue = found.get(queueId);
      if (queue == null || !queue.valid()) {
        errors.add(new Problem.FieldError(channel.field(), "names no valid queue"));
      } else if (queue.workers() == 0) {
        errors.add(new Problem.FieldError(channel.field(), "no valid agent can work the queue " + queue.name()
            + ": give an agent or a role rw on its group " + queue.group() + " first"));
      }
    });
    return errors.isEmpty() ? Future.succeededFuture() : Future.failedFuture(Problem.invalid(errors));
  }

  private static Future<Void> store(SqlClient tx, Map<IntakeChannel, Integer> wanted, UUID by) {
    Future<Void> chain = Future.succeededFuture();
    for (var entry : wanted.entrySet()) {
      String channel = entry.getKey().wire();
      Integer queueId = entry.getValue();
      chain = chain.compose(done -> (queueId == null
          ? tx.preparedQuery(IntakeSql.CLEAR).execute(Tuple.of(channel))
          : tx.preparedQuery(IntakeSql.CHOOSE).execute(Tuple.of(channel, queueId, by))).mapEmpty());
    }
    return chain;
  }

  private static Map<String, Object> stored(Iterable<Row> rows) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (Row row : rows) {
      values.put(row.getString("channel") + "_queue_id", row.getInteger("queue_id"));
    }
    return values;
  }

  private static Map<String, Object> fields(Map<IntakeChannel, Integer> wanted) {
    Map<String, Object> values = new LinkedHashMap<>();
    wanted.forEach((channel, queueId) -> values.put(channel.field(), queueId));
    return values;
  }

  /** At start: says in the log which channel's tickets would land in a queue that no valid agent can work. */
  public Future<Void> warnUnworked() {
    return settings().map(current -> {
      current.unworked().forEach(channel -> LOG.warn(
          "{} tickets without a queue go to {}: {}; choose another under Administration → Intake",
          channel.channel(), channel.queue() == null ? "no queue" : "the queue " + channel.queue(), channel.warning()));
      return null;
    });
  }
}
