package org.gotrs.otrs.connector;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** OTRS's value formats: times as {@code YYYY-MM-DD HH:MM:SS} (UTC), ids and numbers from the database as text. */
final class OtrsFormat {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private OtrsFormat() {}

  static String time(Instant instant) {
    return instant == null ? "" : TIME.format(instant);
  }

  /** OTRS shows an unset id or name as an empty string. */
  static String text(Object value) {
    return value == null ? "" : value.toString();
  }

  /** Accounted time units as OTRS sums them: a number, 0 when none, without trailing zeros (1.5, 2). */
  static java.math.BigDecimal units(java.math.BigDecimal units) {
    return units == null || units.signum() == 0 ? java.math.BigDecimal.ZERO
        : new java.math.BigDecimal(units.stripTrailingZeros().toPlainString());
  }

  /** {@code text/plain; charset=utf-8} split into MimeType and Charset. */
  static String[] mimeAndCharset(String contentType) {
    if (contentType == null || contentType.isBlank()) {
      return new String[] {"text/plain", ""};
    }
    String[] parts = contentType.split(";");
    String charset = "";
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i].strip();
      if (part.toLowerCase().startsWith("charset=")) {
        charset = part.substring(8).replace("\"", "").strip();
      }
    }
    return new String[] {parts[0].strip(), charset};
  }
}
