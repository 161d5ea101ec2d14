package org.gotrs.ticket.number;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.LocalDate;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OtherSchemesTest {

  @Test
  @DisplayName("a Date number is yyyymmdd, the SystemID and the counter padded to five digits, without check digit")
  void dateNumber() {
    assertEquals("202403151000042", DateNumber.format(LocalDate.of(2024, 3, 15), "10", 42));
  }

  @Test
  @DisplayName("an AutoIncrement number is the SystemID and the counter padded to at least five digits")
  void autoIncrementNumber() {
    assertEquals("1000007", AutoIncrement.format("10", 7));
    assertEquals("101234567", AutoIncrement.format("10", 1_234_567));
  }

  @Test
  @DisplayName("generator names are the OTRS ones, in any case")
  void generatorNamesIgnoreCase() {
    assertEquals(Scheme.DATE_CHECKSUM, Scheme.named("DateChecksum"));
    assertEquals(Scheme.DATE_CHECKSUM, Scheme.named("datechecksum"));
    assertEquals(Scheme.DATE, Scheme.named("DATE"));
    assertEquals(Scheme.AUTO_INCREMENT, Scheme.named("autoIncrement"));
  }

  @Test
  @DisplayName("an unknown generator name is refused with the allowed names in the message")
  void unknownGeneratorIsRefused() {
    var error = assertThrows(IllegalArgumentException.class,
        () -> TicketNumberGenerator.fromConfig("Random", "10", Clock.systemUTC()));
    assertTrue(error.getMessage().contains("Random"), error.getMessage());
    assertTrue(error.getMessage().contains("DateChecksum, Date, AutoIncrement"), error.getMessage());
  }

  @Test
  @DisplayName("a SystemID with anything but digits is refused when the generator is configured")
  void nonNumericSystemIdIsRefused() {
    assertThrows(IllegalArgumentException.class,
        () -> TicketNumberGenerator.fromConfig("DateChecksum", "10a", Clock.systemUTC()));
    assertThrows(IllegalArgumentException.class,
        () -> TicketNumberGenerator.fromConfig("DateChecksum", null, Clock.systemUTC()));
  }
}
