package org.gotrs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WallboardMedianTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);

  @Test
  void medianFirstResponseOverADayOfTickets() {
    Wallboard board = new Wallboard(DAY);
    assertNull(board.toJson(Instant.parse("2026-11-25T12:00:00Z")).getValue("median_first_response_seconds"));
    for (int seconds = 1; seconds <= 200_001; seconds++) {
      board.firstResponse(seconds);
    }
    long median = board.toJson(Instant.parse("2026-11-25T12:00:00Z")).getLong("median_first_response_seconds");
    assertEquals(100_001, median, 100, "within the histogram's 3 significant digits");
  }

  @Test
  void shortTimesAreExactAndANewDayStartsOver() {
    Wallboard board = new Wallboard(DAY);
    board.firstResponse(30);
    board.firstResponse(45);
    board.firstResponse(600);
    assertEquals(45, board.toJson(Instant.parse("2026-11-25T12:00:00Z")).getLong("median_first_response_seconds"));
    board.rollTo(DAY.plusDays(1));
    assertNull(board.toJson(Instant.parse("2026-11-26T00:01:00Z")).getValue("median_first_response_seconds"));
  }
}
