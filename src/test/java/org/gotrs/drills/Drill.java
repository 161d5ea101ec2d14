package org.gotrs.drills;

import java.time.Duration;

/**
 * How big a drill run is. The bounded form runs with every {@code mvn verify}; the full form, with larger
 * counts and a 30-minute soak, runs with {@code mvn -B verify -Pdrills-full} (which sets {@code -Ddrills=full}).
 * {@code -Ddrills.soak.minutes=N} overrides the soak's length in either form.
 */
final class Drill {

  private Drill() {}

  static boolean full() {
    return "full".equalsIgnoreCase(System.getProperty("drills", "bounded"));
  }

  /** The bounded or the full figure. */
  static int scale(int bounded, int full) {
    return full() ? full : bounded;
  }

  static Duration seconds(int bounded, int full) {
    return Duration.ofSeconds(scale(bounded, full));
  }

  static Duration soak() {
    String minutes = System.getProperty("drills.soak.minutes");
    if (minutes != null && !minutes.isBlank()) {
      return Duration.ofSeconds(Math.round(Double.parseDouble(minutes) * 60));
    }
    return full() ? Duration.ofMinutes(30) : Duration.ofSeconds(30);
  }

  static String form() {
    return full() ? "full" : "bounded";
  }
}
