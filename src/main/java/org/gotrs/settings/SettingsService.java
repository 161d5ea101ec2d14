package org.gotrs.settings;

import io.vertx.core.Future;
import io.vertx.core.json.Json;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.RuntimeSettings;
import org.gotrs.db.Rows;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * The runtime settings as stored: listed with where each value comes from, changed by administrators (audited, and
 * announced on the event log so that every node reloads them), and loaded into this node's {@link RuntimeSettings}.
 */
public final class SettingsService {

  /**
   * One setting as the admin page shows it: the value in force, the configuration's value, and whether it is stored
   * or locked by the {@code --conf} file or the environment ({@code source}: default, database, config).
   */
  public record View(String key, String kind, Object value, Object configuredValue, String source, boolean locked,
                     String changedBy, Instant changeTime) {}

  private static final String STORED = """
      SELECT s.key, s.value::text AS value, u.login AS changed_by, s.change_time
        FROM runtime_setting s LEFT JOIN users u ON u.id = s.change_by""";

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final RuntimeSettings runtime;

  public SettingsService(Pool pool, AuditLog audit, DomainEvents events, RuntimeSettings runtime) {
    this.pool = pool;
    this.audit = audit;
    this.events = events;
    this.runtime = runtime;
  }

  public Future<List<View>> list() {
    return pool.query(STORED).execute().map(rows -> {
      Map<String, Row> stored = new HashMap<>();
      rows.forEach(row -> stored.put(row.getString("key"), row));
      List<View> views = new ArrayList<>();
      for (RuntimeSettings.Setting setting : RuntimeSettings.SAFE) {
        Row row = stored.get(setting.key());
        boolean locked = runtime.locked(setting.key());
        String source = locked ? "config" : row != null ? "database" : "default";
        views.add(new View(setting.key(), setting.kind(), runtime.value(setting.key()),
            runtime.configured(setting.key()), source, locked, row == null ? null : row.getString("changed_by"),
            row == null ? null : Rows.instant(row, "change_time")));
      }
      return views;
    });
  }

  /**
   * Sets the values given, {@code null} returning a setting to its configured value; one 422 names every key that
   * is unknown, locked or out of range, and then nothing changes.
   */
  public Future<List<View>> change(Actor actor, JsonObject wanted) {
    List<Problem.FieldError> errors = new ArrayList<>();
    if (wanted.isEmpty()) {
      errors.add(new Problem.FieldError("", "name at least one setting"));
    }
    for (String key : wanted.fieldNames()) {
      var setting = RuntimeSettings.find(key);
      Object value = wanted.getValue(key);
      if (setting.isEmpty()) {
        errors.add(new Problem.FieldError(key, "is no setting that can be changed at run time"));
      } else if (runtime.locked(key)) {
        errors.add(new Problem.FieldError(key, "is set in the configuration file or the environment, which wins"));
      } else if (value != null && setting.get().check().apply(value) != null) {
        errors.add(new Problem.FieldError(key, setting.get().check().apply(value)));
      }
    }
    if (!errors.isEmpty()) {
      return Future.failedFuture(Problem.invalid(errors));
    }
    List<String> keys = List.copyOf(wanted.fieldNames());
    return pool.withTransaction(tx -> stored(tx, keys).compose(before -> {
          Future<Void> written = Future.succeededFuture();
          for (String key : keys) {
            written = written.compose(done -> write(tx, actor, key, before.get(key), wanted.getValue(key)));
          }
          return written.compose(done -> events.record(tx, EventName.SETTINGS_CHANGED, List.of(Topic.SYSTEM),
              new JsonObject().put("keys", new JsonArray(keys))));
        }))
        .compose(recorded -> load())
        .compose(loaded -> list());
  }

  /** Reads the stored values into this node's settings: at start, and whenever an administrator changed them. */
  public Future<Void> load() {
    return pool.query(STORED).execute().map(rows -> {
      Map<String, Object> values = new HashMap<>();
      rows.forEach(row -> values.put(row.getString("key"), Json.decodeValue(row.getString("value"))));
      runtime.useStored(values);
      return null;
    });
  }

  private static Future<Map<String, Object>> stored(SqlClient tx, List<String> keys) {
    return tx.preparedQuery("SELECT key, value::text AS value FROM runtime_setting WHERE key = ANY ($1) FOR UPDATE")
        .execute(Tuple.of(keys.toArray(String[]::new)))
        .map(rows -> {
          Map<String, Object> values = new HashMap<>();
          rows.forEach(row -> values.put(row.getString("key"), Json.decodeValue(row.getString("value"))));
          return values;
        });
  }

  private Future<Void> write(SqlClient tx, Actor actor, String key, Object before, Object after) {
    Future<?> change = after == null
        ? tx.preparedQuery("DELETE FROM runtime_setting WHERE key = $1").execute(Tuple.of(key))
        : tx.preparedQuery("""
              INSERT INTO runtime_setting (key, value, change_by, change_time)
              VALUES ($1, $2::text::jsonb, $3, now() AT TIME ZONE 'UTC')
              ON CONFLICT (key) DO UPDATE
                 SET value = excluded.value, change_by = excluded.change_by, change_time = excluded.change_time""")
            .execute(Tuple.of(key, Json.encode(after), actor.principal().userId()));
    Map<String, Object> old = new HashMap<>();
    old.put("value", before == null ? runtime.configured(key) : before);
    Map<String, Object> now = new HashMap<>();
    now.put("value", after == null ? runtime.configured(key) : after);
    return change.compose(done -> audit.record(tx, actor, AuditLog.Entry.success("setting.update", "setting", key,
        old, now)));
  }
}
