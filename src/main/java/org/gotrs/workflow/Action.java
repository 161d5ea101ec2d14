package org.gotrs.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.gotrs.http.Problem;

/**
 * One of a workflow's {@code actions}, in order:
 * <ul>
 *   <li>{@code set_state}, {@code set_priority}, {@code set_queue}, {@code set_type}: {@code value} a name or an id;</li>
 *   <li>{@code set_owner}: {@code value} an agent's login or id;</li>
 *   <li>{@code add_tag}: {@code value}; {@code set_custom_field}: {@code field} and {@code value};</li>
 *   <li>{@code add_note}: {@code body}, optional {@code subject} and {@code internal} (default true);</li>
 *   <li>{@code webhook}: {@code url}, optional {@code secret} (signs the body, HMAC-SHA256) and {@code headers};</li>
 *   <li>{@code email}: {@code to} (an address or a list), {@code subject}, {@code body}.</li>
 * </ul>
 */
public record Action(String type, JsonObject config) {

  static final Set<String> TICKET_FIELDS = Set.of("set_state", "set_priority", "set_queue", "set_type");
  static final Set<String> TYPES = Set.of("set_state", "set_priority", "set_queue", "set_type", "set_owner", "add_tag",
      "add_note", "set_custom_field", "webhook", "email");

  /** Whether it notifies someone outside (after the run commits) rather than changing the ticket. */
  boolean notifies() {
    return type.equals("webhook") || type.equals("email");
  }

  /**
   * The PATCH body a field-setting action amounts to ({@code set_state "closed successful"} is
   * {@code {"state":"closed successful"}}); null for the other actions.
   */
  JsonObject patch() {
    Object value = config.getValue("value");
    String field = switch (type) {
      case "set_state" -> "state";
      case "set_priority" -> "priority";
      case "set_queue" -> "queue";
      case "set_type" -> "type";
      default -> null;
    };
    if (field == null) {
      return type.equals("set_custom_field")
          ? new JsonObject().put("custom_fields", new JsonObject().put(config.getString("field"), value)) : null;
    }
    return new JsonObject().put(value instanceof Number ? field + "_id" : field, value);
  }

  static List<Action> parse(Object json, boolean mailConfigured, List<Problem.FieldError> errors) {
    List<Action> actions = new ArrayList<>();
    if (!(json instanceof JsonArray list) || list.isEmpty()) {
      errors.add(new Problem.FieldError("actions", "must be a non-empty list of actions"));
      return actions;
    }
    for (int i = 0; i < list.size(); i++) {
      String path = "actions[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject object) || !(object.getValue("type") instanceof String type)
          || !TYPES.contains(type)) {
        errors.add(new Problem.FieldError(path + ".type", "must be one of " + String.join(", ", TYPES.stream().sorted().toList())));
        continue;
      }
      int before = errors.size();
      check(type, object, path, mailConfigured, errors);
      if (errors.size() == before) {
        JsonObject config = object.copy();
        config.remove("type");
        actions.add(new Action(type, config));
      }
    }
    return actions;
  }

  private static void check(String type, JsonObject object, String path, boolean mailConfigured,
                            List<Problem.FieldError> errors) {
    switch (type) {
      case "set_state", "set_priority", "set_queue", "set_type", "set_owner" -> {
        Object value = object.getValue("value");
        if (!(value instanceof String text && !text.isBlank()) && !(value instanceof Number)) {
          errors.add(new Problem.FieldError(path + ".value", "must be a name or an id"));
        }
      }
      case "add_tag" -> text(object, "value", 100, true, path, errors);
      case "set_custom_field" -> {
        text(object, "field", 100, true, path, errors);
        if (!object.containsKey("value")) {
          errors.add(new Problem.FieldError(path + ".value", "is required (null removes the value)"));
        }
      }
      case "add_note" -> {
        text(object, "body", 100_000, true, path, errors);
        text(object, "subject", 255, false, path, errors);
        if (object.containsKey("internal") && !(object.getValue("internal") instanceof Boolean)) {
          errors.add(new Problem.FieldError(path + ".internal", "must be true or false"));
        }
      }
      case "webhook" -> {
        String url = text(object, "url", 2000, true, path, errors);
        if (url != null && !isHttpUrl(url)) {
          errors.add(new Problem.FieldError(path + ".url", "must be an http or https URL"));
        }
        text(object, "secret", 500, false, path, errors);
        Object headers = object.getValue("headers");
        if (headers != null && !(headers instanceof JsonObject map
            && map.stream().allMatch(entry -> entry.getValue() instanceof String))) {
          errors.add(new Problem.FieldError(path + ".headers", "must be an object of strings"));
        }
      }
      case "email" -> {
        if (!mailConfigured) {
          errors.add(new Problem.FieldError(path, "outbound mail is not configured (GOTRS_SMTP_HOST)"));
        }
        Object to = object.getValue("to");
        boolean addresses = to instanceof String address ? address.contains("@")
            : to instanceof JsonArray list && !list.isEmpty()
                && list.stream().allMatch(item -> item instanceof String address && address.contains("@"));
        if (!addresses) {
          errors.add(new Problem.FieldError(path + ".to", "must be an e-mail address or a list of them"));
        }
        text(object, "subject", 255, true, path, errors);
        text(object, "body", 100_000, true, path, errors);
      }
      default -> throw new IllegalStateException(type);
    }
  }

  private static String text(JsonObject object, String field, int max, boolean required, String path,
                             List<Problem.FieldError> errors) {
    Object value = object.getValue(field);
    if (value == null) {
      if (required) {
        errors.add(new Problem.FieldError(path + "." + field, "is required"));
      }
      return null;
    }
    if (!(value instanceof String text) || (required && text.isBlank()) || text.length() > max) {
      errors.add(new Problem.FieldError(path + "." + field, "must be a string of at most " + max + " characters"));
      return null;
    }
    return text;
  }

  private static boolean isHttpUrl(String url) {
    try {
      URI uri = URI.create(url);
      return ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
