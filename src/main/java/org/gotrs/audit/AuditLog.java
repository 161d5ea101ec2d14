package org.gotrs.audit;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.Set;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * The one audit writer. Every mutation and every authentication event writes one row, inside the
 * caller's transaction when given one, so the change and its audit row commit together.
 */
public final class AuditLog {

  private static final Set<String> SECRET_KEYS = Set.of(
      "password", "pw", "password_hash", "secret", "mfa_secret", "token", "access_token", "refresh_token",
      "key", "key_hash", "api_key", "otp", "smtp_password");
  private static final String REDACTED = "[redacted]";

  /** What happened; {@code oldValues}/{@code newValues} are redacted before they are stored. */
  public record Entry(String action, String objectType, String objectId, Map<String, ?> oldValues,
                      Map<String, ?> newValues, String result, String errorMessage) {

    public static Entry success(String action, String objectType, Object objectId, Map<String, ?> oldValues,
                                Map<String, ?> newValues) {
      return new Entry(action, objectType, objectId == null ? null : objectId.toString(), oldValues, newValues,
          "success", null);
    }

    public static Entry failure(String action, String objectType, Object objectId, String errorMessage) {
      return new Entry(action, objectType, objectId == null ? null : objectId.toString(), null, null,
          "failure", errorMessage);
    }
  }

  public Future<Void> record(SqlClient client, Actor actor, Entry entry) {
    Principal principal = actor == null ? null : actor.principal();
    JsonObject metadata = new JsonObject();
    if (principal != null && principal.isCustomer()) {
      metadata.put("customer_user_id", principal.customerUserId().toString()).put("customer_login", principal.login());
    }
    if (principal != null && principal.apiKeyId() != null) {
      metadata.put("api_key_id", principal.apiKeyId().toString());
    }
    return client.preparedQuery("""
            INSERT INTO audit_log (user_id, session_id, ip_address, user_agent, action, object_type, object_id,
                                   old_values, new_values, result, error_message, metadata)
            VALUES ($1, $2, $3::text::inet, $4, $5, $6, $7, $8, $9, $10, $11, $12)""")
        .execute(Tuple.from(new Object[] {
            principal != null && principal.isAgent() ? principal.userId() : null,
            principal == null ? null : principal.sessionId(),
            actor == null ? null : actor.ip(),
            actor == null ? null : actor.userAgent(),
            entry.action(),
            entry.objectType(),
            entry.objectId(),
            redact(entry.oldValues()),
            redact(entry.newValues()),
            entry.result(),
            entry.errorMessage(),
            metadata}))
        .mapEmpty();
  }

  /** Secrets never reach the audit table: known secret keys are replaced, nested values too. */
  static JsonObject redact(Map<String, ?> values) {
    if (values == null) {
      return null;
    }
    return (JsonObject) redactValue(new JsonObject(new java.util.LinkedHashMap<>(values)));
  }

  private static Object redactValue(Object value) {
    if (value instanceof JsonObject object) {
      JsonObject copy = new JsonObject();
      for (String key : object.fieldNames()) {
        copy.put(key, SECRET_KEYS.contains(key.toLowerCase()) ? REDACTED : redactValue(object.getValue(key)));
      }
      return copy;
    }
    if (value instanceof JsonArray array) {
      JsonArray copy = new JsonArray();
      array.forEach(item -> copy.add(redactValue(item)));
      return copy;
    }
    if (value instanceof java.time.temporal.Temporal || value instanceof java.util.UUID) {
      return value.toString();
    }
    return value;
  }
}
