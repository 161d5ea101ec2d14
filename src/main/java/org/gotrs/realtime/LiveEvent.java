package org.gotrs.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.gotrs.events.Audience;

/**
 * A committed domain event as the live stream carries it. Its {@link Audience} is taken out of the data: it decides
 * who receives the event and is never sent.
 */
public record LiveEvent(long seq, String name, List<String> topics, JsonObject data, Audience audience, String at) {

  static LiveEvent from(Row row) {
    return of(row.getLong("seq"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("topics")),
        (JsonObject) row.getValue("data"), row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC).toString());
  }

  private static LiveEvent of(long seq, String name, List<String> topics, JsonObject stored, String at) {
    Audience audience = Audience.in(stored);
    JsonObject data = stored;
    if (audience != null) {
      data = shallowCopy(stored);
      data.remove(Audience.KEY);
    }
    return new LiveEvent(seq, name, topics, data, audience, at);
  }

  /** The event as written, audience included, for the node's consumers. */
  JsonObject toJson() {
    JsonObject stored = audience == null ? data : audience.addTo(shallowCopy(data));
    return new JsonObject().put("seq", seq).put("name", name).put("topics", new JsonArray(topics)).put("data", stored)
        .put("at", at);
  }

  static LiveEvent fromJson(JsonObject json) {
    return of(json.getLong("seq"), json.getString("name"), json.getJsonArray("topics").stream().map(String::valueOf).toList(),
        json.getJsonObject("data"), json.getString("at"));
  }

  /** Nested values are shared, not copied: nothing here changes them. */
  private static JsonObject shallowCopy(JsonObject json) {
    return new JsonObject(new java.util.LinkedHashMap<>(json.getMap()));
  }

  /** The frame a subscriber of {@code topic} receives when it may see the whole event. */
  String frame(String topic) {
    return frame(topic, data);
  }

  /** The frame with the data as this subscriber may see it. */
  String frame(String topic, JsonObject shown) {
    return new JsonObject().put("type", "event").put("seq", seq).put("topic", topic).put("event", name)
        .put("at", at).put("data", shown).encode();
  }
}
