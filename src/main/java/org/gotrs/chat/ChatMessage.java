package org.gotrs.chat;

import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * One chat message: an article of the chat's ticket, seen as a line of the conversation.
 *
 * @param messageId the article's id
 * @param from {@code customer}, {@code agent} or {@code system}
 * @param name who wrote it, as shown to the other side
 */
public record ChatMessage(long messageId, String from, String name, String text, Instant at) {

  static ChatMessage fromEvent(JsonObject data) {
    return new ChatMessage(data.getLong("message_id"), data.getString("from"), data.getString("name"),
        data.getString("text"), Instant.parse(data.getString("at")));
  }

  JsonObject toJson() {
    return new JsonObject().put("message_id", messageId).put("from", from).put("name", name).put("text", text)
        .put("at", at.toString());
  }
}
