package org.gotrs.mail;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.mail.MailAttachment;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/**
 * Images pasted into the composer arrive in the article's HTML as {@code data:} URLs, which most mail programs do
 * not show; in the mail they become inline parts that the HTML names by {@code cid:}, as a mail program writes them.
 */
final class InlineImages {

  private static final Pattern DATA_IMAGE = Pattern.compile("data:(image/(?:png|gif|jpeg|webp));base64,(.+)",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

  private InlineImages() {}

  /**
   * The HTML with each {@code data:} image replaced by a {@code cid:} reference, adding the image to {@code inline};
   * the HTML as it was when it holds none. An image whose data cannot be decoded is left as it was.
   */
  static String extract(String html, String messageId, List<MailAttachment> inline) {
    if (!html.contains("data:")) {
      return html;
    }
    Document document = Jsoup.parseBodyFragment(html);
    document.outputSettings().prettyPrint(false);
    String domain = messageId.replaceAll("^<[^@]*@|>$", "");
    int count = 0;
    for (Element image : document.select("img[src^=data:]")) {
      Matcher data = DATA_IMAGE.matcher(image.attr("src"));
      if (!data.matches()) {
        continue;
      }
      byte[] bytes;
      try {
        bytes = Base64.getMimeDecoder().decode(data.group(2));
      } catch (IllegalArgumentException broken) {
        continue;
      }
      count++;
      String contentId = "image" + count + "@" + domain;
      String type = data.group(1).toLowerCase(java.util.Locale.ROOT);
      inline.add(MailAttachment.create().setData(Buffer.buffer(bytes)).setContentType(type)
          .setName("image" + count + "." + type.substring("image/".length())).setDisposition("inline")
          .setContentId("<" + contentId + ">"));
      image.attr("src", "cid:" + contentId);
    }
    return count == 0 ? html : document.body().html();
  }
}
