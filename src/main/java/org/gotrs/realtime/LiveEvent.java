package org.gotrs.realtime;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** A committed domain event as the live stream carries it. */
public record LiveEvent(long seq, String name, List<String> topics, JsonObject data, String at) {

  static LiveEvent from(Row row) {
    return new LiveEvent(row.getLong("seq"), row.getString("name"), Arrays.asList(row.getArrayOfStrings("topics")),
        (JsonObject) row.getValue("data"), row.getLocalDateTime("created_at").toInstant(ZoneOffset.UTC).toString());
  }

  JsonObject toJson() {
    return new JsonObject().put("seq", seq).put("name", name).put("topics", new JsonArray(topics)).put("data", data)
        .put("at", at);
  }

  static LiveEvent fromJson(JsonObject json) {
    return new LiveEvent(json.getLong("seq"), json.getString("name"),
        json.getJsonArray("topics").stream().map(String::valueOf).toList(), json.getJsonObject("data"),
        json.getString("at"));
  }

  /** The frame a subscriber of {@code topic} receives. */
  String frame(String topic) {
    return new JsonObject().put("type", "event").put("seq", seq).put("topic", topic).put("event", name)
        .put("at", at).put("data", data).encode();
  }
}
