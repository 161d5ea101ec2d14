package org.gotrs.ticket.number;

import java.time.LocalDate;

/**
 * OTRS's default {@code Kernel::System::Ticket::Number::DateChecksum}:
 * {@code yyyymmdd + SystemID + counter (5+ digits) + check digit}, the counter restarting every day.
 */
public final class DateChecksum {

  /** Date, at least one SystemID digit, the padded counter and the check digit. */
  private static final int MIN_LENGTH = 8 + 1 + NumberParts.MIN_COUNTER_SIZE + 1;

  private DateChecksum() {}

  public static String format(LocalDate day, String systemId, long counter) {
    String digits = NumberParts.date(day) + NumberParts.systemId(systemId) + NumberParts.counter(counter);
    return digits + checkDigit(digits);
  }

  /**
   * OTRS's checksum: digits weighted 1,2,1,2,… and summed (no digit sums, unlike Luhn); the check digit is
   * {@code 10 - sum % 10}, where 10 becomes 1. It is weak, and kept so for compatibility: it is never 0, sums
   * ending in 0 and 9 share the check digit 1, and a digit changed by 5 in an even position goes unnoticed.
   */
  public static int checkDigit(String digits) {
    int sum = 0;
    int weight = 1;
    for (int i = 0; i < digits.length(); i++) {
      char c = digits.charAt(i);
      if (c < '0' || c > '9') {
        throw new IllegalArgumentException("not a digit at " + i + ": " + digits);
      }
      sum += weight * (c - '0');
      weight = weight == 1 ? 2 : 1;
    }
    int check = 10 - sum % 10;
    return check == 10 ? 1 : check;
  }

  /** Whether {@code tn} is all digits, long enough for date, SystemID, counter and check digit, and checks out. */
  public static boolean isValid(String tn) {
    if (tn == null || tn.length() < MIN_LENGTH || !tn.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return false;
    }
    int last = tn.length() - 1;
    return checkDigit(tn.substring(0, last)) == tn.charAt(last) - '0';
  }
}
