package org.gotrs.ticket.number;

import java.time.LocalDate;

/** The pieces OTRS builds every ticket number from, checked once here. */
final class NumberParts {

  /** OTRS's default {@code MinCounterSize}: the counter is zero-padded to at least this many digits. */
  static final int MIN_COUNTER_SIZE = 5;

  private NumberParts() {}

  /** {@code yyyymmdd}, as OTRS concatenates year, month and day. */
  static String date(LocalDate day) {
    if (day.getYear() < 1000 || day.getYear() > 9999) {
      throw new IllegalArgumentException("ticket number dates need a four-digit year: " + day);
    }
    return String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth());
  }

  /** OTRS's SysConfig only accepts digits for SystemID; the checksum needs them to be digits too. */
  static String systemId(String systemId) {
    if (systemId == null || !systemId.matches("[0-9]+")) {
      throw new IllegalArgumentException("SystemID must be one or more digits, got: " + systemId);
    }
    return systemId;
  }

  /** Perl's {@code sprintf "%.*u", 5, $Counter}: at least five digits, longer when the counter outgrows them. */
  static String counter(long counter) {
    if (counter < 0) {
      throw new IllegalArgumentException("ticket number counter must not be negative: " + counter);
    }
    return String.format("%0" + MIN_COUNTER_SIZE + "d", counter);
  }
}
