package org.gotrs.chat;

import io.vertx.core.json.JsonObject;
import org.gotrs.http.Problem;

/** What a customer's frames carry, checked at the edge: a bad frame gets an error frame, never an exception. */
final class CustomerInput {

  /** Either the value or the error frame that says why there is none. */
  record Checked<T>(T value, JsonObject error) {
    static <T> Checked<T> ok(T value) {
      return new Checked<>(value, null);
    }

    static <T> Checked<T> refused(JsonObject error) {
      return new Checked<>(null, error);
    }

    boolean refused() {
      return error != null;
    }
  }

  private static final int MAX_ADDRESS = 2000;

  private CustomerInput() {}

  /** The name, email, queue and first message of a chat.start or chat.leave_message frame. */
  static Checked<ChatService.StartRequest> start(JsonObject frame, boolean identityRequired, boolean messageRequired,
                                                 int maxChars) {
    String name = ChatText.name(string(frame, "name", ChatText.MAX_NAME));
    String email = string(frame, "email", ChatText.MAX_EMAIL);
    email = email == null || email.isBlank() ? null : email.strip();
    String queue = string(frame, "queue", 200);
    String message = frame.getValue("message") instanceof String text ? ChatText.clean(text) : null;
    if (identityRequired && (name == null || name.isEmpty())) {
      return invalid("name", "is required (at most " + ChatText.MAX_NAME + " characters)");
    }
    if ((identityRequired || email != null) && !ChatText.isEmail(email)) {
      return invalid("email", "must be an email address");
    }
    if (messageRequired && message == null) {
      return invalid("message", "is required");
    }
    if (message != null && message.length() > maxChars) {
      return Checked.refused(tooLong(maxChars));
    }
    return Checked.ok(new ChatService.StartRequest(name, email, queue, message, webAddress(frame, "page_url"),
        webAddress(frame, "referrer")));
  }

  /** An http(s) address the widget reports (the visitor's page, where they came from); anything else is dropped. */
  static String webAddress(JsonObject frame, String field) {
    String address = string(frame, field, MAX_ADDRESS);
    return address != null && (address.startsWith("https://") || address.startsWith("http://"))
        && address.chars().noneMatch(Character::isISOControl) ? address : null;
  }

  /** The text of a chat.message frame, without control characters. */
  static Checked<String> text(JsonObject frame, int maxChars) {
    String text = frame.getValue("text") instanceof String raw ? ChatText.clean(raw) : null;
    if (text == null) {
      return Checked.refused(CustomerFrames.error("bad_request", "text must be a non-empty string"));
    }
    return text.length() > maxChars ? Checked.refused(tooLong(maxChars)) : Checked.ok(text);
  }

  /** A string field no longer than {@code maxLength}; null when absent, not a string or too long. */
  static String string(JsonObject frame, String field, int maxLength) {
    return frame.getValue(field) instanceof String text && text.length() <= maxLength ? text : null;
  }

  private static <T> Checked<T> invalid(String field, String message) {
    return Checked.refused(CustomerFrames.error(Problem.invalid(field, message)));
  }

  private static JsonObject tooLong(int maxChars) {
    return CustomerFrames.error("too_long", "messages are at most " + maxChars + " characters");
  }
}
