package org.gotrs.notification;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.http.Input;

/**
 * An agent's notification settings: per event, in the app and by mail; "my queues" (null: the queues the agent holds
 * {@code rw} on); quiet (no mail at all, in-app notifications only). An event the agent did not set follows the
 * administrators' default; a mandatory one is always as the default says (locked).
 */
record NotificationPreferences(Map<NotificationEvent, Methods> events, List<Integer> queueIds, boolean quiet,
                               NotificationDefaults defaults) {

  /** How one event reaches the agent. */
  record Methods(boolean email, boolean inApp) {}
  private static final int MAX_QUEUES = 1000;
  private static final List<String> FIELDS = List.of("events", "queue_ids", "quiet");

  /** As stored: {@code events} holds only what the agent set apart from the defaults. */
  static NotificationPreferences stored(JsonObject events, Integer[] queueIds, boolean quiet,
                                        NotificationDefaults defaults) {
    JsonObject set = events == null ? new JsonObject() : events;
    Map<NotificationEvent, Methods> effective = new EnumMap<>(NotificationEvent.class);
    for (NotificationEvent event : NotificationEvent.values()) {
      NotificationDefaults.Default fallback = defaults.of(event);
      JsonObject methods = !fallback.mandatory() && set.getValue(event.wire()) instanceof JsonObject object ? object
          : new JsonObject();
      effective.put(event, new Methods(methods.getBoolean("email", fallback.email()),
          methods.getBoolean("in_app", fallback.inApp())));
    }
    return new NotificationPreferences(effective, queueIds == null ? null : List.of(queueIds), quiet, defaults);
  }

  /**
   * A PUT body, {@code {"events":{"ticket.owner":{"email":false}},"queue_ids":[3],"quiet":false}}: what it leaves out
   * keeps its current value ({@code "queue_ids":null} goes back to the queues held rw on).
   */
  static NotificationPreferences parse(Input input, NotificationPreferences current) {
    NotificationDefaults defaults = current.defaults();
    Map<NotificationEvent, Methods> events = new EnumMap<>(current.events());
    EventFlags.onlyMembers(input, FIELDS, "a notification setting");
    EventFlags.read(input, input.object("events", false), List.of("email", "in_app"), (event, field, flags) -> {
      Methods was = events.get(event);
      Methods wanted = new Methods(EventFlags.or(flags, "email", was.email()), EventFlags.or(flags, "in_app", was.inApp()));
      if (defaults.of(event).mandatory() && !wanted.equals(was)) {
        input.error(field, "is set by the administrators for everyone");
      }
      events.put(event, wanted);
    });
    List<Integer> queues = current.queueIds();
    if (input.has("queue_ids")) {
      JsonArray array = input.array("queue_ids", false);
      queues = array == null ? null : queueIds(input, array);
    }
    Boolean quiet = input.bool("quiet", false);
    input.validate();
    return new NotificationPreferences(events, queues, quiet == null ? current.quiet() : quiet, defaults);
  }

  private static List<Integer> queueIds(Input input, JsonArray array) {
    List<Integer> ids = new ArrayList<>();
    if (array.size() > MAX_QUEUES) {
      input.error("queue_ids", "at most " + MAX_QUEUES + " queues");
      return ids;
    }
    for (Object item : array) {
      if (!(item instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
          || number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
        input.error("queue_ids", "must be a list of queue ids");
        return ids;
      }
      if (!ids.contains(number.intValue())) {
        ids.add(number.intValue());
      }
    }
    return ids;
  }

  /** The events as stored: what differs from the defaults (so the others follow the defaults when they change). */
  JsonObject storedEvents() {
    JsonObject json = new JsonObject();
    events.forEach((event, methods) -> {
      NotificationDefaults.Default fallback = defaults.of(event);
      JsonObject set = new JsonObject();
      if (methods.email() != fallback.email()) {
        set.put("email", methods.email());
      }
      if (methods.inApp() != fallback.inApp()) {
        set.put("in_app", methods.inApp());
      }
      if (!set.isEmpty() && !fallback.mandatory()) {
        json.put(event.wire(), set);
      }
    });
    return json;
  }

  Map<String, Object> toMap() {
    Map<String, Object> all = new LinkedHashMap<>();
    events.forEach((event, methods) -> {
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("email", methods.email());
      one.put("in_app", methods.inApp());
      one.put("locked", defaults.of(event).mandatory());
      all.put(event.wire(), one);
    });
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("events", all);
    map.put("queue_ids", queueIds);
    map.put("quiet", quiet);
    return map;
  }
}
