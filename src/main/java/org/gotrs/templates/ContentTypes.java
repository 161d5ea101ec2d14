package org.gotrs.templates;

import java.util.Locale;
import org.gotrs.http.Input;

/** The content types a template, salutation or signature may have: plain text or HTML, as OTRS writes them. */
final class ContentTypes {

  static final String PLAIN = "text/plain; charset=utf-8";
  static final String HTML = "text/html; charset=utf-8";

  private ContentTypes() {}

  /**
   * The body's {@code content_type}: {@code text/plain} (the default) or {@code text/html}, any parameters given
   * aside; stored as OTRS stores it, with {@code charset=utf-8}, which is what the text is in.
   */
  static String read(Input input) {
    String given = input.string("content_type", false, 250);
    if (given == null) {
      return PLAIN;
    }
    String type = given.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
    if (type.equals("text/plain")) {
      return PLAIN;
    }
    if (type.equals("text/html")) {
      return HTML;
    }
    input.error("content_type", "must be text/plain or text/html");
    return null;
  }
}
