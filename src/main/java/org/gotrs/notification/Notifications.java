package org.gotrs.notification;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** An agent's own notifications (the list, read marks) and notification settings; customers have none. */
public final class Notifications {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  /** A page of the list: newest first; {@code before} an id, the keyset cursor. */
  record Query(boolean unreadOnly, Long before, int limit) {}

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;

  public Notifications(Pool pool, Permissions permissions, AuditLog audit) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
  }

  Future<Map<String, Object>> list(Actor actor, Query query) {
    UUID agent = agent(actor);
    return pool.preparedQuery(NotificationSql.LIST)
        .execute(Tuple.of(agent, query.before(), query.unreadOnly(), query.limit() + 1))
        .compose(rows -> pool.preparedQuery(NotificationSql.UNREAD_COUNT).execute(Tuple.of(agent)).map(unread -> {
          List<Map<String, Object>> items = new ArrayList<>();
          Long last = null;
          for (Row row : rows) {
            if (items.size() == query.limit()) {
              break;
            }
            Notification notification = Notification.from(row);
            items.add(notification.toMap());
            last = notification.id();
          }
          Map<String, Object> page = new LinkedHashMap<>();
          page.put("items", items);
          page.put("next_cursor", rows.size() > query.limit() && last != null ? String.valueOf(last) : null);
          page.put("unread_count", unread.iterator().next().getLong(0));
          return page;
        }));
  }

  /** Marks one of the caller's notifications read; 404 for anyone else's. */
  Future<Void> read(Actor actor, long id) {
    return pool.preparedQuery(NotificationSql.MARK_READ).execute(Tuple.of(id, agent(actor)))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(Problem.notFound("notification " + id + " not found"))
            : Future.succeededFuture());
  }

  /** Marks all the caller's notifications read; answers how many were unread. */
  Future<Map<String, Object>> readAll(Actor actor) {
    return pool.preparedQuery(NotificationSql.MARK_ALL_READ).execute(Tuple.of(agent(actor)))
        .map(rows -> Map.of("marked", rows.rowCount()));
  }

  Future<NotificationPreferences> preferences(Actor actor) {
    return preferences(agent(actor));
  }

  private Future<NotificationPreferences> preferences(UUID agent) {
    return defaults().compose(defaults -> pool.preparedQuery(NotificationSql.PREFERENCES).execute(Tuple.of(agent))
        .map(rows -> {
          if (rows.size() == 0) {
            return NotificationPreferences.stored(null, null, false, defaults);
          }
          Row row = rows.iterator().next();
          return NotificationPreferences.stored((JsonObject) row.getValue("events"), row.getArrayOfIntegers("queue_ids"),
              row.getBoolean("quiet"), defaults);
        }));
  }

  /** The administrators' defaults per event. */
  Future<NotificationDefaults> defaults() {
    return pool.query(NotificationSql.DEFAULTS).execute().map(rows -> {
      Map<NotificationEvent, NotificationDefaults.Default> set = new java.util.EnumMap<>(NotificationEvent.class);
      for (Row row : rows) {
        NotificationEvent event = NotificationEvent.of(row.getString("event"));
        if (event != null) {
          set.put(event, new NotificationDefaults.Default(row.getBoolean("email"), row.getBoolean("in_app"),
              row.getBoolean("mandatory")));
        }
      }
      return NotificationDefaults.of(set);
    });
  }

  /** Changes the defaults from a PATCH body (administrators only, checked at the route). */
  Future<NotificationDefaults> changeDefaults(Actor actor, Input input) {
    return defaults().compose(current -> {
      NotificationDefaults wanted = current.parse(input);
      UUID by = actor.principal().userId();
      List<Tuple> rows = new ArrayList<>();
      wanted.events().forEach((event, value) -> rows.add(Tuple.of(event.wire(), value.email(), value.inApp(),
          value.mandatory(), by)));
      return pool.withTransaction(tx -> tx.preparedQuery(NotificationSql.SAVE_DEFAULT).executeBatch(rows)
              .compose(saved -> audit.record(tx, actor, AuditLog.Entry.success("notification.defaults",
                  "notification_default", null, current.toMap(), wanted.toMap()))))
          .map(wanted);
    });
  }

  /** Changes the caller's settings from a PUT body; "my queues" must be queues the agent may read (422 otherwise). */
  Future<NotificationPreferences> changePreferences(Actor actor, Input input) {
    UUID agent = agent(actor);
    return preferences(agent).compose(current -> {
      NotificationPreferences wanted = NotificationPreferences.parse(input, current);
      Future<Void> readable = wanted.queueIds() == null || wanted.queueIds().isEmpty() ? Future.succeededFuture()
          : pool.preparedQuery(NotificationSql.UNREADABLE_QUEUES)
              .execute(Tuple.tuple().addUUID(agent).addArrayOfInteger(wanted.queueIds().toArray(Integer[]::new)))
              .compose(rows -> rows.size() == 0 ? Future.succeededFuture()
                  : Future.failedFuture(Problem.invalid("queue_ids",
                      "queue " + rows.iterator().next().getInteger(0) + " is not one you may read")));
      return readable.compose(ok -> pool.withTransaction(tx -> tx.preparedQuery(NotificationSql.SAVE_PREFERENCES)
              .execute(Tuple.of(agent, wanted.storedEvents(),
                  wanted.queueIds() == null ? null : wanted.queueIds().toArray(Integer[]::new), wanted.quiet()))
              .compose(saved -> audit.record(tx, actor, AuditLog.Entry.success("notification.preferences", "user",
                  agent, null, wanted.toMap())))))
          .map(wanted);
    });
  }

  private UUID agent(Actor actor) {
    Principal principal = actor.principal();
    permissions.requireAgent(principal);
    return principal.userId();
  }
}
