package org.gotrs.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * One chat message: an article of the chat's ticket, seen as a line of the conversation.
 *
 * @param messageId the article's id
 * @param from {@code customer}, {@code agent} or {@code system}
 * @param name who wrote it, as shown to the other side
 * @param attachments the files sent with it; empty for a message of text alone
 */
public record ChatMessage(long messageId, String from, String name, String text, Instant at,
                          List<ChatFile> attachments) {

  ChatMessage(long messageId, String from, String name, String text, Instant at) {
    this(messageId, from, name, text, at, List.of());
  }

  static ChatMessage fromEvent(JsonObject data) {
    JsonArray files = data.getJsonArray("attachments");
    return new ChatMessage(data.getLong("message_id"), data.getString("from"), data.getString("name"),
        data.getString("text"), Instant.parse(data.getString("at")),
        files == null ? List.of() : files.stream().map(file -> ChatFile.fromJson((JsonObject) file)).toList());
  }

  JsonObject toJson() {
    JsonObject json = new JsonObject().put("message_id", messageId).put("from", from).put("name", name)
        .put("text", text).put("at", at.toString());
    if (!attachments.isEmpty()) {
      json.put("attachments", new JsonArray(attachments.stream().map(ChatFile::toJson).toList()));
    }
    return json;
  }

  /**
   * A file sent in a chat: an attachment of the message's article, fetched from {@code url} (agents with their
   * token, the visitor with the header {@code X-Chat-Token}).
   */
  public record ChatFile(long id, String filename, Long size, String contentType, String url) {

    static ChatFile of(long chatId, long id, String filename, Long size, String contentType) {
      return new ChatFile(id, filename, size, contentType, "/api/v1/chats/" + chatId + "/files/" + id);
    }

    static ChatFile fromJson(JsonObject json) {
      return new ChatFile(json.getLong("id"), json.getString("filename"), json.getLong("size"),
          json.getString("content_type"), json.getString("url"));
    }

    JsonObject toJson() {
      return new JsonObject().put("id", id).put("filename", filename).put("size", size)
          .put("content_type", contentType).put("url", url);
    }
  }
}
