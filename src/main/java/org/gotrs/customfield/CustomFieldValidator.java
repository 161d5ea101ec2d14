package org.gotrs.customfield;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import java.util.stream.Collectors;
import org.gotrs.http.Problem;

/**
 * Checks submitted custom field values against their definitions and normalises them: text and select as
 * strings, number as a JSON number, date as {@code YYYY-MM-DD}, multiselect as a list of distinct options,
 * null to remove a value. Errors name {@code custom_fields.<name>}. Also the rules a definition's
 * {@code field_config} must follow, so values and definitions are judged by one class.
 */
public final class CustomFieldValidator {

  public static final Set<String> OBJECT_TYPES = Set.of("ticket", "customer", "user");
  public static final Set<String> FIELD_TYPES = Set.of("text", "number", "date", "select", "multiselect");

  /** The values to store ({@code null} = remove) and what was wrong; use the values only when there are no errors. */
  public record Result(JsonObject values, List<Problem.FieldError> errors) {

    public boolean valid() {
      return errors.isEmpty();
    }

    /** The values, or the 422 naming every wrong field. */
    public JsonObject orThrow() {
      if (!errors.isEmpty()) {
        throw Problem.invalid(errors);
      }
      return values;
    }
  }

  private CustomFieldValidator() {}

  /**
   * Validates {@code submitted} (the request's {@code custom_fields}; null = none) against the definitions of one
   * object type. On create, every required field must have a value; on update only submitted fields are checked.
   * For a customer, pass only the definitions visible to customers: the others then count as unknown.
   */
  public static Result validate(List<Definition> definitions, JsonObject submitted, boolean creating) {
    Map<String, Definition> byName = definitions.stream()
        .collect(Collectors.toMap(Definition::fieldName, Function.identity(), (first, second) -> first));
    JsonObject given = submitted == null ? new JsonObject() : submitted;
    JsonObject values = new JsonObject();
    List<Problem.FieldError> errors = new ArrayList<>();
    for (String name : given.fieldNames()) {
      Definition definition = byName.get(name);
      if (definition == null) {
        errors.add(error(name, "is not a custom field here"));
        continue;
      }
      Object value = given.getValue(name);
      if (isEmpty(value)) {
        if (definition.required()) {
          errors.add(error(name, "is required"));
        } else {
          values.putNull(name);
        }
        continue;
      }
      String problem = check(definition, value);
      if (problem != null) {
        errors.add(error(name, problem));
      } else {
        values.put(name, normalise(definition, value));
      }
    }
    if (creating) {
      for (Definition definition : definitions) {
        if (definition.required() && !given.containsKey(definition.fieldName())) {
          errors.add(error(definition.fieldName(), "is required"));
        }
      }
    }
    return new Result(values, List.copyOf(errors));
  }

  /** What is wrong with a definition's {@code field_config} for its type (fields {@code field_config.<key>}). */
  public static List<Problem.FieldError> configProblems(String fieldType, JsonObject config) {
    List<Problem.FieldError> errors = new ArrayList<>();
    JsonObject settings = config == null ? new JsonObject() : config;
    switch (fieldType) {
      case "select", "multiselect" -> {
        Object options = settings.getValue("options");
        if (!(options instanceof JsonArray list) || list.isEmpty() || !list.stream().allMatch(
            option -> option instanceof String text && !text.isBlank() && text.length() <= 255)) {
          errors.add(configError("options", "is required: a non-empty list of option strings"));
        } else if (new LinkedHashSet<>(list.getList()).size() != list.size()) {
          errors.add(configError("options", "must not repeat an option"));
        }
      }
      case "number" -> {
        BigDecimal min = bound(settings, "min", errors);
        BigDecimal max = bound(settings, "max", errors);
        if (min != null && max != null && min.compareTo(max) > 0) {
          errors.add(configError("max", "must not be below min"));
        }
      }
      case "text" -> {
        Object maxLength = settings.getValue("max_length");
        if (maxLength != null && !(maxLength instanceof Number n && isWhole(n) && n.longValue() >= 1)) {
          errors.add(configError("max_length", "must be a whole number of at least 1"));
        }
        Object pattern = settings.getValue("pattern");
        if (pattern != null && !(pattern instanceof String text && compiles(text))) {
          errors.add(configError("pattern", "must be a valid regular expression"));
        }
      }
      default -> { }
    }
    return errors;
  }

  /** Why the (non-empty) value does not fit, or null when it does. */
  private static String check(Definition definition, Object value) {
    JsonObject config = definition.fieldConfig();
    return switch (definition.fieldType()) {
      case "text" -> value instanceof String text ? checkText(config, text) : "must be a string";
      case "number" -> value instanceof Number number ? checkNumber(config, number) : "must be a number";
      case "date" -> value instanceof String text && isDate(text) ? null : "must be a real date as YYYY-MM-DD";
      case "select" -> value instanceof String text && options(config).contains(text) ? null
          : "must be one of " + options(config);
      case "multiselect" -> value instanceof JsonArray list && options(config).containsAll(list.getList()) ? null
          : "must be a list of options among " + options(config);
      default -> "has an unknown field type " + definition.fieldType();
    };
  }

  private static String checkText(JsonObject config, String text) {
    if (config.getValue("max_length") instanceof Number maxLength && text.length() > maxLength.longValue()) {
      return "must be at most " + maxLength.longValue() + " characters";
    }
    if (config.getValue("pattern") instanceof String pattern && !Pattern.compile(pattern).matcher(text).matches()) {
      return "must match " + pattern;
    }
    return null;
  }

  private static String checkNumber(JsonObject config, Number number) {
    BigDecimal decimal = new BigDecimal(number.toString());
    if (config.getValue("min") instanceof Number min && decimal.compareTo(new BigDecimal(min.toString())) < 0) {
      return "must be at least " + min;
    }
    if (config.getValue("max") instanceof Number max && decimal.compareTo(new BigDecimal(max.toString())) > 0) {
      return "must be at most " + max;
    }
    return null;
  }

  private static boolean isDate(String text) {
    try {
      LocalDate.parse(text);
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static boolean isWhole(Number number) {
    return number.doubleValue() == Math.rint(number.doubleValue());
  }

  private static boolean compiles(String pattern) {
    try {
      Pattern.compile(pattern);
      return true;
    } catch (PatternSyntaxException e) {
      return false;
    }
  }

  private static Object normalise(Definition definition, Object value) {
    if (definition.fieldType().equals("multiselect")) {
      return new JsonArray(List.copyOf(new LinkedHashSet<>(((JsonArray) value).getList())));
    }
    return value;
  }

  private static boolean isEmpty(Object value) {
    return value == null
        || value instanceof String text && text.isBlank()
        || value instanceof JsonArray list && list.isEmpty();
  }

  private static List<String> options(JsonObject config) {
    return config.getValue("options") instanceof JsonArray list
        ? list.stream().map(String::valueOf).toList() : List.of();
  }

  private static BigDecimal bound(JsonObject config, String key, List<Problem.FieldError> errors) {
    Object value = config.getValue(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof Number number)) {
      errors.add(configError(key, "must be a number"));
      return null;
    }
    return new BigDecimal(number.toString());
  }

  private static Problem.FieldError error(String name, String message) {
    return new Problem.FieldError("custom_fields." + name, message);
  }

  private static Problem.FieldError configError(String key, String message) {
    return new Problem.FieldError("field_config." + key, message);
  }
}
