package org.gotrs.mail;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Mail no auto-response may answer: auto-replies (RFC 3834 {@code Auto-Submitted}, {@code X-Loop}, Microsoft's
 * {@code X-Auto-Response-Suppress}), bulk and list mail ({@code Precedence}, {@code List-Id}), delivery reports
 * and mailer daemons, mail without a sender, and mail from the help desk's own addresses. The per-address rate
 * limit is kept in the database by {@link AutoResponder}.
 */
final class LoopProtection {

  private static final Set<String> BULK = Set.of("bulk", "list", "junk", "auto_reply");
  private static final Pattern DAEMON = Pattern.compile(
      "^(mailer-daemon|postmaster|mail-daemon|maildaemon|no-?reply|do-?not-?reply|bounces?|autoreply|auto-reply)([+-][^@]*)?@",
      Pattern.CASE_INSENSITIVE);

  private LoopProtection() {}

  /** Why no auto-response may go to this message, or null when one may. */
  static String reason(ParsedMail mail, Set<String> ownAddresses) {
    String replyTo = mail.replyAddress();
    if (replyTo == null) {
      return "no sender address";
    }
    if (ownAddresses.contains(replyTo) || ownAddresses.contains(mail.fromAddress())) {
      return "sent by the help desk itself";
    }
    String autoSubmitted = mail.firstHeader("Auto-Submitted");
    if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
      return "Auto-Submitted: " + autoSubmitted.strip();
    }
    if (!mail.header("X-Loop").isEmpty() || !mail.header("X-OTRS-Loop").isEmpty()) {
      return "X-Loop";
    }
    String suppress = mail.firstHeader("X-Auto-Response-Suppress");
    if (suppress != null && suppress.toLowerCase(Locale.ROOT).matches(".*\\b(all|autoreply|oof)\\b.*")) {
      return "X-Auto-Response-Suppress: " + suppress.strip();
    }
    String precedence = mail.firstHeader("Precedence");
    if (precedence != null && BULK.contains(precedence.strip().toLowerCase(Locale.ROOT))) {
      return "Precedence: " + precedence.strip();
    }
    if (!mail.header("List-Id").isEmpty() || !mail.header("List-Unsubscribe").isEmpty()) {
      return "mailing list";
    }
    String returnPath = mail.firstHeader("Return-Path");
    if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
      return "null envelope sender";
    }
    String contentType = mail.firstHeader("Content-Type");
    if (contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith("multipart/report")) {
      return "delivery report";
    }
    if (DAEMON.matcher(mail.fromAddress() == null ? replyTo : mail.fromAddress()).find()
        || DAEMON.matcher(replyTo).find()) {
      return "mailer daemon";
    }
    return null;
  }

  /**
   * Why no auto-response may go to this address of a ticket opened without mail (no message to judge by): none, the
   * help desk's own, or a mailer daemon's; null when one may.
   */
  static String reason(String address, Set<String> ownAddresses) {
    if (address == null || address.isBlank() || !address.contains("@")) {
      return "no address";
    }
    if (ownAddresses.contains(address)) {
      return "sent by the help desk itself";
    }
    return DAEMON.matcher(address).find() ? "mailer daemon" : null;
  }
}
