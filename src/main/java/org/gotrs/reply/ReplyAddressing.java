package org.gotrs.reply;

import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.gotrs.article.ArticleDraft;

/**
 * Who an agent's e-mail goes to and under which subject, from the article it answers and the ticket's customer: To
 * the customer user's address (else whoever wrote the answered article, or whom it went to when an agent wrote it),
 * Cc with everyone else who got the answered article when it answers all, never the help desk's own addresses.
 */
final class ReplyAddressing {

  private static final Pattern REPLY_PREFIX = Pattern.compile("^(re|aw|antw|sv)\\s*:", Pattern.CASE_INSENSITIVE);
  private static final Pattern FORWARD_PREFIX = Pattern.compile("^(fwd?|wg)\\s*:", Pattern.CASE_INSENSITIVE);

  private ReplyAddressing() {}

  /** A mailbox of an address list: the bare address (lower case, to compare) and the text as written. */
  record Mailbox(String address, String text) {}

  /** The draft addressed; anything but an agent's e-mail is left as it is. */
  static ArticleDraft address(ArticleDraft draft, Reply reply, ReplyContext context) {
    if (!draft.isAgentEmail()) {
      return draft;
    }
    ReplyContext.Replied replied = context.replied();
    String to = present(draft.toAddress()) ? draft.toAddress() : reply.forwards() ? null : recipient(reply, context);
    String cc = reply.replyAll() && replied != null
        ? othersWhoGotIt(draft.ccAddress(), to, replied, context.ownAddresses()) : draft.ccAddress();
    ArticleDraft addressed = draft.withRecipients(to, blankToNull(cc), blankToNull(draft.bccAddress()))
        .withSubject(subject(draft, reply, context));
    if (reply.answers() && replied != null && replied.messageId() != null) {
      String earlier = replied.references() == null ? "" : replied.references().strip();
      addressed = addressed.inThread(replied.messageId(), (earlier + " " + replied.messageId()).strip());
    }
    return addressed;
  }

  /** The customer user's address; else, for a reply, whoever wrote the article answered (its To when an agent did). */
  private static String recipient(Reply reply, ReplyContext context) {
    if (present(context.customerEmail())) {
      return context.customerEmail();
    }
    ReplyContext.Replied replied = context.replied();
    if (!reply.answers() || replied == null) {
      return null;
    }
    return replied.senderType() == ArticleDraft.AGENT ? replied.to() : replied.from();
  }

  /** The Cc given, then everyone else the answered article went to: not the To, not the help desk, not twice. */
  static String othersWhoGotIt(String cc, String to, ReplyContext.Replied replied, Set<String> own) {
    Map<String, String> kept = new LinkedHashMap<>();
    mailboxes(cc).forEach(mailbox -> kept.putIfAbsent(mailbox.address(), mailbox.text()));
    Set<String> skipped = new java.util.HashSet<>(own);
    mailboxes(to).forEach(mailbox -> skipped.add(mailbox.address()));
    List<Mailbox> others = new ArrayList<>();
    if (replied.senderType() != ArticleDraft.AGENT) {
      others.addAll(mailboxes(replied.from()));
    }
    others.addAll(mailboxes(replied.to()));
    others.addAll(mailboxes(replied.cc()));
    others.stream().filter(mailbox -> !skipped.contains(mailbox.address()))
        .forEach(mailbox -> kept.putIfAbsent(mailbox.address(), mailbox.text()));
    return String.join(", ", kept.values());
  }

  /** The subject given; else "Re: " or "Fwd: " before the answered or forwarded article's subject (or the title). */
  private static String subject(ArticleDraft draft, Reply reply, ReplyContext context) {
    if (present(draft.subject())) {
      return draft.subject();
    }
    if (reply.forwards()) {
      return prefixed("Fwd: ", FORWARD_PREFIX, firstPresent(context.forwardedSubject(), context.title()));
    }
    if (reply.answers()) {
      return prefixed("Re: ", REPLY_PREFIX, firstPresent(context.replied() == null ? null : context.replied().subject(),
          context.title()));
    }
    return draft.subject();
  }

  private static String prefixed(String prefix, Pattern already, String subject) {
    String text = subject == null ? "" : subject.strip();
    return already.matcher(text).find() ? text : (prefix + text).strip();
  }

  /** The mailboxes of an address list; one that does not parse is kept as written, split at commas. */
  static List<Mailbox> mailboxes(String list) {
    if (!present(list)) {
      return List.of();
    }
    List<Mailbox> mailboxes = new ArrayList<>();
    try {
      for (InternetAddress address : InternetAddress.parse(list, false)) {
        mailboxes.add(new Mailbox(address.getAddress().toLowerCase(Locale.ROOT), address.toUnicodeString()));
      }
    } catch (AddressException unparsable) {
      for (String part : list.split(",")) {
        String text = part.strip();
        if (!text.isEmpty()) {
          int open = text.lastIndexOf('<');
          int close = text.lastIndexOf('>');
          String address = open >= 0 && close > open ? text.substring(open + 1, close) : text;
          mailboxes.add(new Mailbox(address.strip().toLowerCase(Locale.ROOT), text));
        }
      }
    }
    return mailboxes;
  }

  private static String firstPresent(String first, String second) {
    return present(first) ? first : second;
  }

  private static boolean present(String text) {
    return text != null && !text.isBlank();
  }

  private static String blankToNull(String text) {
    return present(text) ? text : null;
  }
}
