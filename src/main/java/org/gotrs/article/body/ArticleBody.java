package org.gotrs.article.body;

import java.util.Locale;

/**
 * An article's body as stored: HTML arrives sanitised with a derived plain-text twin; anything else is text.
 *
 * @param contentType as given, e.g. {@code text/html; charset=utf-8}; {@code text/plain} when none was given
 * @param body what is shown: the sanitised HTML, or the text as given
 * @param htmlBody the sanitised HTML, {@code null} for text
 * @param plainBody the text, derived from the HTML when there is HTML
 */
public record ArticleBody(String contentType, String body, String htmlBody, String plainBody) {

  public static final String TEXT_PLAIN = "text/plain";
  public static final String TEXT_HTML = "text/html";

  private static final HtmlSanitizer SANITIZER = new HtmlSanitizer();

  public static ArticleBody of(String contentType, String body) {
    String type = contentType == null || contentType.isBlank() ? TEXT_PLAIN : contentType.strip();
    if (namesHtml(type)) {
      String html = SANITIZER.sanitize(body);
      return new ArticleBody(type, html, html, PlainText.fromHtml(html));
    }
    String text = body == null ? "" : body;
    return new ArticleBody(type, text, null, text);
  }

  /** The media type without parameters: {@code Text/HTML; charset=UTF-8} is HTML. */
  private static boolean namesHtml(String contentType) {
    int parameters = contentType.indexOf(';');
    String mediaType = parameters < 0 ? contentType : contentType.substring(0, parameters);
    return mediaType.strip().toLowerCase(Locale.ROOT).equals(TEXT_HTML);
  }
}
