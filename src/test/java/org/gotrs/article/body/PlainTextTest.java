package org.gotrs.article.body;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class PlainTextTest {

  @Test
  @DisplayName("paragraphs are separated by one blank line and inline markup disappears")
  void paragraphs() {
    assertEquals("Hello world,\n\nsecond paragraph",
        PlainText.fromHtml("<p>Hello <b>world</b>,</p>\n<p>second <i>paragraph</i></p>"));
  }

  @Test
  @DisplayName("<br> is a line break and two of them leave a blank line")
  void lineBreaks() {
    assertEquals("line one\nline two\n\nafter a gap", PlainText.fromHtml("line one<br>line two<br/><br>after a gap"));
  }

  @Test
  @DisplayName("a <br> closing a paragraph does not add a second blank line")
  void trailingBreakInParagraph() {
    assertEquals("a\n\nb", PlainText.fromHtml("<p>a<br></p><p>b</p>"));
  }

  @Test
  @DisplayName("list items stand on their own lines, bulleted or numbered, nested lists indented")
  void lists() {
    assertEquals("- one\n- two\n  - nested\n1. first\n2. second", PlainText.fromHtml(
        "<ul>\n <li>one</li>\n <li>two <ul><li>nested</li></ul></li>\n</ul><ol><li>first</li><li>second</li></ol>"));
  }

  @Test
  @DisplayName("a paragraph inside a list item stays on the bullet's line")
  void paragraphInListItem() {
    assertEquals("- a\n- b", PlainText.fromHtml("<ul><li><p>a</p></li><li><p>b</p></li></ul>"));
  }

  @Test
  @DisplayName("a link's target follows its text in angle brackets, unless the text is the target")
  void linkTargets() {
    assertEquals("See the docs <https://example.com/docs>, https://example.com/ or help@example.com.",
        PlainText.fromHtml("See <a href=\"https://example.com/docs\">the docs</a>, "
            + "<a href=\"https://example.com/\">https://example.com/</a> or "
            + "<a href=\"mailto:help@example.com\">help@example.com</a>."));
  }

  @Test
  @DisplayName("a link without a web or mail target shows only its text")
  void linkWithoutUsefulTarget() {
    assertEquals("top and here", PlainText.fromHtml("<a href=\"#top\">top</a> and <a>here</a>"));
  }

  @Test
  @DisplayName("entities are decoded and non-breaking spaces become spaces")
  void entities() {
    assertEquals("Fish & chips <cheap> café 5 €", PlainText.fromHtml("Fish &amp; chips &lt;cheap&gt; caf&eacute;&nbsp;5&nbsp;&euro;"));
  }

  @Test
  @DisplayName("runs of whitespace and source line breaks collapse to single spaces")
  void whitespaceCollapses() {
    assertEquals("lots of whitespace here", PlainText.fromHtml("  lots   of\n\n   whitespace\there  "));
  }

  @Test
  @DisplayName("<pre> keeps its spaces and line breaks")
  void preformatted() {
    assertEquals("  code\n    indented\n\nafter", PlainText.fromHtml("<pre>  code\n    indented</pre><p>after</p>"));
  }

  @Test
  @DisplayName("a blockquote becomes > quoted lines, its blank lines included")
  void blockquote() {
    assertEquals("> quoted one\n>\n> quoted two\n\nreply",
        PlainText.fromHtml("<blockquote><p>quoted one</p><p>quoted two</p></blockquote><p>reply</p>"));
  }

  @Test
  @DisplayName("table rows are lines and cells are separated by tabs")
  void tables() {
    assertEquals("Name\tValue\na\t1",
        PlainText.fromHtml("<table><tr><th>Name</th><th>Value</th></tr><tr><td>a</td><td>1</td></tr></table>"));
  }

  @Test
  @DisplayName("the head, scripts and styles contribute no text")
  void invisibleContentIsSkipped() {
    assertEquals("Title\n\nbody", PlainText.fromHtml("<html><head><title>T</title><style>p{color:red}</style></head>"
        + "<body><h1>Title</h1><script>track()</script><div>body</div></body></html>"));
  }

  @Test
  @DisplayName("null and blank HTML give empty text")
  void emptyInput() {
    assertEquals("", PlainText.fromHtml(null));
    assertEquals("", PlainText.fromHtml(" <p> </p> "));
  }
}
