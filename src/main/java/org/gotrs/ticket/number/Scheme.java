package org.gotrs.ticket.number;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/** The OTRS ticket number generators, by their SysConfig names ({@code Ticket::NumberGenerator}). */
enum Scheme {

  DATE_CHECKSUM("DateChecksum", true) {
    @Override
    String format(LocalDate day, String systemId, long counter) {
      return DateChecksum.format(day, systemId, counter);
    }
  },
  DATE("Date", true) {
    @Override
    String format(LocalDate day, String systemId, long counter) {
      return DateNumber.format(day, systemId, counter);
    }
  },
  AUTO_INCREMENT("AutoIncrement", false) {
    @Override
    String format(LocalDate day, String systemId, long counter) {
      return AutoIncrement.format(systemId, counter);
    }
  };

  /** The key of the one counter that never restarts. */
  static final LocalDate NEVER_RESET = LocalDate.EPOCH;

  private final String configName;
  private final boolean daily;

  Scheme(String configName, boolean daily) {
    this.configName = configName;
    this.daily = daily;
  }

  abstract String format(LocalDate day, String systemId, long counter);

  /** Where a number of this scheme came from: the counter row it drew from and the value it drew. */
  record Drawn(LocalDate counterDate, long counter) {}

  /**
   * The counter a ticket number of this scheme and SystemID was made with, or empty for any other number (another
   * scheme, another SystemID, not digits). The inverse of {@link #format}.
   */
  Optional<Drawn> parse(String tn, String systemId) {
    if (tn == null || !tn.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return Optional.empty();
    }
    int prefix = (daily ? 8 : 0) + systemId.length();
    int suffix = this == DATE_CHECKSUM ? 1 : 0;
    if (tn.length() < prefix + NumberParts.MIN_COUNTER_SIZE + suffix
        || !tn.startsWith(systemId, daily ? 8 : 0)
        || (this == DATE_CHECKSUM && !DateChecksum.isValid(tn))) {
      return Optional.empty();
    }
    LocalDate day = NEVER_RESET;
    if (daily) {
      try {
        day = LocalDate.parse(tn.substring(0, 8), java.time.format.DateTimeFormatter.BASIC_ISO_DATE);
      } catch (java.time.format.DateTimeParseException notADate) {
        return Optional.empty();
      }
    }
    String counter = tn.substring(prefix, tn.length() - suffix);
    if (counter.length() > 18) {
      return Optional.empty();
    }
    return Optional.of(new Drawn(counterDate(day), Long.parseLong(counter)));
  }

  /** Which counter row numbers made on {@code day} draw from. */
  LocalDate counterDate(LocalDate day) {
    return daily ? day : NEVER_RESET;
  }

  static Scheme named(String name) {
    String wanted = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(scheme -> scheme.configName.toLowerCase(Locale.ROOT).equals(wanted))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown ticket number generator '" + name
            + "'; allowed: " + Arrays.stream(values()).map(s -> s.configName).collect(Collectors.joining(", "))));
  }
}
