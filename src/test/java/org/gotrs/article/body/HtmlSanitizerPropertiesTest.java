package org.gotrs.article.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Attack pieces stitched together at random, including half-open tags and quotes that break attributes. */
class HtmlSanitizerPropertiesTest {

  private final HtmlSanitizer sanitizer = new HtmlSanitizer();

  @Property
  @Label("no mix of attack fragments leaves anything active behind")
  void mixedFragmentsStayInert(@ForAll("documents") String html) {
    HtmlSanitizerTest.assertNoActiveContent(sanitizer.sanitize(html));
  }

  @Property
  @Label("sanitising sanitised HTML changes nothing")
  void sanitisingIsIdempotent(@ForAll("documents") String html) {
    String once = sanitizer.sanitize(html);
    assertEquals(once, sanitizer.sanitize(once));
  }

  @Provide
  Arbitrary<String> documents() {
    List<String> fragments = List.of(
        "<p>", "</p>", "<a href=\"https://example.com\">", "<a href=\"javascript:alert(1)\">", "</a>",
        "<img src=x onerror=alert(1)>", "<img src=\"cid:x@y\">", "<img src=\"data:image/svg+xml,<svg onload=alert(1)>\">",
        "<script>", "alert(1)", "</script>", "<svg onload=alert(1)>", "<iframe src=//evil>", "<style>", "</style>",
        "\"", "'", ">", "<", "<!--", "-->", "<b onclick=\"", "<table><tr><td>", "&lt;script&gt;", "&#106;avascript:",
        "<a href=\"", "<IMG SRC=JaVaScRiPt:alert(1)>", "<form action=x>", "<object data=x>", "text ", "<br>",
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">");
    return Arbitraries.of(fragments).list().ofMaxSize(12).map(parts -> String.join("", parts));
  }
}
