package org.gotrs.notification;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
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
    EventFlags.onlyMembers(input, List.of("events"), "a notification default");
    EventFlags.read(input, input.object("events", true), List.of("email", "in_app", "mandatory"),
        (event, field, flags) -> {
          Default was = changed.get(event);
          changed.put(event, new Default(EventFlags.or(flags, "email", was.email()),
              EventFlags.or(flags, "in_app", was.inApp()), EventFlags.or(flags, "mandatory", was.mandatory())));
        });
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
