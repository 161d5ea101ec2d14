package org.gotrs.ticket.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.NumericChars;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.time.api.constraints.DateRange;

/** What holds for every DateChecksum number; only what is true of OTRS's weak checksum. */
class DateChecksumPropertiesTest {

  @Property
  @Label("every generated number validates")
  void everyGeneratedNumberValidates(@ForAll @DateRange(min = "2000-01-01", max = "2999-12-31") LocalDate day,
      @ForAll("systemIds") String systemId, @ForAll @LongRange(min = 0, max = 9_999_999_999L) long counter) {
    assertTrue(DateChecksum.isValid(DateChecksum.format(day, systemId, counter)));
  }

  @Property
  @Label("a number is the date, the SystemID, the counter padded to at least five digits and one check digit")
  void numberHasTheOtrsLayout(@ForAll @DateRange(min = "2000-01-01", max = "2999-12-31") LocalDate day,
      @ForAll("systemIds") String systemId, @ForAll @LongRange(min = 0, max = 9_999_999_999L) long counter) {
    String tn = DateChecksum.format(day, systemId, counter);
    String padded = String.format("%05d", counter);
    assertEquals(8 + systemId.length() + padded.length() + 1, tn.length());
    assertEquals(DateNumber.format(day, systemId, counter), tn.substring(0, tn.length() - 1),
        "a DateChecksum number is a Date number plus its check digit");
    assertTrue(tn.startsWith(String.format("%04d%02d%02d", day.getYear(), day.getMonthValue(), day.getDayOfMonth())
        + systemId + padded));
  }

  @Property
  @Label("the check digit is never 0, because OTRS turns 10 into 1")
  void checkDigitIsNeverZero(@ForAll @NumericChars @StringLength(min = 1, max = 30) String digits) {
    int check = DateChecksum.checkDigit(digits);
    assertTrue(check >= 1 && check <= 9, "check digit " + check);
  }

  @Property
  @Label("replacing the check digit with any other digit makes the number invalid")
  void anyOtherCheckDigitIsInvalid(@ForAll @DateRange(min = "2000-01-01", max = "2999-12-31") LocalDate day,
      @ForAll("systemIds") String systemId, @ForAll @LongRange(min = 0, max = 99_999_999L) long counter,
      @ForAll @IntRange(min = 1, max = 9) int shift) {
    String tn = DateChecksum.format(day, systemId, counter);
    int last = tn.length() - 1;
    char other = (char) ('0' + (tn.charAt(last) - '0' + shift) % 10);
    assertFalse(DateChecksum.isValid(tn.substring(0, last) + other));
  }

  @Property
  @Label("a digit changed in an odd position is caught unless it moves the sum between residues 0 and 9")
  void oddPositionChangesAreCaughtExceptAtTheOneCollision(
      @ForAll @DateRange(min = "2000-01-01", max = "2999-12-31") LocalDate day, @ForAll("systemIds") String systemId,
      @ForAll @LongRange(min = 0, max = 99_999_999L) long counter, @ForAll @IntRange(min = 0, max = 30) int at,
      @ForAll @IntRange(min = 1, max = 9) int shift) {
    String tn = DateChecksum.format(day, systemId, counter);
    String body = tn.substring(0, tn.length() - 1);
    int position = (at % ((body.length() + 1) / 2)) * 2; // 0, 2, 4, ...: weight 1
    char changed = (char) ('0' + (body.charAt(position) - '0' + shift) % 10);
    String tampered = body.substring(0, position) + changed + body.substring(position + 1) + tn.charAt(body.length());
    int before = weightedSum(body) % 10;
    int after = weightedSum(tampered.substring(0, body.length())) % 10;
    boolean collision = (before == 0 && after == 9) || (before == 9 && after == 0);
    assertEquals(!collision, !DateChecksum.isValid(tampered));
  }

  @Provide
  Arbitrary<String> systemIds() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(4);
  }

  private static int weightedSum(String digits) {
    int sum = 0;
    for (int i = 0; i < digits.length(); i++) {
      sum += (i % 2 == 0 ? 1 : 2) * (digits.charAt(i) - '0');
    }
    return sum;
  }
}
