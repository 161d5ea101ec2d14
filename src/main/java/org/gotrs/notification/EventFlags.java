package org.gotrs.notification;

import io.vertx.core.json.JsonObject;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.http.Input;

/**
 * Reads the {@code "events"} member of a notification setting, {@code {"mention":{"email":false,"in_app":true}}}: each
 * key a notification event, each value an object of the given boolean flags and nothing else. An error is noted on
 * the input at its field; an event that reads cleanly is handed on with the flags it names.
 */
final class EventFlags {

  private EventFlags() {}

  /**
   * @param given the {@code "events"} object, or null when the body has none
   * @param flags the flags an event may name, e.g. {@code email} and {@code in_app}
   * @param each  gets each event read without error, its field name for further errors, and the flags it named
   */
  static void read(Input input, JsonObject given, List<String> flags, EventConsumer each) {
    if (given == null) {
      return;
    }
    String example = "{" + String.join(",", flags.stream().map(flag -> "\"" + flag + "\":true").toList()) + "}";
    given.forEach(entry -> {
      NotificationEvent event = NotificationEvent.of(entry.getKey());
      String field = "events." + cut(entry.getKey(), 60);
      if (event == null) {
        input.error(field, "is not a notification event");
      } else if (!(entry.getValue() instanceof JsonObject named)) {
        input.error(field, "must be an object like " + example);
      } else {
        Map<String, Boolean> values = new LinkedHashMap<>();
        for (String flag : flags) {
          Object value = named.getValue(flag);
          if (value != null && !(value instanceof Boolean)) {
            input.error(field + "." + flag, "must be true or false");
          } else if (value != null) {
            values.put(flag, (Boolean) value);
          }
        }
        named.fieldNames().stream().filter(name -> !flags.contains(name))
            .forEach(name -> input.error(field + "." + cut(name, 40), "is not a setting"));
        each.accept(event, field, values);
      }
    });
  }

  /** Names of the body's members that are not {@code allowed}, as errors. */
  static void onlyMembers(Input input, List<String> allowed, String what) {
    input.json().fieldNames().stream().filter(field -> !allowed.contains(field))
        .forEach(field -> input.error(cut(field, 60), "is not " + what));
  }

  private static String cut(String name, int length) {
    return name.length() > length ? name.substring(0, length) : name;
  }

  @FunctionalInterface
  interface EventConsumer {

    void accept(NotificationEvent event, String field, Map<String, Boolean> flags);
  }

  /** The flag as named, else what it was. */
  static boolean or(Map<String, Boolean> flags, String flag, boolean was) {
    return flags.getOrDefault(flag, was);
  }

}
