package org.gotrs.templates;

import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.http.Html;

/**
 * Fills OTRS tags such as {@code <OTRS_TICKET_Title>} in a text: templates, salutations, signatures, and whatever
 * else writes to customers (auto-responses, notifications). Tags are matched regardless of case, as OTRS does. A tag
 * without a value stays as written, so a typo or a tag GOTRS does not know shows up in the text instead of silently
 * leaving a gap. In HTML, values are escaped, and tags a rich-text editor stored as {@code &lt;OTRS_...&gt;} count too.
 */
public final class OtrsTags {

  private static final Pattern TAG = Pattern.compile("<(OTRS_[A-Z0-9_]+)>", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG_IN_HTML = Pattern.compile("<(OTRS_[A-Z0-9_]+)>|&lt;(OTRS_[A-Z0-9_]+)&gt;",
      Pattern.CASE_INSENSITIVE);

  private OtrsTags() {}

  /**
   * @param values the tags' values by tag name without brackets, upper case ({@code OTRS_TICKET_TITLE})
   * @param html whether {@code text} is HTML: values are then escaped
   */
  public static String fill(String text, Map<String, String> values, boolean html) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    Matcher matcher = (html ? TAG_IN_HTML : TAG).matcher(text);
    StringBuilder out = new StringBuilder(text.length() + 64);
    while (matcher.find()) {
      String name = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      String value = values.get(name.toUpperCase(Locale.ROOT));
      String replacement = value == null ? matcher.group() : html ? Html.escape(value) : value;
      matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** Whether a content type such as {@code text/html; charset=utf-8} is HTML. */
  public static boolean isHtml(String contentType) {
    return contentType != null && contentType.strip().toLowerCase(Locale.ROOT).startsWith("text/html");
  }

}
