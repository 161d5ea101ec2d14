package org.gotrs.mail;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An incoming message as the channel uses it: decoded headers, bodies and parts.
 *
 * @param key the ledger key: MD5 of the Message-ID, or of the raw bytes when there is none
 * @param messageId the Message-ID with its angle brackets, null when absent
 * @param fromAddress the sender's bare address, lower case; null when there is none
 * @param from the From header as a person reads it, e.g. {@code Alice <alice@example.com>}
 * @param referencedIds In-Reply-To first, then References newest first, each with angle brackets
 * @param headers every header by lower-case name, values decoded, in order
 * @param parts attachments and inline images
 */
record ParsedMail(
    String key,
    String messageId,
    String subject,
    String fromAddress,
    String from,
    String replyToAddress,
    String to,
    String cc,
    String inReplyTo,
    String references,
    List<String> referencedIds,
    Map<String, List<String>> headers,
    String plainBody,
    String htmlBody,
    List<Part> parts) {

  /** A part that is not the message's text: its decoded bytes, and its Content-ID without angle brackets. */
  record Part(String filename, String contentType, String disposition, String contentId, byte[] bytes) {}

  List<String> header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), List.of());
  }

  String firstHeader(String name) {
    List<String> values = header(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** Where a reply goes: Reply-To when given, else the sender. */
  String replyAddress() {
    return replyToAddress != null ? replyToAddress : fromAddress;
  }
}
