package org.gotrs.workflow;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;

/** A workflow as stored and shown: the {@code workflows} columns. */
public record Workflow(UUID id, String name, String description, String triggerType, JsonObject triggerConfig,
                       JsonObject conditions, JsonArray actions, boolean enabled, int validId, int executionOrder,
                       Instant lastExecution, int executionCount, Instant nextRun, Instant createdAt,
                       Instant updatedAt) {

  static final String COLUMNS = """
      id, name, description, trigger_type, trigger_config, conditions, actions, enabled, valid_id, execution_order,
      last_execution, execution_count, next_run, created_at, updated_at""";

  static Workflow from(Row row) {
    Object trigger = row.getValue("trigger_config");
    Object conditions = row.getValue("conditions");
    Object actions = row.getValue("actions");
    return new Workflow(row.getUUID("id"), row.getString("name"), row.getString("description"),
        row.getString("trigger_type"), trigger instanceof JsonObject object ? object : new JsonObject(),
        conditions instanceof JsonObject object ? object : new JsonObject(),
        actions instanceof JsonArray array ? array : new JsonArray(),
        Boolean.TRUE.equals(row.getBoolean("enabled")), row.getInteger("valid_id") == null ? 1 : row.getInteger("valid_id"),
        row.getInteger("execution_order") == null ? 0 : row.getInteger("execution_order"),
        Rows.instant(row, "last_execution"),
        row.getInteger("execution_count") == null ? 0 : row.getInteger("execution_count"),
        Rows.instant(row, "next_run"), Rows.instant(row, "created_at"),
        Rows.instant(row, "updated_at"));
  }

  /** An unsaved workflow with these fields, under an id of its own. */
  static Workflow draft(WorkflowInput fields) {
    return new Workflow(UUID.randomUUID(), fields.name(), fields.description(), fields.triggerType(),
        fields.triggerConfig(), fields.conditions(), fields.actions(), fields.enabled(), fields.validId(),
        fields.executionOrder(), null, 0, null, null, null);
  }

  /** Whether it may run at all: enabled and valid. */
  boolean active() {
    return enabled && validId == 1;
  }

  /** The stored definition, compiled; stored workflows were checked when they were written. */
  @JsonIgnore
  Compiled compiled() {
    List<Problem.FieldError> ignored = new ArrayList<>();
    Condition condition = Condition.parse(conditions, "conditions", ignored);
    List<Action> parsed = Action.parse(actions, true, ignored);
    Set<String> events = Set.of();
    CronSchedule schedule = null;
    ZoneId zone = ZoneOffset.UTC;
    if ("event".equals(triggerType)) {
      events = Set.copyOf(triggerConfig.getJsonArray("events", new JsonArray()).stream().map(String::valueOf).toList());
    } else if ("time".equals(triggerType)) {
      schedule = CronSchedule.parse(triggerConfig.getString("schedule"));
      zone = ZoneId.of(triggerConfig.getString("timezone", "UTC"));
    }
    return new Compiled(condition, parsed, events, schedule, zone,
        triggerConfig.getInteger("max_tickets", WorkflowInput.DEFAULT_MAX_TICKETS));
  }

  /** What running needs: the condition tree, the actions, and the trigger's events or schedule. */
  record Compiled(Condition condition, List<Action> actions, Set<String> events, CronSchedule schedule, ZoneId zone,
                  int maxTickets) {}
}
