package org.gotrs.article.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ArticleBodyTest {

  @Test
  @DisplayName("an HTML body is stored sanitised, with a plain-text twin derived from it")
  void htmlIsSanitisedAndDerived() {
    var article = ArticleBody.of("text/html", "<p>Hi <b>there</b><script>alert(1)</script></p><p>Bye</p>");

    assertEquals("text/html", article.contentType());
    assertEquals("<p>Hi <b>there</b></p><p>Bye</p>", article.body());
    assertEquals(article.body(), article.htmlBody());
    assertEquals("Hi there\n\nBye", article.plainBody());
  }

  @Test
  @DisplayName("a content type with a charset and odd case still counts as HTML and is kept as given")
  void htmlWithCharset() {
    var article = ArticleBody.of(" Text/HTML; charset=\"utf-8\"", "<img src=x onerror=alert(1)>ok");

    assertEquals("Text/HTML; charset=\"utf-8\"", article.contentType());
    assertEquals("ok", article.body());
    assertEquals("ok", article.plainBody());
  }

  @Test
  @DisplayName("plain text is kept exactly as given, markup and all, and has no HTML body")
  void plainTextIsKept() {
    var article = ArticleBody.of("text/plain; charset=utf-8", "  <b>not html</b>\n");

    assertEquals("  <b>not html</b>\n", article.body());
    assertEquals(article.body(), article.plainBody());
    assertNull(article.htmlBody());
  }

  @Test
  @DisplayName("a missing or blank content type means text/plain")
  void missingContentTypeIsPlainText() {
    assertEquals(new ArticleBody("text/plain", "x", null, "x"), ArticleBody.of(null, "x"));
    assertEquals(new ArticleBody("text/plain", "x", null, "x"), ArticleBody.of("  ", "x"));
  }

  @Test
  @DisplayName("another media type such as text/markdown is treated as text, not sanitised")
  void otherTypesAreText() {
    var article = ArticleBody.of("text/markdown", "# <title>");

    assertEquals("# <title>", article.body());
    assertNull(article.htmlBody());
  }
}
