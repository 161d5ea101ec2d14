package org.gotrs.retention;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.db.Rows;

/**
 * A row of {@code data_retention_policy}: rows of {@code table_name} whose {@code column_name} is more than
 * {@code retention_days} old and that match {@code conditions} ({@code {"state_type":"closed","queue_id":[3,4]}})
 * are deleted, anonymised or archived, once a day.
 */
public record RetentionPolicy(UUID id, String tableName, String columnName, int retentionDays, String action,
                              JsonObject conditions, Instant lastRun, Instant nextRun, boolean enabled) {

  private static final int MAX_DAYS = 100 * 366;

  static final String COLUMNS = "id, table_name, column_name, retention_days, action, conditions, last_run, next_run, "
      + "enabled";

  static RetentionPolicy from(Row row) {
    Object conditions = row.getValue("conditions");
    return new RetentionPolicy(row.getUUID("id"), row.getString("table_name"), row.getString("column_name"),
        row.getInteger("retention_days"), row.getString("action"),
        conditions instanceof JsonObject object ? object : new JsonObject(), Rows.instant(row, "last_run"),
        Rows.instant(row, "next_run"), !Boolean.FALSE.equals(row.getBoolean("enabled")));
  }

  /** What a policy body may say, checked against the tables policies may act on. */
  record Fields(String tableName, String columnName, int retentionDays, String action, JsonObject conditions,
                boolean enabled) {

    static Fields read(Input input) {
      String tableName = input.string("table_name", true, 100);
      String columnName = input.string("column_name", false, 100);
      Integer days = input.integer("retention_days", true);
      String action = input.string("action", true, 50);
      JsonObject conditions = input.object("conditions", false);
      Boolean enabled = input.bool("enabled", false);
      if (days != null && (days < 1 || days > MAX_DAYS)) {
        input.error("retention_days", "must be from 1 to " + MAX_DAYS);
      }
      RetentionTable table = tableName == null ? null : RetentionTable.ALL.get(tableName);
      if (tableName != null && table == null) {
        input.error("table_name", "must be one of " + String.join(", ", RetentionTable.ALL.keySet().stream().sorted().toList()));
      }
      if (table != null) {
        if (columnName != null && !table.ageColumns().contains(columnName)) {
          input.error("column_name", "must be one of " + String.join(", ", table.ageColumns()) + " for " + tableName);
        }
        if (action != null && !table.actions().contains(action)) {
          input.error("action", "must be one of " + String.join(", ", table.actions().stream().sorted().toList())
              + " for " + tableName);
        }
        if (conditions != null) {
          checkConditions(input, table, conditions);
        }
      }
      input.validate();
      return new Fields(tableName, columnName == null ? table.defaultAgeColumn() : columnName, days, action,
          conditions == null ? new JsonObject() : conditions, enabled == null || enabled);
    }

    private static void checkConditions(Input input, RetentionTable table, JsonObject conditions) {
      for (String key : conditions.fieldNames()) {
        Object value = conditions.getValue(key);
        if (!table.conditions().containsKey(key)) {
          input.error("conditions." + key, "is not a condition on " + table.name() + " (" + String.join(", ",
              table.conditions().keySet().stream().sorted().toList()) + ")");
        } else if (!(isScalar(value) || value instanceof JsonArray list && !list.isEmpty()
            && list.stream().allMatch(Fields::isScalar))) {
          input.error("conditions." + key, "must be a string, number or boolean, or a non-empty list of them");
        }
      }
    }

    private static boolean isScalar(Object value) {
      return value instanceof String || value instanceof Number || value instanceof Boolean;
    }
  }
}
