package org.gotrs.ticket.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Worked examples, each computed by hand from OTRS's Perl and checked against it. */
class DateChecksumTest {

  private static final LocalDate MARCH_15 = LocalDate.of(2024, 3, 15);

  @Test
  @DisplayName("2024-03-15, SystemID 10, counter 42 is 2024031510000421: the weighted sum 40 ends in 0, so 10 becomes 1")
  void sumEndingInZeroGivesCheckDigitOne() {
    // 2 0 2 4 0 3 1 5 1 0 0 0 0 4 2 weighted 1,2,1,2,...: 2+0+2+8+0+6+1+10+1+0+0+0+0+8+2 = 40
    assertEquals("2024031510000421", DateChecksum.format(MARCH_15, "10", 42));
  }

  @Test
  @DisplayName("2024-03-15, SystemID 10, counter 1 is 2024031510000019: the weighted sum 31 gives 10 - 1 = 9")
  void ordinaryCheckDigit() {
    assertEquals("2024031510000019", DateChecksum.format(MARCH_15, "10", 1));
  }

  @Test
  @DisplayName("a counter past 99999 grows the number instead of being cut to five digits")
  void counterOutgrowsFiveDigits() {
    // 2 0 2 5 1 2 3 1 7 1 2 3 4 5 6: 2+0+2+10+1+4+3+2+7+2+2+6+4+10+6 = 61, 10 - 1 = 9
    assertEquals("2025123171234569", DateChecksum.format(LocalDate.of(2025, 12, 31), "7", 123456));
  }

  @Test
  @DisplayName("the check digit weights digits 1 and 2 without summing the digits of the product, unlike Luhn")
  void weightsAreNotLuhn() {
    // "5" at weight 1 and "5" at weight 2: 5 + 10 = 15, 10 - 5 = 5 (Luhn would sum 5 + 1 + 0 = 6 and give 4)
    assertEquals(5, DateChecksum.checkDigit("55"));
  }

  @Test
  @DisplayName("a number with a wrong check digit is invalid")
  void wrongCheckDigitIsInvalid() {
    assertTrue(DateChecksum.isValid("2024031510000421"));
    assertFalse(DateChecksum.isValid("2024031510000422"));
  }

  @Test
  @DisplayName("the weak OTRS checksum misses a digit changed by five in an even position, and so does ours")
  void checksumIsAsWeakAsOtrs() {
    // position 13 (weight 2): 4 -> 9 adds 2 * 5 = 10 to the sum, which leaves the check digit alone
    assertTrue(DateChecksum.isValid("2024031510000921"));
  }

  @Test
  @DisplayName("letters, blanks, null and numbers too short for date, SystemID, counter and check digit are invalid")
  void malformedNumbersAreInvalid() {
    assertFalse(DateChecksum.isValid(null));
    assertFalse(DateChecksum.isValid(""));
    assertFalse(DateChecksum.isValid("202403151000042a"));
    assertFalse(DateChecksum.isValid("2024031510000 21"));
    assertEquals(9, DateChecksum.checkDigit("202403150001"), "checks out, but has no room for a SystemID");
    assertFalse(DateChecksum.isValid("2024031500019"));
  }

  @Test
  @DisplayName("a SystemID that is not digits is refused rather than silently counted as zero like Perl would")
  void systemIdMustBeDigits() {
    assertThrows(IllegalArgumentException.class, () -> DateChecksum.format(MARCH_15, "A1", 1));
    assertThrows(IllegalArgumentException.class, () -> DateChecksum.format(MARCH_15, "", 1));
  }
}
