package org.gotrs.notification;

import io.vertx.core.json.JsonObject;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.gotrs.http.Input;

/**
 * The administrators' defaults: per event, in the app and by mail for agents who did not choose, and whether it is
 * mandatory (sent as the default says, whatever the agent chose). An event not set is on both ways and optional.
 */
record NotificationDefaults(Map<NotificationEvent, Default> events) {

  /** One event's default. */
  record Default(boolean email, boolean inApp, boolean mandatory) {}

  static final Default UNSET = new Default(true, true, false);

  static NotificationDefaults of(Map<NotificationEvent, Default> set) {
    Map<NotificationEvent, Default> events = new EnumMap<>(NotificationEvent.class);
    for (NotificationEvent event : NotificationEvent.values()) {
      events.put(event, set.getOrDefault(event, UNSET));
    }
    return new NotificationDefaults(events);
  }

  Default of(NotificationEvent event) {
    return events.get(event);
  }

  /** A PATCH body, {@code {"events":{"mention":{"email":false,"mandatory":true}}}}: what it leaves out stays. */
  NotificationDefaults parse(Input input) {
    Map<NotificationEvent, Default> changed = new EnumMap<>(events);
    for (String field : input.json().fieldNames()) {
      if (!field.equals("events")) {
        input.error(field.length() > 60 ? field.substring(0, 60) : field, "is not a notification default");
      }
    }
    JsonObject given = input.object("events", true);
    if (given != null) {
      given.forEach(entry -> {
        NotificationEvent event = NotificationEvent.of(entry.getKey());
        String field = "events." + (entry.getKey().length() > 60 ? entry.getKey().substring(0, 60) : entry.getKey());
        if (event == null) {
          input.error(field, "is not a notification event");
        } else if (!(entry.getValue() instanceof JsonObject methods)) {
          input.error(field, "must be an object like {\"email\":true,\"in_app\":true,\"mandatory\":false}");
        } else {
          Default was = changed.get(event);
          Boolean email = NotificationPreferences.flag(input, methods, field, "email");
          Boolean inApp = NotificationPreferences.flag(input, methods, field, "in_app");
          Boolean mandatory = NotificationPreferences.flag(input, methods, field, "mandatory");
          for (String name : methods.fieldNames()) {
            if (!name.equals("email") && !name.equals("in_app") && !name.equals("mandatory")) {
              input.error(field + "." + (name.length() > 40 ? name.substring(0, 40) : name), "is not a setting");
            }
          }
          changed.put(event, new Default(email == null ? was.email() : email, inApp == null ? was.inApp() : inApp,
              mandatory == null ? was.mandatory() : mandatory));
        }
      });
    }
    input.validate();
    return new NotificationDefaults(changed);
  }

  Map<String, Object> toMap() {
    Map<String, Object> all = new LinkedHashMap<>();
    events.forEach((event, value) -> {
      Map<String, Object> methods = new LinkedHashMap<>();
      methods.put("email", value.email());
      methods.put("in_app", value.inApp());
      methods.put("mandatory", value.mandatory());
      all.put(event.wire(), methods);
    });
    return Map.of("events", all);
  }
}
