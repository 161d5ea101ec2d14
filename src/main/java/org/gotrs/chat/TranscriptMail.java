package org.gotrs.chat;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.gotrs.mail.MailQueue;

/** The conversation of a chat as a plain-text mail to the visitor, in English or German, files named by name. */
final class TranscriptMail {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

  private TranscriptMail() {}

  static MailQueue.Message of(Chat chat, List<ChatMessage> messages, String language) {
    boolean german = language != null && language.toLowerCase(Locale.ROOT).startsWith("de");
    StringBuilder body = new StringBuilder(german
        ? "Hallo " + chat.customerName() + ",\n\nhier ist der Verlauf Ihres Chats mit uns:\n\n"
        : "Hello " + chat.customerName() + ",\n\nhere is the transcript of your chat with us:\n\n");
    for (ChatMessage message : messages) {
      String who = "customer".equals(message.from()) ? (german ? "Sie" : "You") : message.name();
      body.append('[').append(TIME.format(message.at())).append(" UTC] ").append(who == null ? "" : who).append(": ");
      if (message.attachments().isEmpty()) {
        body.append(message.text());
      } else {
        body.append(german ? "Datei(en): " : "File(s): ")
            .append(String.join(", ", message.attachments().stream().map(ChatMessage.ChatFile::filename).toList()));
      }
      body.append('\n');
    }
    body.append(german ? "\nVielen Dank für Ihre Nachricht.\n" : "\nThank you for getting in touch.\n");
    String subject = german ? "Ihr Chat mit uns" : "Your chat with us";
    return new MailQueue.Message(chat.ticketId(), "customer:chat-transcript", chat.customerEmail(), subject,
        body.toString(), true);
  }
}
