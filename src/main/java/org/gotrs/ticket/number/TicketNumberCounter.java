package org.gotrs.ticket.number;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDate;
import java.util.List;

/**
 * The counters behind ticket numbers (db/V112): a counter is a value of {@code ticket_number_seq} less its day's
 * base in {@code ticket_number_day}. Drawing one takes no lock, so ticket creations on every node commit in
 * parallel; a value is never handed out twice, and a rolled-back creation leaves a gap.
 */
final class TicketNumberCounter {

  /**
   * The next value and the day's base; the first drawing of a day writes the base (its own value less one). When
   * another transaction wrote that row after this statement began, or drew an earlier value but wrote the base
   * first, there is no positive counter here and the caller draws again.
   */
  private static final String NEXT = """
      WITH drawn AS (SELECT nextval('ticket_number_seq') AS value),
           started AS (
             INSERT INTO ticket_number_day (counter_date, base)
             SELECT $1, value - 1 FROM drawn
              WHERE NOT EXISTS (SELECT 1 FROM ticket_number_day WHERE counter_date = $1)
             ON CONFLICT (counter_date) DO NOTHING
             RETURNING base)
      SELECT drawn.value - coalesce((SELECT base FROM started),
                                    (SELECT base FROM ticket_number_day WHERE counter_date = $1)) AS counter
        FROM drawn""";

  /** How often a drawing is tried again at the start of a day before giving up. */
  private static final int ATTEMPTS = 5;

  private TicketNumberCounter() {}

  /**
   * Moves counters past the given values (parallel lists): every counter drawn afterwards for one of these days is
   * above its value. Never moves a counter back.
   */
  static Future<Void> atLeast(SqlClient client, List<LocalDate> dates, List<Long> values) {
    return client.preparedQuery("""
            INSERT INTO ticket_number_day (counter_date, base)
            SELECT d, (SELECT CASE WHEN is_called THEN last_value ELSE last_value - 1 END FROM ticket_number_seq) - max(v)
              FROM unnest($1::date[], $2::bigint[]) AS s(d, v) GROUP BY d
            ON CONFLICT (counter_date) DO UPDATE SET base = least(ticket_number_day.base, EXCLUDED.base)""")
        .execute(Tuple.from(new Object[] {dates.toArray(new LocalDate[0]), values.toArray(new Long[0])}))
        .mapEmpty();
  }

  static Future<Long> next(SqlClient client, LocalDate counterDate) {
    return next(client, counterDate, ATTEMPTS);
  }

  private static Future<Long> next(SqlClient client, LocalDate counterDate, int attempts) {
    return client.preparedQuery(NEXT).execute(Tuple.of(counterDate)).compose(rows -> {
      Row row = rows.iterator().next();
      Long counter = row.getLong("counter");
      if (counter != null && counter > 0) {
        return Future.succeededFuture(counter);
      }
      return attempts > 1 ? next(client, counterDate, attempts - 1)
          : Future.failedFuture(new IllegalStateException("no ticket number could be drawn for " + counterDate));
    });
  }
}
