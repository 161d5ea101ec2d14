package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.permission.Actor;

/** An agent's preferences (OTRS's {@code user_preferences}): text values by key. */
public final class PreferenceService {

  private final Pool pool;
  private final AuditLog audit;

  public PreferenceService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<Map<String, String>> get(UUID userId) {
    return requireUser(pool, userId).compose(found -> read(pool, userId));
  }

  /** Sets each key to its value, or removes it when the value is {@code null}; answers all preferences after. */
  public Future<Map<String, String>> put(Actor actor, UUID userId, Map<String, String> changes) {
    if (changes.isEmpty()) {
      return get(userId);
    }
    List<String> setKeys = new ArrayList<>();
    List<String> setValues = new ArrayList<>();
    List<String> removed = new ArrayList<>();
    changes.forEach((key, value) -> {
      if (value == null) {
        removed.add(key);
      } else {
        setKeys.add(key);
        setValues.add(value);
      }
    });
    String[] keys = changes.keySet().toArray(new String[0]);
    return pool.withTransaction(tx -> requireUser(tx, userId)
        .compose(found -> tx.preparedQuery("""
                SELECT preferences_key, preferences_value FROM user_preferences
                 WHERE user_id = $1 AND preferences_key = ANY ($2::text[]) FOR UPDATE""")
            .execute(Tuple.of(userId).addArrayOfString(keys)))
        .compose(before -> tx.preparedQuery("""
                DELETE FROM user_preferences WHERE user_id = $1 AND preferences_key = ANY ($2::text[])""")
            .execute(Tuple.of(userId).addArrayOfString(removed.toArray(new String[0])))
            .compose(deleted -> tx.preparedQuery("""
                    INSERT INTO user_preferences (user_id, preferences_key, preferences_value)
                    SELECT $1, k, v FROM unnest($2::text[], $3::text[]) AS p(k, v)
                    ON CONFLICT (user_id, preferences_key) DO UPDATE SET preferences_value = excluded.preferences_value""")
                .execute(Tuple.of(userId, setKeys.toArray(new String[0]), setValues.toArray(new String[0]))))
            .compose(upserted -> audit.record(tx, actor, AuditLog.Entry.success("preference.update", "user", userId,
                oldValues(before, keys), new LinkedHashMap<>(changes))))
            .compose(recorded -> read(tx, userId))));
  }

  private static Future<Map<String, String>> read(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT preferences_key, preferences_value FROM user_preferences WHERE user_id = $1")
        .execute(Tuple.of(userId))
        .map(rows -> {
          Map<String, String> preferences = new TreeMap<>();
          rows.forEach(row -> preferences.put(row.getString("preferences_key"), row.getString("preferences_value")));
          return preferences;
        });
  }

  /** Every changed key with its old value, {@code null} for keys that were not set. */
  private static Map<String, Object> oldValues(Iterable<Row> before, String[] keys) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : keys) {
      values.put(key, null);
    }
    before.forEach(row -> values.put(row.getString("preferences_key"), row.getString("preferences_value")));
    return values;
  }

  private static Future<Void> requireUser(SqlClient client, UUID userId) {
    return client.preparedQuery("SELECT 1 FROM users WHERE id = $1").execute(Tuple.of(userId))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(UserService.notFound(userId)) : Future.succeededFuture());
  }
}
