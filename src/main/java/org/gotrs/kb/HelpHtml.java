package org.gotrs.kb;

/** Escaping for the help center's server-rendered pages: every value from the database or the request goes through it. */
final class HelpHtml {

  private HelpHtml() {}

  /** Text and attribute values alike: the five characters HTML gives meaning. */
  static String escape(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }
}
