package org.gotrs.chat;

import java.util.regex.Pattern;

/** What a chat accepts as a message, a name or an email address; the text stays text and is never read as HTML. */
final class ChatText {

  static final int MAX_NAME = 200;
  static final int MAX_EMAIL = 255;

  /** Control characters other than tab and line breaks; PostgreSQL refuses NUL in text outright. */
  private static final Pattern CONTROL = Pattern.compile("[\\x00-\\x08\\x0B\\x0C\\x0E-\\x1F\\x7F]");
  private static final Pattern EMAIL = Pattern.compile("[^@\\s<>\"]+@[^@\\s<>\"]+\\.[^@\\s<>\"]+");

  private ChatText() {}

  /** The text without control characters; null when nothing but white space is left. */
  static String clean(String text) {
    if (text == null) {
      return null;
    }
    String cleaned = CONTROL.matcher(text).replaceAll("");
    return cleaned.isBlank() ? null : cleaned;
  }

  /** A name as shown to agents: one line, no control characters, no angle brackets (it goes into a From line). */
  static String name(String text) {
    String cleaned = clean(text);
    return cleaned == null ? null : cleaned.replaceAll("[\\r\\n\\t<>]+", " ").strip();
  }

  static boolean isEmail(String text) {
    return text != null && text.length() <= MAX_EMAIL && EMAIL.matcher(text).matches();
  }
}
