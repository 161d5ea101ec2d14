package org.gotrs.ticket.number;

import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
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
