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
 * An agent's notification settings: per event, in the app and by mail, and which tickets (a filter on queue, state,
 * priority and type); "my queues" (null: the queues the agent holds {@code rw} on); quiet (no mail at all, in-app
 * notifications only). An event the agent did not set follows the administrators' default; a mandatory one is always
 * as the default says (locked), for every ticket.
 */
record NotificationPreferences(Map<NotificationEvent, Methods> events, List<Integer> queueIds, boolean quiet,
                               NotificationDefaults defaults) {

  /** How one event reaches the agent, and about which tickets (null: all of them). */
  record Methods(boolean email, boolean inApp, Filter filter) {
    Methods(boolean email, boolean inApp) {
      this(email, inApp, null);
    }
  }

  /**
   * The tickets an event is told of: in one of these queues, states, priorities and types; a list left out or empty
   * allows any. The notification consumer applies it in SQL ({@code NotificationSql.RECIPIENTS}).
   */
  record Filter(Map<String, List<Integer>> ids) {
    static final List<String> FIELDS = List.of("queue_ids", "state_ids", "priority_ids", "type_ids");

    /** As stored; anything that is not a list of ids is left out. */
    static Filter stored(JsonObject json) {
      if (json == null) {
        return null;
      }
      Map<String, List<Integer>> ids = new LinkedHashMap<>();
      for (String field : FIELDS) {
        if (json.getValue(field) instanceof JsonArray array && !array.isEmpty()) {
          ids.put(field, array.stream().filter(Integer.class::isInstance).map(Integer.class::cast).toList());
        }
      }
      return ids.isEmpty() ? null : new Filter(ids);
    }

    /** From a PUT body's {@code filter}: an object of id lists; errors are noted at {@code field}. */
    static Filter parse(Input input, String field, Object given) {
      if (given == null) {
        return null;
      }
      if (!(given instanceof JsonObject json)) {
        input.error(field, "must be an object like {\"queue_ids\":[1],\"priority_ids\":[4,5]}");
        return null;
      }
      Map<String, List<Integer>> ids = new LinkedHashMap<>();
      json.fieldNames().stream().filter(name -> !FIELDS.contains(name)).forEach(name -> input.error(
          field + "." + (name.length() > 40 ? name.substring(0, 40) : name), "is not a filter (" + FIELDS + ")"));
      for (String name : FIELDS) {
        Object value = json.getValue(name);
        if (value == null) {
          continue;
        }
        List<Integer> list = value instanceof JsonArray array ? queueIds(input, array, field + "." + name) : null;
        if (list == null) {
          input.error(field + "." + name, "must be a list of ids");
        } else if (!list.isEmpty()) {
          ids.put(name, list);
        }
      }
      return ids.isEmpty() ? null : new Filter(ids);
    }

    JsonObject toJson() {
      JsonObject json = new JsonObject();
      ids.forEach((name, list) -> json.put(name, new JsonArray(list)));
      return json;
    }
  }
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
          methods.getBoolean("in_app", fallback.inApp()), Filter.stored(methods.getJsonObject("filter"))));
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
    JsonObject given = input.object("events", false);
    // the filters are read apart; the flags' reader knows booleans only
    Map<String, Object> filters = new LinkedHashMap<>();
    JsonObject flagsOnly = given == null ? null : given.copy();
    if (flagsOnly != null) {
      flagsOnly.forEach(entry -> {
        if (entry.getValue() instanceof JsonObject named && named.containsKey("filter")) {
          filters.put(entry.getKey(), named.remove("filter"));
        }
      });
    }
    EventFlags.read(input, flagsOnly, List.of("email", "in_app"), (event, field, flags) -> {
      Methods was = events.get(event);
      Filter filter = filters.containsKey(event.wire())
          ? Filter.parse(input, field + ".filter", filters.get(event.wire())) : was.filter();
      Methods wanted = new Methods(EventFlags.or(flags, "email", was.email()), EventFlags.or(flags, "in_app", was.inApp()),
          filter);
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
    return queueIds(input, array, "queue_ids");
  }

  /** A list of ids (queues, states, ...) without repeats; errors are noted at {@code field}. */
  private static List<Integer> queueIds(Input input, JsonArray array, String field) {
    List<Integer> ids = new ArrayList<>();
    if (array.size() > MAX_QUEUES) {
      input.error(field, "at most " + MAX_QUEUES + " ids");
      return ids;
    }
    for (Object item : array) {
      if (!(item instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
          || number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
        input.error(field, "must be a list of ids");
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
      if (methods.filter() != null) {
        set.put("filter", methods.filter().toJson());
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
      if (methods.filter() != null) {
        one.put("filter", methods.filter().toJson().getMap());
      }
      all.put(event.wire(), one);
    });
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("events", all);
    map.put("queue_ids", queueIds);
    map.put("quiet", quiet);
    return map;
  }
}
