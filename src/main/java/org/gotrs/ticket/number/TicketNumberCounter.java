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

  /** Raises counters to at least the given values (parallel lists), never lowers them. */
  static Future<Void> atLeast(SqlClient client, java.util.List<LocalDate> dates, java.util.List<Long> values) {
    return client.preparedQuery("""
            INSERT INTO ticket_number_counter (counter_date, value)
            SELECT d, max(v) FROM unnest($1::date[], $2::bigint[]) AS s(d, v) GROUP BY d
            ON CONFLICT (counter_date) DO UPDATE SET value = greatest(ticket_number_counter.value, EXCLUDED.value)""")
        .execute(Tuple.from(new Object[] {dates.toArray(new LocalDate[0]), values.toArray(new Long[0])}))
        .mapEmpty();
  }

  static Future<Long> next(SqlClient client, LocalDate counterDate) {
    return client.preparedQuery(NEXT)
        .execute(Tuple.of(counterDate))
        .map(rows -> rows.iterator().next().getLong("value"));
  }
}
