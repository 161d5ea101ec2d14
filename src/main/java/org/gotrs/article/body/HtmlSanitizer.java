package org.gotrs.article.body;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;

/**
 * Makes agent and customer HTML safe to show in the browser: a jsoup allow-list, so anything not named here
 * (scripts, event handlers, styles, frames, objects, forms, SVG) is dropped. Thread-safe once built.
 */
public final class HtmlSanitizer {

  /** Only raster images: an SVG data URL can carry script. */
  private static final Pattern SAFE_IMAGE_SOURCE = Pattern.compile(
      "(?i)(cid:|https:|data:image/(png|gif|jpeg|webp)[;,]).*", Pattern.DOTALL);
  /** A knowledge-base article's own image, served by this site as a raster image only. */
  private static final Pattern KB_IMAGE = Pattern.compile("/help/files/[0-9]{1,18}/[A-Za-z0-9._-]{0,120}");

  private final Cleaner cleaner = new Cleaner(safelist());

  private static Safelist safelist() {
    return new Safelist(Safelist.relaxed()) {
      @Override
      public boolean isSafeAttribute(String tagName, Element element, Attribute attribute) {
        return tagName.equals("img") && attribute.getKey().equals("src") && KB_IMAGE.matcher(attribute.getValue()).matches()
            || super.isSafeAttribute(tagName, element, attribute);
      }
    }
        .removeProtocols("a", "href", "ftp")
        .addEnforcedAttribute("a", "rel", "nofollow noopener noreferrer")
        // inline images of e-mails (cid:) and pasted ones (data:); remote ones only over https
        .removeProtocols("img", "src", "http")
        .addProtocols("img", "src", "cid", "data");
  }

  public String sanitize(String html) {
    if (html == null || html.isBlank()) {
      return "";
    }
    Document clean = reparsed(cleaner.clean(Jsoup.parseBodyFragment(html)));
    clean.select("img").forEach(HtmlSanitizer::dropUnlessSafeSource);
    return serialised(clean);
  }

  /**
   * The cleaner can leave nesting no parser would build (a {@code <p>} inside a {@code <p>}, once the unsafe
   * element between them is gone). Parsing its output again stores the tree a browser will actually see,
   * and makes sanitising sanitised HTML a no-op.
   */
  private static Document reparsed(Document cleaned) {
    return Jsoup.parseBodyFragment(serialised(cleaned));
  }

  private static String serialised(Document document) {
    document.outputSettings().prettyPrint(false);
    return document.body().html();
  }

  /** The allow-list accepts any {@code data:} URL and keeps a source-less image; neither is worth showing. */
  private static void dropUnlessSafeSource(Element image) {
    if (!SAFE_IMAGE_SOURCE.matcher(image.attr("src")).matches() && !KB_IMAGE.matcher(image.attr("src")).matches()) {
      image.remove();
    }
  }
}
