package org.gotrs.demo;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.gotrs.article.ArticleDraft;
import org.gotrs.ticket.number.TicketNumberGenerator;

/**
 * Writes planned tickets: their numbers (each from the configured generator as on the day the ticket was created,
 * so the daily counters move on too), the tickets in one batch, then all articles and all history rows in one
 * statement each.
 */
final class TicketWriter {

  private final String numberGenerator;
  private final String systemId;

  TicketWriter(String numberGenerator, String systemId) {
    this.numberGenerator = numberGenerator;
    this.systemId = systemId;
  }

  Future<Integer> write(SqlClient tx, List<PlannedTicket> tickets) {
    int articleCount = tickets.stream().mapToInt(ticket -> ticket.articles().size()).sum();
    return numbers(tx, tickets).compose(numbers -> tx.preparedQuery(DemoSql.TICKET).executeBatch(ticketRows(tickets, numbers))
        .map(rows -> OrganisationWriter.ids(rows, row -> row.getLong("id")))
        .compose(ticketIds -> tx.preparedQuery(DemoSql.ARTICLE_IDS).execute(Tuple.of(articleCount))
            .map(rows -> StreamSupport.stream(rows.spliterator(), false).map(row -> row.getLong("id")).sorted().toList())
            .compose(articleIds -> tx.preparedQuery(DemoSql.ARTICLES).execute(articles(tickets, ticketIds, articleIds))
                .compose(written -> tx.preparedQuery(DemoSql.HISTORY)
                    .execute(history(tickets, numbers, ticketIds, articleIds))))))
        .map(tickets.size());
  }

  /**
   * The numbers in creation order, so they ascend with time as in a real help desk. The requests are pipelined on
   * the transaction's connection, which runs them in the order they were sent.
   */
  private Future<List<String>> numbers(SqlClient tx, List<PlannedTicket> tickets) {
    List<Future<String>> numbers = tickets.stream()
        .map(ticket -> TicketNumberGenerator.fromConfig(numberGenerator, systemId,
            Clock.fixed(ticket.created(), ZoneOffset.UTC)).next(tx))
        .toList();
    return Future.all(numbers).map(done -> numbers.stream().map(Future::result).toList());
  }

  private static List<Tuple> ticketRows(List<PlannedTicket> tickets, List<String> numbers) {
    List<Tuple> rows = new ArrayList<>();
    for (int i = 0; i < tickets.size(); i++) {
      PlannedTicket t = tickets.get(i);
      rows.add(Tuple.from(new Object[] {numbers.get(i), t.title(), t.queueId(), t.lockId(), t.typeId(),
          t.serviceId(), t.slaId(), t.ownerId(), t.priorityId(), t.stateId(), t.customerId(), t.customerUserId(),
          (int) t.untilTime(), utc(t.created()), t.createdBy(), utc(t.changed()), t.source(),
          t.tags().toArray(new String[0])}));
    }
    return rows;
  }

  /** One array per column of {@link DemoSql#ARTICLES}. */
  private static Tuple articles(List<PlannedTicket> tickets, List<Long> ticketIds, List<Long> articleIds) {
    Columns columns = new Columns(17, articleIds.size());
    int next = 0;
    for (int i = 0; i < tickets.size(); i++) {
      for (PlannedTicket.Article article : tickets.get(i).articles()) {
        ArticleDraft d = article.draft();
        columns.row(articleIds.get(next++), ticketIds.get(i), d.articleType(), d.senderTypeId(), d.fromAddress(),
            d.toAddress(), d.subject(), d.body().contentType(), d.body().body(), d.body().htmlBody(),
            d.body().plainBody(), d.internalNote(), d.visibleForCustomer() ? 1 : 0, (int) d.incomingTime(),
            utc(article.at()), article.createdBy(), article.read());
      }
    }
    return columns.tuple(Long.class, Long.class, String.class, Integer.class, String.class, String.class, String.class,
        String.class, String.class, String.class, String.class, Boolean.class, Integer.class, Integer.class,
        LocalDateTime.class, UUID.class, Boolean.class);
  }

  /** One array per column of {@link DemoSql#HISTORY}; {@link PlannedTicket#TN} becomes the ticket's number. */
  private static Tuple history(List<PlannedTicket> tickets, List<String> numbers, List<Long> ticketIds,
                               List<Long> articleIds) {
    Columns columns = new Columns(13, tickets.size() * 8);
    int firstArticle = 0;
    for (int i = 0; i < tickets.size(); i++) {
      PlannedTicket t = tickets.get(i);
      String tn = numbers.get(i);
      for (PlannedTicket.History h : t.history()) {
        columns.row(withNumber(h.name(), tn), h.type(), ticketIds.get(i),
            h.article() < 0 ? null : articleIds.get(firstArticle + h.article()), t.typeId(), h.queueId(), h.ownerId(),
            t.priorityId(), h.stateId(), utc(h.at()), h.createdBy(), h.oldValue(), withNumber(h.newValue(), tn));
      }
      firstArticle += t.articles().size();
    }
    return columns.tuple(String.class, String.class, Long.class, Long.class, Integer.class, Integer.class, UUID.class,
        Integer.class, Integer.class, LocalDateTime.class, UUID.class, String.class, String.class);
  }

  private static String withNumber(String text, String tn) {
    return text == null ? null : text.replace(PlannedTicket.TN, tn);
  }

  /** TIMESTAMP columns hold UTC. */
  private static LocalDateTime utc(Instant instant) {
    return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  /** Rows turned into one array per column, the shape {@code unnest} reads. */
  private static final class Columns {

    private final List<List<Object>> values = new ArrayList<>();

    Columns(int count, int expectedRows) {
      for (int i = 0; i < count; i++) {
        values.add(new ArrayList<>(expectedRows));
      }
    }

    void row(Object... row) {
      for (int i = 0; i < row.length; i++) {
        values.get(i).add(row[i]);
      }
    }

    Tuple tuple(Class<?>... types) {
      Object[] arrays = new Object[types.length];
      for (int i = 0; i < types.length; i++) {
        List<Object> column = values.get(i);
        arrays[i] = column.toArray((Object[]) java.lang.reflect.Array.newInstance(types[i], column.size()));
      }
      return Tuple.from(arrays);
    }
  }
}
