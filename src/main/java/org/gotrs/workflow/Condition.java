package org.gotrs.workflow;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.gotrs.http.Problem;

/**
 * A workflow's {@code conditions}: {@code {"all":[...]}} or {@code {"any":[...]}} of comparisons
 * {@code {"field":"title","op":"contains","value":"URGENT"}} and nested groups. An empty or missing
 * condition always holds. Fields are the ticket's as the API shows them ({@code state}, {@code queue_id},
 * {@code tags}, ...), {@code custom_fields.<name>}, and for the triggering event {@code event},
 * {@code article.<field>} and {@code escalation.<field>}.
 */
public sealed interface Condition {

  boolean test(Facts facts);

  Condition ALWAYS = new All(List.of());

  record All(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Facts facts) {
      return conditions.stream().allMatch(condition -> condition.test(facts));
    }
  }

  record Any(List<Condition> conditions) implements Condition {
    @Override
    public boolean test(Facts facts) {
      return conditions.stream().anyMatch(condition -> condition.test(facts));
    }
  }

  /** The comparisons; {@code changed_to} also needs the field to be among the event's changes. */
  enum Op { EQ, NE, IN, CONTAINS, GT, LT, CHANGED_TO }

  record Compare(String field, Op op, Object value) implements Condition {
    @Override
    public boolean test(Facts facts) {
      Object actual = facts.value(field);
      return switch (op) {
        case EQ -> equal(actual, value);
        case NE -> !equal(actual, value);
        case IN -> ((JsonArray) value).stream().anyMatch(candidate -> equal(actual, candidate));
        case CONTAINS -> contains(actual, value);
        case GT -> compare(actual, value) > 0;
        case LT -> compare(actual, value) < 0;
        case CHANGED_TO -> facts.changed(field) && equal(actual, value);
      };
    }
  }

  /** The ticket fields conditions may name (besides custom_fields.*, article.* and escalation.*). */
  Set<String> TICKET_FIELDS = Set.of("id", "tn", "title", "queue", "queue_id", "state", "state_id", "state_type",
      "priority", "priority_id", "type", "type_id", "service_id", "sla_id", "owner", "user_id", "responsible_user_id",
      "lock", "ticket_lock_id", "customer_id", "customer_user", "customer_user_id", "source", "tags", "archive_flag",
      "until_time", "escalation_time", "create_time", "change_time", "event");

  static Condition parse(Object json, String path, List<Problem.FieldError> errors) {
    if (json == null || (json instanceof JsonObject object && object.isEmpty())) {
      return ALWAYS;
    }
    if (!(json instanceof JsonObject object)) {
      errors.add(new Problem.FieldError(path, "must be an object: {\"all\":[...]} or {\"any\":[...]}"));
      return ALWAYS;
    }
    if (object.containsKey("field") || object.containsKey("op")) {
      return comparison(object, path, errors);
    }
    if (object.size() != 1 || !(object.containsKey("all") || object.containsKey("any"))) {
      errors.add(new Problem.FieldError(path, "must have exactly one of all, any (or be a comparison)"));
      return ALWAYS;
    }
    String key = object.containsKey("all") ? "all" : "any";
    if (!(object.getValue(key) instanceof JsonArray items)) {
      errors.add(new Problem.FieldError(path + "." + key, "must be a list of conditions"));
      return ALWAYS;
    }
    List<Condition> parts = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      parts.add(parse(items.getValue(i), path + "." + key + "[" + i + "]", errors));
    }
    return key.equals("all") ? new All(List.copyOf(parts)) : new Any(List.copyOf(parts));
  }

  private static Condition comparison(JsonObject object, String path, List<Problem.FieldError> errors) {
    Object field = object.getValue("field");
    Object opName = object.getValue("op");
    Object value = object.getValue("value");
    int before = errors.size();
    if (!(field instanceof String name) || !knownField(name)) {
      errors.add(new Problem.FieldError(path + ".field", "names no ticket field (e.g. title, state, queue_id, tags, "
          + "custom_fields.<name>, article.subject)"));
    }
    Op op = null;
    try {
      op = opName instanceof String text ? Op.valueOf(text.toUpperCase(Locale.ROOT)) : null;
    } catch (IllegalArgumentException ignored) {
      // answered below
    }
    if (op == null) {
      errors.add(new Problem.FieldError(path + ".op", "must be one of eq, ne, in, contains, gt, lt, changed_to"));
    } else if (op == Op.IN && !(value instanceof JsonArray)) {
      errors.add(new Problem.FieldError(path + ".value", "must be a list for in"));
    } else if (op != Op.IN && (value instanceof JsonArray || value instanceof JsonObject)) {
      errors.add(new Problem.FieldError(path + ".value", "must be a string, number or boolean"));
    } else if ((op == Op.GT || op == Op.LT || op == Op.CONTAINS) && value == null) {
      errors.add(new Problem.FieldError(path + ".value", "is required for " + opName));
    }
    return errors.size() > before ? ALWAYS : new Compare((String) field, op, value);
  }

  private static boolean knownField(String name) {
    return TICKET_FIELDS.contains(name) || name.matches("(custom_fields?|article|escalation)\\.[a-z][a-z0-9_]{0,99}");
  }

  /** Same value: numbers by value, everything else by its text; a list equals a value it contains. */
  private static boolean equal(Object actual, Object expected) {
    if (actual instanceof JsonArray list) {
      return list.stream().anyMatch(item -> equal(item, expected));
    }
    if (actual == null || expected == null) {
      return actual == expected;
    }
    BigDecimal a = number(actual);
    BigDecimal b = number(expected);
    if (a != null && b != null) {
      return a.compareTo(b) == 0;
    }
    return String.valueOf(actual).equals(String.valueOf(expected));
  }

  /** Text containing text (ignoring case), or a list holding the value. */
  private static boolean contains(Object actual, Object expected) {
    if (actual instanceof JsonArray list) {
      return list.stream().anyMatch(item -> equal(item, expected));
    }
    return actual != null && String.valueOf(actual).toLowerCase(Locale.ROOT)
        .contains(String.valueOf(expected).toLowerCase(Locale.ROOT));
  }

  /** Numbers as numbers, ISO times as times, else text; a missing value is smaller than any. */
  private static int compare(Object actual, Object expected) {
    if (actual == null) {
      return -1;
    }
    BigDecimal a = number(actual);
    BigDecimal b = number(expected);
    if (a != null && b != null) {
      return a.compareTo(b);
    }
    try {
      return Instant.parse(String.valueOf(actual)).compareTo(Instant.parse(String.valueOf(expected)));
    } catch (DateTimeParseException notTimes) {
      return String.valueOf(actual).compareTo(String.valueOf(expected));
    }
  }

  private static BigDecimal number(Object value) {
    if (value instanceof Number number) {
      return new BigDecimal(number.toString());
    }
    if (value instanceof String text && text.matches("-?\\d+(\\.\\d+)?")) {
      return new BigDecimal(text);
    }
    return null;
  }

  /** What conditions are tested against: the ticket as it is now and the event that triggered the run. */
  record Facts(JsonObject ticket, String event, JsonObject eventData, Set<String> changed, boolean everythingChanged) {

    /** Which event {@code changed} key a condition field belongs to. */
    private static final Map<String, String> CHANGE_KEYS = Map.ofEntries(
        Map.entry("state", "state_id"), Map.entry("state_type", "state_id"), Map.entry("queue", "queue_id"),
        Map.entry("priority", "priority_id"), Map.entry("type", "type_id"), Map.entry("owner", "user_id"),
        Map.entry("customer_user", "customer_user_id"), Map.entry("lock", "ticket_lock_id"));

    Object value(String field) {
      if (field.equals("event")) {
        return event;
      }
      int dot = field.indexOf('.');
      if (dot > 0) {
        String scope = field.substring(0, dot);
        String name = field.substring(dot + 1);
        JsonObject source = switch (scope) {
          case "custom_fields", "custom_field" -> ticket.getJsonObject("custom_fields", new JsonObject());
          case "article" -> eventData == null ? new JsonObject() : eventData.getJsonObject("article", new JsonObject());
          default -> eventData == null ? new JsonObject() : eventData;
        };
        return source.getValue(name);
      }
      return ticket.getValue(field);
    }

    boolean changed(String field) {
      if (everythingChanged) {
        return true;
      }
      String key = field.startsWith("custom_field") ? "custom_fields" : CHANGE_KEYS.getOrDefault(field, field);
      return changed.contains(key);
    }
  }
}
