package org.gotrs.mail;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * OTRS's ticket number hook in subjects: {@code [Ticket#2024010110000011] Printer on fire}. Replies leave with
 * it; incoming mail carrying it is a follow-up to that ticket.
 */
final class TicketSubject {

  static final String HOOK = "Ticket#";
  private static final Pattern NUMBER = Pattern.compile("\\[?" + Pattern.quote(HOOK) + ":?\\s*(\\d{1,50})\\]?",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern REPLY_PREFIX = Pattern.compile("^((re|aw|fwd?|wg|sv|antw)(\\[\\d+\\])?\\s*:\\s*)+",
      Pattern.CASE_INSENSITIVE);

  private TicketSubject() {}

  /** The ticket numbers a subject names, in order of appearance. */
  static List<String> numbers(String subject) {
    List<String> numbers = new ArrayList<>();
    if (subject == null) {
      return numbers;
    }
    Matcher matcher = NUMBER.matcher(subject);
    while (matcher.find()) {
      numbers.add(matcher.group(1));
    }
    return numbers;
  }

  /**
   * The subject of outgoing mail: a prefix first ({@code Fwd: } when it begins as a forward, else {@code Re: } for any
   * reply prefix), then {@code [Ticket#tn]}, then the rest.
   */
  static String format(String tn, String subject) {
    String rest = clean(subject);
    Matcher prefix = REPLY_PREFIX.matcher(subject == null ? "" : NUMBER.matcher(subject).replaceAll("").strip());
    String reply = !prefix.find() ? ""
        : prefix.group().regionMatches(true, 0, "fw", 0, 2) || prefix.group().regionMatches(true, 0, "wg", 0, 2)
            ? "Fwd: " : "Re: ";
    return (reply + "[" + HOOK + tn + "] " + rest).strip();
  }

  /** The subject without ticket hooks and reply prefixes: the title of a ticket opened from a reply. */
  static String clean(String subject) {
    if (subject == null) {
      return "";
    }
    String withoutHooks = NUMBER.matcher(subject).replaceAll(" ").replaceAll("\\s+", " ").strip();
    return REPLY_PREFIX.matcher(withoutHooks).replaceFirst("").strip();
  }
}
