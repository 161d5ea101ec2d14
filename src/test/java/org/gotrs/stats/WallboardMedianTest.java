package org.gotrs.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class WallboardMedianTest {

  private static final LocalDate DAY = LocalDate.of(2026, 11, 25);
  private static final int QUEUE = 1;

  @Test
  void medianFirstResponseOverADayOfTickets() {
    Wallboard board = new Wallboard(DAY);
    assertNull(board.snapshot(Instant.parse("2026-11-25T12:00:00Z")).toJson(null).getValue("median_first_response_seconds"));
    for (int seconds = 1; seconds <= 200_001; seconds++) {
      board.firstResponse(QUEUE, seconds);
    }
    long median = board.snapshot(Instant.parse("2026-11-25T12:00:00Z")).toJson(null).getLong("median_first_response_seconds");
    assertEquals(100_001, median, 100, "within the histogram's 3 significant digits");
  }

  @Test
  void shortTimesAreExactAndANewDayStartsOver() {
    Wallboard board = new Wallboard(DAY);
    board.firstResponse(QUEUE, 30);
    board.firstResponse(QUEUE, 45);
    board.firstResponse(QUEUE, 600);
    assertEquals(45, board.snapshot(Instant.parse("2026-11-25T12:00:00Z")).toJson(null).getLong("median_first_response_seconds"));
    board.rollTo(DAY.plusDays(1));
    assertNull(board.snapshot(Instant.parse("2026-11-26T00:01:00Z")).toJson(null).getValue("median_first_response_seconds"));
  }

  @Test
  void aViewerSeesTheNumbersOfItsQueuesOnly() {
    Wallboard board = new Wallboard(DAY);
    Instant noon = Instant.parse("2026-11-25T12:00:00Z");
    board.queueName(1, "Support");
    board.queueName(2, "Billing");
    board.addOpen(1, "new", 3);
    board.addOpen(2, "open", 5);
    board.opened(1, noon, 3);
    board.opened(2, noon, 5);
    board.firstResponse(2, 900);
    var snapshot = board.snapshot(noon);
    var support = snapshot.toJson(java.util.Set.of(1));
    assertEquals(3, support.getInteger("open_total"));
    assertEquals(3, support.getInteger("new_today"));
    assertEquals(1, support.getJsonArray("open_by_queue").size());
    assertNull(support.getValue("median_first_response_seconds"), "Billing's answer is not Support's");
    var all = snapshot.toJson(null);
    assertEquals(8, all.getInteger("open_total"));
    assertEquals(2, all.getJsonArray("open_by_queue").size());
    assertEquals(900, all.getLong("median_first_response_seconds"));
  }
}
