package org.gotrs.ticket.number;

import static org.gotrs.testing.TestServer.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.testing.TestDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Against a real PostgreSQL; every test uses its own day so the daily counters do not meet. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TicketNumberGeneratorTest {

  private Vertx vertx;
  private Pool nodeA;
  private Pool nodeB;

  @BeforeAll
  void migrate() {
    DatabaseTarget target = TestDatabase.migrated();
    vertx = Vertx.vertx();
    nodeA = PgBuilder.pool().connectingTo(target.connectOptions()).using(vertx).build();
    nodeB = PgBuilder.pool().connectingTo(target.connectOptions()).using(vertx).build();
  }

  @AfterAll
  void close() {
    await(vertx.close());
  }

  @Test
  @DisplayName("200 concurrent requests from two nodes on a new day get 200 distinct, valid numbers of that day")
  void concurrentNumbersAreDistinct() {
    var generator = generator("DateChecksum", "2024-01-10T09:00:00Z");
    List<Future<String>> requests = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      requests.add(generator.next(i % 2 == 0 ? nodeA : nodeB));
    }
    await(Future.all(requests));
    Set<String> numbers = new HashSet<>();
    requests.forEach(request -> numbers.add(request.result()));

    assertEquals(200, numbers.size());
    assertTrue(numbers.stream().allMatch(DateChecksum::isValid), numbers.toString());
    assertTrue(numbers.stream().allMatch(number -> number.startsWith("2024011010")), numbers.toString());
  }

  @Test
  @DisplayName("the daily counter starts again at 1 on the next UTC day")
  void dailyCounterRestarts() {
    var lateEvening = generator("DateChecksum", "2024-02-20T23:59:59Z");
    var nextMorning = generator("DateChecksum", "2024-02-21T00:00:00Z");

    assertEquals("2024022010000011", await(lateEvening.next(nodeA)));
    assertEquals(DateChecksum.format(LocalDate.of(2024, 2, 20), "10", 2), await(lateEvening.next(nodeA)));
    assertEquals(DateChecksum.format(LocalDate.of(2024, 2, 21), "10", 1), await(nextMorning.next(nodeA)));
  }

  @Test
  @DisplayName("the Date generator counts per day like DateChecksum, without a check digit")
  void dateGeneratorCountsPerDay() {
    var generator = generator("Date", "2024-03-05T12:00:00Z");

    assertEquals("202403051000001", await(generator.next(nodeA)));
    assertEquals("202403051000002", await(generator.next(nodeB)));
  }

  @Test
  @DisplayName("the AutoIncrement counter carries on across days")
  void autoIncrementNeverRestarts() {
    var monday = generator("AutoIncrement", "2024-04-01T10:00:00Z");
    var tuesday = generator("AutoIncrement", "2024-04-02T10:00:00Z");

    assertEquals("1000001", await(monday.next(nodeA)));
    assertEquals("1000002", await(tuesday.next(nodeB)));
  }

  @Test
  @DisplayName("drawing a number waits for no other transaction, and one drawn in a rolled-back transaction is not handed out again")
  void drawingTakesNoLock() {
    var generator = generator("DateChecksum", "2024-05-06T08:00:00Z");
    assertEquals(DateChecksum.format(LocalDate.of(2024, 5, 6), "10", 1), await(generator.next(nodeA)));

    String[] drawnElsewhere = new String[1];
    var rolledBack = nodeA.withTransaction(open -> generator.next(open).compose(held ->
        generator.next(nodeB).compose(other -> {
          drawnElsewhere[0] = other;
          return Future.<String>failedFuture(new IllegalStateException("ticket insert failed"));
        })));
    assertTrue(awaitFailure(rolledBack) instanceof IllegalStateException);

    assertEquals(DateChecksum.format(LocalDate.of(2024, 5, 6), "10", 3), drawnElsewhere[0]);
    assertEquals(DateChecksum.format(LocalDate.of(2024, 5, 6), "10", 4), await(generator.next(nodeB)));
  }

  @Test
  @DisplayName("numbers made elsewhere (an OTRS import) are skipped on their day and never drawn again")
  void importedNumbersAreSkipped() {
    var generator = generator("DateChecksum", "2024-06-12T10:00:00Z");
    LocalDate day = LocalDate.of(2024, 6, 12);
    assertEquals(DateChecksum.format(day, "10", 1), await(generator.next(nodeA)));

    await(generator.skipPast(nodeA, List.of(DateChecksum.format(day, "10", 41), DateChecksum.format(day, "10", 7))));
    assertEquals(DateChecksum.format(day, "10", 42), await(generator.next(nodeB)));

    await(generator.skipPast(nodeA, List.of(DateChecksum.format(day, "10", 20))));
    assertEquals(DateChecksum.format(day, "10", 43), await(generator.next(nodeA)));
  }

  private static TicketNumberGenerator generator(String name, String instant) {
    return TicketNumberGenerator.fromConfig(name, "10", Clock.fixed(Instant.parse(instant), ZoneOffset.UTC));
  }

  private static Throwable awaitFailure(Future<?> future) {
    return await(future.transform(result -> Future.succeededFuture(result.cause())));
  }
}
