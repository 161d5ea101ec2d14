package org.gotrs.events;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;

/**
 * An event as committed to the log, in the order subscribers receive it: {@code id} is the event's from the moment it
 * was written, {@code seq} its place in the order. Its {@link Audience} is taken out of the data: it decides who on
 * the live stream may see the event and is never sent.
 */
public record CommittedEvent(long id, long seq, EventName name, List<String> topics, JsonObject data, Audience audience,
                             String at) {

  /**
   * Who made the change (the agent's id) in the data of events about tickets: kept in the log for the consumers that
   * read it there (notifications never go to the agent who acted), taken out here like the audience, never sent.
   */
  public static final String ACTOR = "actor_id";

  /** A numbered row of {@code event_log} with its {@code id, seq, name, topics, data, created_at}. */
  public static CommittedEvent from(Row row) {
    return of(row.getLong("id"), row.getLong("seq"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("topics")),
        (JsonObject) row.getValue("data"), row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC).toString());
  }

  private static CommittedEvent of(long id, long seq, String name, List<String> topics, JsonObject stored, String at) {
    Audience audience = Audience.in(stored);
    JsonObject data = stored == null ? new JsonObject() : stored;
    if (audience != null || data.containsKey(ACTOR)) {
      data = shallowCopy(stored);
      data.remove(Audience.KEY);
      data.remove(ACTOR);
    }
    return new CommittedEvent(id, seq, EventName.of(name), topics, data, audience, at);
  }

  /** Nested values are shared, not copied: nothing here changes them. */
  private static JsonObject shallowCopy(JsonObject json) {
    return new JsonObject(new LinkedHashMap<>(json.getMap()));
  }
}
