package org.gotrs.notification;

import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** One stored notification of one agent, as the API answers it and {@code notification.created} carries it. */
record Notification(long id, UUID userId, String event, Long ticketId, String text, Instant readTime,
                    Instant createTime) {

  static Notification from(Row row) {
    return new Notification(row.getLong("id"), row.getUUID("user_id"), row.getString("event"), row.getLong("ticket_id"),
        row.getString("text"), instant(row, "read_time"), instant(row, "create_time"));
  }

  private static Instant instant(Row row, String column) {
    var time = row.getLocalDateTime(column);
    return time == null ? null : time.toInstant(ZoneOffset.UTC);
  }

  Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("id", id);
    map.put("event", event);
    map.put("ticket_id", ticketId);
    map.put("text", text);
    map.put("read", readTime != null);
    map.put("read_time", readTime == null ? null : readTime.toString());
    map.put("create_time", createTime.toString());
    return map;
  }

  JsonObject toJson() {
    return new JsonObject(toMap());
  }
}
