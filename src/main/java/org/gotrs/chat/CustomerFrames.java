package org.gotrs.chat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.gotrs.events.EventName;
import org.gotrs.http.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The frames a customer's chat socket receives, built from chat events and service results. */
final class CustomerFrames {

  private static final Logger LOG = LoggerFactory.getLogger(CustomerFrames.class);

  private CustomerFrames() {}

  static JsonObject queued(ChatService.Started started) {
    Chat chat = started.chat();
    return new JsonObject().put("type", "chat.queued").put("chat_id", chat.id()).put("ticket_id", chat.ticketId())
        .put("queue", chat.queue()).put("position", started.position()).put("resume_token", started.resumeToken())
        .put("available", started.available());
  }

  static JsonObject resumed(ChatService.Resumed resumed) {
    Chat chat = resumed.chat();
    JsonArray messages = new JsonArray();
    resumed.transcript().forEach(message -> messages.add(message.toJson()));
    JsonObject frame = new JsonObject().put("type", "chat.resumed").put("chat_id", chat.id())
        .put("ticket_id", chat.ticketId()).put("queue", chat.queue()).put("state", chat.state())
        .put("messages", messages);
    if (chat.agent() != null && !chat.isWaiting()) {
      frame.put("agent", chat.agent());
    }
    if (resumed.position() != null) {
      frame.put("position", resumed.position());
    }
    if (chat.lastAgentReadMessageId() != null) {
      frame.put("read_message_id", chat.lastAgentReadMessageId());
    }
    return frame;
  }

  /** The customer's view of a chat event, or null when it is not for them (their own typing, agents' bookkeeping). */
  static JsonObject fromEvent(EventName name, JsonObject data) {
    return switch (name) {
      case CHAT_ACCEPTED -> new JsonObject().put("type", "chat.accepted").put("agent", data.getString("agent"));
      case CHAT_MESSAGE -> ChatMessage.fromEvent(data).toJson().put("type", "chat.message");
      case CHAT_TYPING -> "agent".equals(data.getString("from"))
          ? new JsonObject().put("type", "chat.typing").put("from", "agent") : null;
      case CHAT_READ -> "agent".equals(data.getString("by"))
          ? new JsonObject().put("type", "chat.read").put("message_id", data.getLong("message_id")) : null;
      case CHAT_CLOSED -> new JsonObject().put("type", "chat.closed").put("by", data.getString("by"));
      case CHAT_TRANSFERRED -> Chat.ACTIVE.equals(data.getString("state"))
          ? new JsonObject().put("type", "chat.accepted").put("agent", data.getString("agent")).put("transferred", true)
          : new JsonObject().put("type", "chat.transferred").put("state", Chat.WAITING).put("queue", data.getString("queue"));
      default -> null;
    };
  }

  static JsonObject error(String code, String message) {
    return new JsonObject().put("type", "error").put("code", code).put("message", message);
  }

  /** A failed call as an error frame; the codes follow the HTTP status the same failure gets over REST. */
  static JsonObject error(Throwable failure) {
    if (!(failure instanceof Problem problem)) {
      LOG.warn("chat request failed", failure);
      return error("server_error", "something went wrong; try again");
    }
    String code = switch (problem.status()) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 409 -> "conflict";
      case 422 -> "invalid";
      case 429 -> "rate_limited";
      default -> "server_error";
    };
    JsonObject frame = error(code, problem.detail() != null ? problem.detail() : problem.title());
    List<Problem.FieldError> errors = problem.errors();
    if (errors != null && !errors.isEmpty()) {
      JsonArray fields = new JsonArray();
      errors.forEach(e -> fields.add(new JsonObject().put("field", e.field()).put("message", e.message())));
      frame.put("errors", fields);
    }
    if (problem.retryAfterSeconds() != null) {
      frame.put("retry_after", problem.retryAfterSeconds());
    }
    return frame;
  }
}
