package org.gotrs.ticket;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowStream;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Transaction;
import io.vertx.sqlclient.Tuple;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.gotrs.http.ExportFormat;
import org.gotrs.http.Problem;
import org.gotrs.http.TableDownload;
import org.gotrs.permission.Principal;

/**
 * {@code GET /tickets?...&format=csv|xlsx}: every ticket the list's filters find (not a page), newest first, streamed
 * from a cursor {@value #FETCH} rows at a time and written as the client takes them, so an export of a million
 * tickets holds no more than a few thousand in memory.
 */
final class TicketExport {

  /** The columns an export may have, in their default order; customers get neither owner nor responsible. */
  static final List<String> COLUMNS = List.of("id", "tn", "title", "queue", "state", "state_type", "priority", "type",
      "owner", "responsible", "customer_id", "customer_user", "source", "created", "changed");
  private static final List<String> AGENT_ONLY = List.of("owner", "responsible");
  private static final int FETCH = 2000;

  private static final String SELECT = """
      SELECT t.id, t.tn, t.title, xq.name, xs.name, xst.name, xp.name, xty.name, xo.login, xr.login, t.customer_id,
             xcu.login, t.source, t.create_time, t.change_time""";
  private static final String JOINS = """

        LEFT JOIN queue xq ON xq.id = t.queue_id
        LEFT JOIN ticket_state xs ON xs.id = t.ticket_state_id
        LEFT JOIN ticket_state_type xst ON xst.id = xs.type_id
        LEFT JOIN ticket_priority xp ON xp.id = t.ticket_priority_id
        LEFT JOIN ticket_type xty ON xty.id = t.type_id
        LEFT JOIN users xo ON xo.id = t.user_id
        LEFT JOIN users xr ON xr.id = t.responsible_user_id
        LEFT JOIN customer_user xcu ON xcu.id = t.customer_user_id
      """;

  private final Pool pool;
  private final TicketList list;

  TicketExport(Pool pool, TicketList list) {
    this.pool = pool;
    this.list = list;
  }

  /** The columns asked for ({@code columns=a,b}), in that order; all the principal may have when none. */
  static List<String> columns(Principal principal, String asked) {
    List<String> allowed = principal.isCustomer()
        ? COLUMNS.stream().filter(column -> !AGENT_ONLY.contains(column)).toList() : COLUMNS;
    if (asked == null || asked.isBlank()) {
      return allowed;
    }
    List<String> chosen = new ArrayList<>();
    for (String column : asked.split(",")) {
      String name = column.trim();
      if (!allowed.contains(name)) {
        throw Problem.invalid("columns", "'" + name + "' is not one of " + String.join(", ", allowed));
      }
      chosen.add(name);
    }
    return chosen;
  }

  /** Streams the export; a failure before the first byte is answered as a problem, after it breaks the download. */
  void send(RoutingContext ctx, Principal principal, TicketQuery query, ExportFormat format, List<String> columns) {
    TicketList.Matching matching = list.matching(principal, query);
    String sql = SELECT + matching.sql(JOINS) + " ORDER BY t.id DESC";
    int[] indexes = columns.stream().mapToInt(COLUMNS::indexOf).toArray();
    pool.getConnection().compose(connection -> connection.begin()
            .compose(tx -> connection.prepare(sql).map(statement -> {
              stream(ctx, format, columns, indexes, connection, tx,
                  statement.createStream(FETCH, Tuple.from(matching.parameters())));
              return null;
            }))
            .onFailure(failure -> connection.close()))
        .onFailure(ctx::fail);
  }

  private static void stream(RoutingContext ctx, ExportFormat format, List<String> columns, int[] indexes,
                             SqlConnection connection, Transaction tx, RowStream<Row> rows) {
    TableDownload download = TableDownload.start(ctx, format, "tickets", columns);
    ctx.response().closeHandler(closed -> rows.close().onComplete(done -> connection.close()));
    rows.exceptionHandler(failure -> {
      download.abort();
      connection.close();
    });
    rows.endHandler(end -> download.end().onComplete(sent -> tx.commit().onComplete(done -> connection.close())));
    // one list for every row: the download has written a row's values before it returns
    List<Object> values = Arrays.asList(new Object[indexes.length]);
    rows.handler(row -> {
      for (int i = 0; i < indexes.length; i++) {
        values.set(i, value(row, indexes[i]));
      }
      download.row(values);
      if (download.full()) {
        rows.pause();
        download.drained(rows::resume);
      }
    });
  }

  private static Object value(Row row, int index) {
    Object value = row.getValue(index);
    return value instanceof LocalDateTime time ? time.atOffset(ZoneOffset.UTC).toInstant().toString() : value;
  }
}
