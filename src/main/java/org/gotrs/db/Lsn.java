package org.gotrs.db;

/** A position in PostgreSQL's write-ahead log, {@code 16/B374D848} as text, as one comparable number. */
final class Lsn {

  private Lsn() {}

  static long parse(String text) {
    int slash = text.indexOf('/');
    return Long.parseLong(text.substring(0, slash), 16) << 32 | Long.parseLong(text.substring(slash + 1), 16);
  }
}
