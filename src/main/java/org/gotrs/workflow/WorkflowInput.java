package org.gotrs.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.gotrs.events.EventName;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.Validity;

/** A workflow body, checked field by field: one 422 names every mistake. */
record WorkflowInput(String name, String description, String triggerType, JsonObject triggerConfig,
                     JsonObject conditions, JsonArray actions, boolean enabled, int validId, int executionOrder,
                     List<Action> parsedActions) {

  static final int DEFAULT_MAX_TICKETS = 1_000;
  private static final int MAX_TICKETS = 100_000;

  /** The events a workflow can be triggered by. */
  static final Set<EventName> EVENTS = EnumSet.of(EventName.TICKET_CREATED, EventName.TICKET_UPDATED,
      EventName.TICKET_MOVED, EventName.TICKET_MERGED, EventName.ARTICLE_CREATED, EventName.ESCALATION_WARNING,
      EventName.ESCALATION_BREACHED, EventName.TICKET_PENDING_REMINDER, EventName.CHAT_WAITING,
      EventName.CHAT_ACCEPTED, EventName.CHAT_CLOSED);

  static WorkflowInput read(Input input, boolean mailConfigured) {
    String name = input.string("name", true, 255);
    String description = input.string("description", false, 10_000);
    String triggerType = input.string("trigger_type", true, 50);
    JsonObject triggerConfig = input.object("trigger_config", false);
    if (triggerConfig == null) {
      triggerConfig = new JsonObject();
    }
    List<Problem.FieldError> errors = new ArrayList<>();
    if (triggerType != null) {
      checkTrigger(triggerType, triggerConfig, errors);
    }
    Object conditions = input.json().getValue("conditions");
    Condition.parse(conditions, "conditions", errors);
    List<Action> actions = Action.parse(input.json().getValue("actions"), mailConfigured, errors);
    Boolean enabled = input.bool("enabled", false);
    Integer order = input.integer("execution_order", false);
    int validId = Validity.read(input);
    errors.forEach(error -> input.error(error.field(), error.message()));
    input.validate();
    return new WorkflowInput(name, description, triggerType, triggerConfig,
        conditions instanceof JsonObject object ? object : new JsonObject(), input.json().getJsonArray("actions"),
        enabled == null || enabled, validId, order == null ? 0 : order, actions);
  }

  private static void checkTrigger(String type, JsonObject config, List<Problem.FieldError> errors) {
    switch (type) {
      case "event" -> {
        Object events = config.getValue("events");
        if (!(events instanceof JsonArray list) || list.isEmpty()
            || !list.stream().allMatch(event -> event instanceof String name && EVENTS.contains(EventName.of(name)))) {
          errors.add(new Problem.FieldError("trigger_config.events",
              "must list one or more of " + String.join(", ", EVENTS.stream().map(EventName::wire).sorted().toList())));
        }
      }
      case "time" -> {
        try {
          CronSchedule.parse(config.getValue("schedule") instanceof String text ? text : null);
        } catch (IllegalArgumentException e) {
          errors.add(new Problem.FieldError("trigger_config.schedule", "is not a cron schedule: " + e.getMessage()));
        }
        Object zone = config.getValue("timezone");
        if (zone != null && !(zone instanceof String id && ZoneId.getAvailableZoneIds().contains(id))) {
          errors.add(new Problem.FieldError("trigger_config.timezone", "is not an IANA time zone such as Europe/Berlin"));
        }
        Object max = config.getValue("max_tickets");
        if (max != null && !(max instanceof Integer count && count > 0 && count <= MAX_TICKETS)) {
          errors.add(new Problem.FieldError("trigger_config.max_tickets", "must be from 1 to " + MAX_TICKETS));
        }
      }
      case "manual" -> {
        // run through POST /workflows/{id}/run only
      }
      default -> errors.add(new Problem.FieldError("trigger_type", "must be event, time or manual"));
    }
  }
}
