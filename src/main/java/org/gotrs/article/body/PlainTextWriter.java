package org.gotrs.article.body;

/**
 * Lays out text the way a mail reader would show it: words joined by single spaces, blocks separated by at
 * least the line breaks they ask for (never leading or piling up), quoted lines prefixed with {@code >}.
 */
final class PlainTextWriter {

  private final StringBuilder out = new StringBuilder();
  private int pendingBreaks;
  private String pendingSeparator = "";
  private int quoteDepth;
  private boolean atLineStart = true;
  private boolean afterMarker;

  /** Text as HTML renders it: every run of whitespace, non-breaking spaces included, is one space. */
  void text(String text) {
    String collapsed = text.replace('\u00a0', ' ').replaceAll("\\s+", " ");
    if (collapsed.startsWith(" ")) {
      separate(" ");
    }
    String words = collapsed.strip();
    if (!words.isEmpty()) {
      write(words);
      if (collapsed.endsWith(" ")) {
        separate(" ");
      }
    }
  }

  /** Text of {@code <pre>}: spaces and line breaks as they are. */
  void preformatted(String text) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (i > 0) {
        lineBreak();
      }
      if (!lines[i].isEmpty()) {
        write(lines[i]);
      }
    }
  }

  /** A list item's bullet or number; the item's first block starts on the same line. */
  void marker(String marker) {
    write(marker);
    afterMarker = true;
  }

  /** Written as is, like a link target. */
  void write(String content) {
    flushBreaks();
    if (atLineStart) {
      out.append("> ".repeat(quoteDepth));
    } else if (!pendingSeparator.isEmpty() && out.charAt(out.length() - 1) != ' ') {
      out.append(pendingSeparator);
    }
    pendingSeparator = "";
    out.append(content);
    atLineStart = false;
    afterMarker = false;
  }

  /** A space (or a tab between table cells) before the next text on the same line. */
  void separate(String separator) {
    if (!atLineStart && !pendingSeparator.equals("\t")) {
      pendingSeparator = separator;
    }
  }

  /** A {@code <br>}: always one more line. */
  void lineBreak() {
    flushBreaks();
    newline();
    pendingSeparator = "";
  }

  /** The edge of a block: at least {@code lines} line breaks before the next text, none at the very start. */
  void block(int lines) {
    if (out.length() > 0 && !afterMarker) {
      pendingBreaks = Math.max(pendingBreaks, lines);
    }
    pendingSeparator = "";
  }

  /** Exactly one line break before the next text, whatever the blocks just closed asked for. */
  void endLine() {
    if (out.length() > 0) {
      pendingBreaks = 1;
    }
    pendingSeparator = "";
  }

  void enterQuote() {
    quoteDepth++;
  }

  void leaveQuote() {
    quoteDepth--;
  }

  int length() {
    return out.length();
  }

  String since(int start) {
    return out.substring(Math.min(start, out.length()));
  }

  private void flushBreaks() {
    int missing = pendingBreaks - trailingNewlines();
    for (int i = 0; i < missing; i++) {
      newline();
    }
    pendingBreaks = 0;
  }

  /** Ends the line; an empty line inside a quote still carries its {@code >} so the quote stays one piece. */
  private void newline() {
    if (atLineStart && quoteDepth > 0) {
      out.append(">".repeat(quoteDepth));
    }
    out.append('\n');
    atLineStart = true;
  }

  private int trailingNewlines() {
    int count = 0;
    while (count < out.length() && out.charAt(out.length() - 1 - count) == '\n') {
      count++;
    }
    return count;
  }

  @Override
  public String toString() {
    return out.toString()
        .replaceAll("[ \\t]+\n", "\n")
        .replaceAll("\n{3,}", "\n\n")
        .replaceAll("^\n+|\\s+$", "");
  }
}
