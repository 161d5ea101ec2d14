package org.gotrs.bench;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.ticket.Ticket;

/**
 * The SQL behind the read endpoints, for an agent, sent straight to the database: {@code GET /tickets/{id}}
 * (one statement: the ticket with the permission predicate beside it) and {@code GET /tickets} (one statement: permission predicate, filters,
 * keyset, and for {@code q} the ranked full-text match). Built the way TicketList and Permissions build it; if
 * they change, this must follow.
 */
final class RawReads {

  private static final int LIMIT = 50;
  private static final int SEARCH_CANDIDATES = 500;
  private static final String VISIBLE = "t.queue_id = ANY ((SELECT permitted_queue_ids($1, 'ro'))::int[])";
  private static final String ARTICLE_VECTOR =
      "to_tsvector('english', coalesce(a.subject, '') || ' ' || coalesce(a.body, ''))";

  private static final String TICKET = Ticket.SELECT.replace("FROM ticket t",
      ", t.queue_id = ANY ((SELECT permitted_queue_ids($2, 'ro'))::int[]) AS can_read FROM ticket t") + " WHERE t.id = $1";

  private static final String MATCHES = """
      SELECT doc.ticket_id AS id, doc.document FROM ticket_search doc
       WHERE doc.document @@ websearch_to_tsquery('english', $2)
         AND %s AND doc.archive_flag = 0""".formatted(VISIBLE.replace("t.queue_id", "doc.queue_id"));

  /**
   * The newest 500 matches, looked for in the newest four eras of the index first (db/V47, each era named), as the
   * server does.
   */
  private static final String SEARCH_JOIN = """
      JOIN (SELECT c.id, ts_rank(c.document, websearch_to_tsquery('english', $2))::float8 AS rank FROM (
              WITH window_start AS (SELECT max(ticket_id) / 65536 - 3 AS era FROM ticket_search),
                   recent AS (%1$s AND (doc.ticket_id / 65536 = (SELECT era FROM window_start)
                                 OR doc.ticket_id / 65536 = (SELECT era + 1 FROM window_start)
                                 OR doc.ticket_id / 65536 = (SELECT era + 2 FROM window_start)
                                 OR doc.ticket_id / 65536 = (SELECT era + 3 FROM window_start))
                              ORDER BY id DESC LIMIT %2$d),
                   decided AS (SELECT (SELECT count(*) FROM recent) = %2$d OR era <= 0 AS recent_suffice
                                 FROM window_start)
              SELECT * FROM recent WHERE (SELECT recent_suffice FROM decided)
              UNION ALL
              SELECT * FROM (%1$s ORDER BY id DESC LIMIT %2$d) every_era
               WHERE NOT (SELECT recent_suffice FROM decided)) c ORDER BY rank DESC, c.id DESC LIMIT $3) r ON r.id = t.id
      """.formatted(MATCHES, SEARCH_CANDIDATES);

  private static final String SNIPPET = ("r.rank, coalesce((SELECT ts_headline('english', "
      + "replace(replace(replace(coalesce(a.plain_body, a.body, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'), "
      + "websearch_to_tsquery('english', $2), 'StartSel=<mark>, StopSel=</mark>, MaxFragments=1, MaxWords=30, MinWords=8') "
      + "FROM article a WHERE a.ticket_id = t.id AND %1$s @@ websearch_to_tsquery('english', $2) "
      + "ORDER BY a.id LIMIT 1), ts_headline('english', replace(replace(replace(coalesce(t.title, ''), '&', '&amp;'), "
      + "'<', '&lt;'), '>', '&gt;'), websearch_to_tsquery('english', $2), 'StartSel=<mark>, StopSel=</mark>')) AS snippet")
      .formatted(ARTICLE_VECTOR);

  private static final String SEARCH = DatabaseTarget.PLANNED_PER_CALL + Ticket.SELECT.replace("FROM ticket t", ", " + SNIPPET + " FROM ticket t " + SEARCH_JOIN)
      + " ORDER BY r.rank DESC, t.id DESC LIMIT $3";

  private final Pool pool;

  RawReads(Pool pool) {
    this.pool = pool;
  }

  /** {@code GET /tickets/{id}}. */
  Future<?> ticket(UUID agent, long id) {
    return pool.preparedQuery(TICKET).execute(Tuple.of(id, agent));
  }

  /** {@code GET /tickets?queue_id=..&limit=50[&cursor=..]}; {@code queueId} null lists every visible queue. */
  Future<?> list(UUID agent, Integer queueId, Long beforeId) {
    List<Object> parameters = new ArrayList<>(List.of(agent));
    List<String> where = new ArrayList<>(List.of(VISIBLE));
    if (queueId != null) {
      parameters.add(queueId);
      where.add("t.queue_id = $" + parameters.size());
    }
    where.add("t.archive_flag = 0");
    if (beforeId != null) {
      parameters.add(beforeId);
      where.add("t.id < $" + parameters.size());
    }
    String sql = Ticket.SELECT.replace("FROM ticket t", ", NULL::float8 AS rank, NULL::text AS snippet FROM ticket t")
        + " WHERE " + String.join(" AND ", where) + " ORDER BY t.id DESC LIMIT " + (LIMIT + 1);
    return pool.preparedQuery(sql).execute(Tuple.from(parameters));
  }

  /** {@code GET /tickets?q=..&limit=50}, ranked. */
  Future<?> search(UUID agent, String text) {
    return pool.preparedQuery(SEARCH).execute(Tuple.of(agent, text, LIMIT + 1));
  }
}
