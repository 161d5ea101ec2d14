package org.gotrs.ticket.number;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;

/**
 * The counters in {@code ticket_number_counter}. Taking the next value is one atomic upsert, so concurrent
 * callers on any node never share a value. Inside a transaction the counter row stays locked until commit
 * (ticket creations of the same day queue there), and a rollback gives the value back, so numbers have no gaps.
 */
final class TicketNumberCounter {

  private static final String NEXT = """
      INSERT INTO ticket_number_counter (counter_date, value)
      VALUES ($1, 1)
      ON CONFLICT (counter_date) DO UPDATE SET value = ticket_number_counter.value + 1
      RETURNING value
      """;

  private TicketNumberCounter() {}

  static Future<Long> next(SqlClient client, LocalDate counterDate) {
    return client.preparedQuery(NEXT)
        .execute(Tuple.of(counterDate))
        .map(rows -> rows.iterator().next().getLong("value"));
  }
}
