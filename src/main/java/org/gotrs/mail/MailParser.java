package org.gotrs.mail;

import jakarta.mail.BodyPart;
import jakarta.mail.Header;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.InternetHeaders;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeUtility;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UnsupportedEncodingException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;

/**
 * Reads a raw RFC 5322 message with Jakarta Mail: headers (RFC 2047 decoded), the plain and HTML bodies in
 * their declared charsets, attachments and inline images. A message whose structure cannot be read (a
 * multipart without its boundaries, a broken transfer encoding) fails with {@link MessagingException} or
 * {@link IOException}; the caller keeps it as a failed message.
 */
final class MailParser {

  /** Longest text the article columns take (subject VARCHAR(255)). */
  static final int MAX_SUBJECT = 255;
  private static final int MAX_REFERENCES = 20;
  private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]+>");
  private static final Charset FALLBACK = Charset.forName("windows-1252");

  private final Session session;

  MailParser() {
    Properties properties = new Properties();
    // a damaged transfer encoding is noticed instead of half-imported
    properties.setProperty("mail.mime.base64.ignoreerrors", "false");
    properties.setProperty("mail.mime.address.strict", "false");
    properties.setProperty("mail.mime.decodetext.strict", "false");
    this.session = Session.getInstance(properties);
  }

  /**
   * The ledger key of a message and what a person needs to recognise it, read from its headers only: this
   * works even when the body is damaged.
   */
  static Identity identify(byte[] raw) {
    String messageId = null;
    String subject = null;
    String from = null;
    try {
      InternetHeaders headers = new InternetHeaders(new ByteArrayInputStream(raw));
      messageId = firstId(headers.getHeader("Message-ID", null));
      String rawSubject = headers.getHeader("Subject", null);
      subject = rawSubject == null ? null : clip(decodeText(unfold(rawSubject)), MAX_SUBJECT);
      String rawFrom = headers.getHeader("From", ",");
      from = rawFrom == null ? null : clip(decodeText(unfold(rawFrom)), 1000);
    } catch (MessagingException | RuntimeException unreadable) {
      // headers beyond reading: the bytes themselves identify the message
    }
    return new Identity(messageId,
        DigestUtils.md5Hex(messageId != null ? messageId.getBytes(StandardCharsets.UTF_8) : raw), subject, from);
  }

  /** The Message-ID (with angle brackets), the ledger key, and Subject and From as far as they can be read. */
  record Identity(String messageId, String key, String subject, String from) {}

  private static String clip(String text, int max) {
    String clean = text.replace("\u0000", "");
    return clean.length() > max ? clean.substring(0, max) : clean;
  }

  ParsedMail parse(byte[] raw) throws MessagingException, IOException {
    Identity identity = identify(raw);
    MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw));
    Collected collected = new Collected();
    walk(message, collected);
    InternetAddress from = firstAddress(message.getHeader("From", ","));
    if (from == null) {
      from = firstAddress(message.getHeader("Sender", ","));
    }
    InternetAddress replyTo = firstAddress(message.getHeader("Reply-To", ","));
    String inReplyTo = firstId(message.getHeader("In-Reply-To", " "));
    String references = message.getHeader("References", " ");
    return new ParsedMail(identity.key(), identity.messageId(), subject(message),
        from == null ? null : from.getAddress().toLowerCase(Locale.ROOT),
        from == null ? null : from.toUnicodeString(),
        replyTo == null ? null : replyTo.getAddress().toLowerCase(Locale.ROOT),
        addresses(message.getHeader("To", ",")), addresses(message.getHeader("Cc", ",")),
        inReplyTo, references == null ? null : unfold(references), referencedIds(inReplyTo, references),
        headers(message), collected.plain, collected.html, List.copyOf(collected.parts));
  }

  private static final class Collected {
    String plain;
    String html;
    final List<ParsedMail.Part> parts = new ArrayList<>();
  }

  private static void walk(Part part, Collected collected) throws MessagingException, IOException {
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        walk(child, collected);
      }
      return;
    }
    String disposition = disposition(part);
    String filename = filename(part);
    boolean attached = Part.ATTACHMENT.equalsIgnoreCase(disposition) || filename != null;
    if (!attached && part.isMimeType("text/plain") && collected.plain == null) {
      collected.plain = text(part);
      return;
    }
    if (!attached && part.isMimeType("text/html") && collected.html == null) {
      collected.html = text(part);
      return;
    }
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    String contentId = contentId(part);
    String contentType = mediaType(part);
    String name = filename != null ? filename : defaultName(contentType, collected.parts.size() + 1);
    boolean inline = contentId != null && !Part.ATTACHMENT.equalsIgnoreCase(disposition);
    collected.parts.add(new ParsedMail.Part(name, contentType, inline ? "inline" : "attachment", contentId, bytes));
  }

  /** The text of a part in its declared charset; undeclared or unknown: UTF-8 when it is valid, else Windows-1252. */
  static String text(Part part) throws MessagingException, IOException {
    byte[] bytes;
    try (InputStream in = part.getInputStream()) {
      bytes = in.readAllBytes();
    }
    return decode(bytes, charset(part));
  }

  static String decode(byte[] bytes, String declared) {
    if (declared != null) {
      try {
        return new String(bytes, Charset.forName(MimeUtility.javaCharset(declared)));
      } catch (IllegalArgumentException unknownCharset) {
        // fall through to the guess below
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return new String(bytes, FALLBACK);
    }
  }

  private static String charset(Part part) {
    try {
      return new ContentType(part.getContentType()).getParameter("charset");
    } catch (MessagingException | NullPointerException unreadable) {
      return null;
    }
  }

  private static String mediaType(Part part) {
    try {
      return new ContentType(part.getContentType()).getBaseType().toLowerCase(Locale.ROOT);
    } catch (MessagingException | NullPointerException unreadable) {
      return "application/octet-stream";
    }
  }

  private static String disposition(Part part) {
    try {
      return part.getDisposition();
    } catch (MessagingException unreadable) {
      return null;
    }
  }

  private static String filename(Part part) {
    try {
      String name = part.getFileName();
      return name == null || name.isBlank() ? null : MimeUtility.decodeText(name);
    } catch (MessagingException | UnsupportedEncodingException unreadable) {
      return null;
    }
  }

  private static String contentId(Part part) throws MessagingException {
    String[] ids = part.getHeader("Content-ID");
    if (ids == null || ids.length == 0 || ids[0].isBlank()) {
      return null;
    }
    String id = ids[0].strip();
    if (id.startsWith("<") && id.endsWith(">")) {
      id = id.substring(1, id.length() - 1);
    }
    return id.length() > 250 ? id.substring(0, 250) : id;
  }

  private static String defaultName(String contentType, int position) {
    return switch (contentType) {
      case "message/rfc822" -> "message-" + position + ".eml";
      case "text/plain" -> "text-" + position + ".txt";
      case "text/html" -> "text-" + position + ".html";
      case "text/calendar" -> "invite-" + position + ".ics";
      default -> "part-" + position + (contentType.startsWith("image/") ? "." + contentType.substring(6) : "");
    };
  }

  private static String subject(MimeMessage message) throws MessagingException {
    String subject = message.getSubject();
    if (subject == null) {
      return null;
    }
    return clip(unfold(subject).strip(), MAX_SUBJECT);
  }

  private static InternetAddress firstAddress(String header) {
    if (header == null) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      return Arrays.stream(parsed).filter(a -> a.getAddress() != null && a.getAddress().contains("@"))
          .findFirst().orElse(null);
    } catch (AddressException unreadable) {
      return null;
    }
  }

  /** An address list as a person reads it; left as it came when it cannot be parsed. */
  private static String addresses(String header) {
    if (header == null) {
      return null;
    }
    try {
      InternetAddress[] parsed = InternetAddress.parseHeader(header, false);
      return String.join(", ", Arrays.stream(parsed).map(InternetAddress::toUnicodeString).toList());
    } catch (AddressException unreadable) {
      return decodeText(header);
    }
  }

  private static String firstId(String header) {
    if (header == null) {
      return null;
    }
    Matcher matcher = MESSAGE_ID.matcher(header);
    return matcher.find() ? matcher.group() : null;
  }

  private static List<String> referencedIds(String inReplyTo, String references) {
    List<String> ids = new ArrayList<>();
    if (inReplyTo != null) {
      ids.add(inReplyTo);
    }
    if (references != null) {
      List<String> chain = new ArrayList<>();
      Matcher matcher = MESSAGE_ID.matcher(references);
      while (matcher.find()) {
        chain.add(matcher.group());
      }
      Collections.reverse(chain);
      chain.stream().filter(id -> !ids.contains(id)).limit(MAX_REFERENCES).forEach(ids::add);
    }
    return List.copyOf(ids);
  }

  private static Map<String, List<String>> headers(MimeMessage message) throws MessagingException {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    var all = message.getAllHeaders();
    while (all.hasMoreElements()) {
      Header header = all.nextElement();
      headers.computeIfAbsent(header.getName().toLowerCase(Locale.ROOT), name -> new ArrayList<>())
          .add(decodeText(unfold(header.getValue() == null ? "" : header.getValue())));
    }
    return headers;
  }

  private static String decodeText(String text) {
    try {
      return MimeUtility.decodeText(text);
    } catch (UnsupportedEncodingException unknownCharset) {
      return text;
    }
  }

  private static String unfold(String text) {
    return text.replaceAll("\\r?\\n[ \\t]*", " ");
  }
}
