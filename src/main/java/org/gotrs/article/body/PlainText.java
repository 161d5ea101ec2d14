package org.gotrs.article.body;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;

/** A readable plain-text body for an HTML article: for notifications, search and agents who prefer text. */
public final class PlainText {

  private static final Set<String> SKIPPED = Set.of("head", "script", "style", "template", "noscript", "title");
  private static final Set<String> PARAGRAPHS = Set.of(
      "p", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table", "dl", "hr");
  private static final Set<String> LINES = Set.of(
      "div", "ul", "ol", "li", "tr", "dt", "dd", "caption", "address", "article", "aside", "details", "figure",
      "figcaption", "footer", "header", "main", "nav", "section", "summary", "form", "fieldset");

  private PlainText() {}

  public static String fromHtml(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Layout layout = new Layout();
    Jsoup.parse(html).body().filter(layout);
    return layout.writer.toString();
  }

  /** Decides what each element means on the page; {@link PlainTextWriter} does the spacing. */
  private static final class Layout implements NodeFilter {

    private final PlainTextWriter writer = new PlainTextWriter();
    private final Deque<OpenList> lists = new ArrayDeque<>();
    private final Deque<Integer> linkStarts = new ArrayDeque<>();
    private int preDepth;

    @Override
    public FilterResult head(Node node, int depth) {
      if (node instanceof TextNode text) {
        if (preDepth > 0) {
          writer.preformatted(text.getWholeText());
        } else {
          writer.text(text.getWholeText());
        }
        return FilterResult.CONTINUE;
      }
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      String tag = element.normalName();
      if (SKIPPED.contains(tag)) {
        return FilterResult.SKIP_ENTIRELY;
      }
      breakAround(tag);
      switch (tag) {
        case "br" -> writer.lineBreak();
        case "blockquote" -> writer.enterQuote();
        case "pre" -> preDepth++;
        case "ul", "ol" -> lists.push(new OpenList(tag.equals("ol")));
        case "li" -> writer.marker(listMarker());
        case "a" -> linkStarts.push(writer.length());
        default -> { }
      }
      return FilterResult.CONTINUE;
    }

    @Override
    public FilterResult tail(Node node, int depth) {
      if (!(node instanceof Element element)) {
        return FilterResult.CONTINUE;
      }
      String tag = element.normalName();
      switch (tag) {
        case "blockquote" -> writer.leaveQuote();
        case "pre" -> preDepth--;
        case "ul", "ol" -> lists.pop();
        case "td", "th" -> writer.separate("\t");
        case "a" -> linkTarget(element, writer.since(linkStarts.pop()).strip());
        default -> { }
      }
      if (tag.equals("li")) {
        writer.endLine(); // one line per item, even when the item is a <p> of a loose list
      } else {
        breakAround(tag);
      }
      return FilterResult.CONTINUE;
    }

    private void breakAround(String tag) {
      if (PARAGRAPHS.contains(tag)) {
        writer.block(2);
      } else if (LINES.contains(tag)) {
        writer.block(1);
      }
    }

    private String listMarker() {
      OpenList list = lists.isEmpty() ? new OpenList(false) : lists.peek();
      list.items++;
      String indent = "  ".repeat(Math.max(0, lists.size() - 1));
      return indent + (list.ordered ? list.items + ". " : "- ");
    }

    /** The target in angle brackets after the link text, unless the text already says it. */
    private void linkTarget(Element link, String text) {
      String href = link.attr("href").strip();
      if (!href.matches("(?i)(https?|mailto|ftp):.*")) {
        return;
      }
      String shown = href.replaceFirst("(?i)^mailto:", "");
      if (text.equalsIgnoreCase(href) || text.equalsIgnoreCase(shown) || text.equalsIgnoreCase(stripSlash(href))) {
        return;
      }
      writer.separate(" ");
      writer.write("<" + href + ">");
    }

    private static String stripSlash(String href) {
      return href.endsWith("/") ? href.substring(0, href.length() - 1) : href;
    }
  }

  /** A {@code <ul>} or {@code <ol>} being written, counting its items for the numbers of an ordered one. */
  private static final class OpenList {
    private final boolean ordered;
    private int items;

    OpenList(boolean ordered) {
      this.ordered = ordered;
    }
  }
}
