package org.gotrs.ticket;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gotrs.article.Article;
import org.gotrs.db.DatabaseTarget;
import org.gotrs.db.Reads;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * Ticket lists and full-text search: filters, the permission predicate and keyset pagination in one
 * SQL statement, so a page costs the same on page 1 and page 10,000 and never loads rows it then drops.
 */
final class TicketList {

  /** One page: tickets (or search hits) and the cursor of the next page (null on the last). */
  record Page(List<?> items, String nextCursor) {}

  /** A search result: the ticket's fields with its rank and highlighted snippet beside them. */
  record Hit(@JsonUnwrapped Ticket ticket, Double rank, String snippet) {}

  /**
   * Relevance ranks the newest matching tickets only, so its cost stays bounded on common words; the other
   * sorts page through every match.
   */
  static final int SEARCH_CANDIDATES = 500;
  /** How many ids share an era in the search index (db/V47). */
  private static final int ERA = 65_536;
  /** How many of the newest eras an agent's relevance search tries before all of them. */
  private static final int RECENT_ERAS = 4;

  /** Agents search the stored per-ticket document (db/V41): title and every article, parsed once. */
  private static final String AGENT_DOCUMENT = "JOIN ticket_search doc ON doc.ticket_id = t.id";
  /**
   * Customers search what they may see: the title and the customer-visible articles, parsed per query, but only
   * for tickets whose stored document matches too (see {@link #customerMatch}).
   */
  private static final String CUSTOMER_DOCUMENT = """
      JOIN ticket_search stored ON stored.ticket_id = t.id
      CROSS JOIN LATERAL (SELECT setweight(to_tsvector('english', coalesce(t.title, '')), 'A')
          || coalesce((SELECT setweight(to_tsvector('english', string_agg(coalesce(a.subject, '') || ' ' || coalesce(a.body, ''), ' ')), 'D')
                         FROM article a WHERE a.ticket_id = t.id AND %s), ''::tsvector) AS document) doc
      """.formatted(Article.CUSTOMER_VISIBLE);
  /** The ticket alias in a condition, to move a condition on a mirrored column onto the search document. */
  private static final Pattern TICKET_ALIAS = Pattern.compile("\\bt\\.");
  /** A customer's matches: their own few tickets, narrowed by the predicate first. */
  private static final String CUSTOMER_MATCHES = "SELECT t.id, doc.document FROM ticket t " + CUSTOMER_DOCUMENT
      + " WHERE %1$s AND %2$s";
  // An article's own text vector, to pick the snippet's article among the few of one ticket.
  private static final String ARTICLE_VECTOR = "to_tsvector('english', coalesce(a.subject, '') || ' ' || coalesce(a.body, ''))";
  private static final String SNIPPET = """
      coalesce((SELECT ts_headline('english', replace(replace(replace(coalesce(a.plain_body, a.body, ''), '&', '&amp;'),       '<', '&lt;'), '>', '&gt;'), %1$s, 'StartSel=<mark>, StopSel=</mark>, MaxFragments=1, MaxWords=30, MinWords=8')       FROM article a WHERE a.ticket_id = t.id AND %2$s @@ %1$s%3$s ORDER BY a.id LIMIT 1),       ts_headline('english', replace(replace(replace(coalesce(t.title, ''), '&', '&amp;'), '<', '&lt;'), '>', '&gt;'),       %1$s, 'StartSel=<mark>, StopSel=</mark>')) AS snippet""";

  private final Reads reads;
  private final Permissions permissions;
  private final TicketCustomFields customFields;
  private final Clock clock;

  TicketList(Reads reads, Permissions permissions, TicketCustomFields customFields, Clock clock) {
    this.reads = reads;
    this.permissions = permissions;
    this.customFields = customFields;
    this.clock = clock;
  }

  /**
   * An agent's {@code q} that is a ticket number (whole, or its last four or more digits), names a customer user
   * (login, e-mail or "first last") or is the value of a searchable custom field finds those tickets, ranked above the
   * text matches; the tickets the agent may read, the newest 200. Three indexed lookups (db/V66, V40, V71), each on
   * its own, made before the text search: joined by OR in one condition they made PostgreSQL walk every ticket when
   * none matched (half a second at 1M tickets).
   */
  private static final String IDENTIFIED = DatabaseTarget.PLANNED_PER_CALL + """
      SELECT t.id FROM ticket t
       WHERE %s
         AND t.id IN (SELECT n.id FROM ticket n
                       WHERE $2 ~ '^[0-9]{4,}$' AND reverse(n.tn) LIKE reverse($2) || '%%'
                      UNION ALL
                      SELECT CASE WHEN v.object_id ~ '^[0-9]+$' THEN v.object_id::bigint END
                        FROM custom_field_values v
                        JOIN custom_field_definitions d ON d.id = v.field_id
                       WHERE d.object_type = 'ticket' AND d.searchable AND lower(v.value_text) = lower($2)
                      UNION ALL
                      SELECT c.id FROM ticket c
                       WHERE c.customer_user_id IN (
                             SELECT cu.id FROM customer_user cu
                              WHERE lower(cu.login) = lower($2) OR lower(cu.email) = lower($2)
                                 OR lower(coalesce(cu.first_name, '') || ' ' || coalesce(cu.last_name, '')) = lower($2)))
       ORDER BY t.id DESC
       LIMIT 200""";

  /** A page of the tickets the query finds among those the principal may read (on a replica that has their writes). */
  Future<Page> list(Principal principal, TicketQuery query) {
    return reads.forCaller(principal.subject(), pool -> list(pool, principal, query));
  }

  private Future<Page> list(Pool pool, Principal principal, TicketQuery query) {
    if (query.text() == null || !principal.isAgent()) {
      return list(pool, principal, query, List.of());
    }
    var visible = permissions.ticketsVisibleTo(principal, "t", 1);
    List<Object> parameters = new ArrayList<>(visible.parameters());
    parameters.add(query.text().strip());
    return pool.preparedQuery(IDENTIFIED.formatted(visible.sql())).execute(Tuple.from(parameters))
        .compose(rows -> {
          List<Long> ids = new ArrayList<>();
          rows.forEach(row -> ids.add(row.getLong("id")));
          return list(pool, principal, query, ids);
        });
  }

  /** @param identified the tickets the query's text names by number or customer, found before */
  private Future<Page> list(Pool pool, Principal principal, TicketQuery query, List<Long> identified) {
    List<Object> parameters = new ArrayList<>();
    // Conditions on the queue and the archive flag, which the search document mirrors (db/V44), apart from the rest.
    List<String> mirrored = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    var visible = permissions.ticketsVisibleTo(principal, "t", 1);
    parameters.addAll(visible.parameters());
    mirrored.add(visible.sql());
    filters(principal, query, mirrored, rest, parameters);
    List<String> where = new ArrayList<>(mirrored);
    where.addAll(rest);

    String select = Ticket.SELECT.replace("FROM ticket t", ", %s FROM ticket t");
    TicketQuery.Sort sort = query.sort();
    String extra = "NULL::float8 AS rank, NULL::text AS snippet";
    String from = "";
    if (query.text() != null) {
      parameters.add(query.text());
      String tsquery = "websearch_to_tsquery('english', $" + parameters.size() + ")";
      String named = "FALSE";
      if (!identified.isEmpty()) {
        parameters.add(identified.toArray(new Long[0]));
        named = "t.id = ANY ($" + parameters.size() + "::bigint[])";
      }
      extra = SNIPPET.formatted(tsquery, ARTICLE_VECTOR, principal.isCustomer() ? " AND " + Article.CUSTOMER_VISIBLE : "");
      if (sort == TicketQuery.Sort.RELEVANCE) {
        String candidates = principal.isAgent() ? newestFirst(agentMatches(tsquery, mirrored, rest))
            : CUSTOMER_MATCHES.formatted(customerMatch(tsquery), String.join(" AND ", where))
                + " ORDER BY id DESC LIMIT " + SEARCH_CANDIDATES;
        if (!identified.isEmpty()) {
          // the named tickets that the text does not match join the candidates, and rank above every text match
          candidates = "SELECT * FROM (" + candidates + ") matched UNION ALL SELECT doc.ticket_id AS id, doc.document "
              + "FROM ticket_search doc WHERE " + named.replace("t.id", "doc.ticket_id") + " AND NOT (doc.document @@ "
              + tsquery + ")";
        }
        String boost = named.equals("FALSE") ? "" : " + CASE WHEN " + named.replace("t.id", "c.id") + " THEN 1 ELSE 0 END";
        // a first page ranks the candidates and reads only its own tickets (a join of all of them made PostgreSQL
        // hash the whole ticket table on a small installation); a later page's cursor compares the rank outside
        String firstPage = query.cursor() == null ? " ORDER BY rank DESC, c.id DESC LIMIT " + (query.limit() + 1) : "";
        from = "JOIN (SELECT c.id, ts_rank(c.document, %s)::float8%s AS rank FROM (%s) c%s) r ON r.id = t.id"
            .formatted(tsquery, boost, candidates, firstPage);
        where.clear();
        where.add("TRUE");
        extra = "r.rank, " + extra;
      } else {
        where.add(principal.isCustomer() ? customerMatch(tsquery) : "(doc.document @@ " + tsquery + " OR " + named + ")");
        from = principal.isCustomer() ? CUSTOMER_DOCUMENT : AGENT_DOCUMENT;
        extra = "ts_rank(doc.document, " + tsquery + ")::float8 AS rank, " + extra;
      }
    }
    keyset(query, where, parameters);
    String direction = sort.ascending ? "ASC" : "DESC";
    String order = sort == TicketQuery.Sort.RELEVANCE ? "r.rank " + direction + ", t.id " + direction
        : sort.column.equals("t.id") ? "t.id " + direction : sort.column + " " + direction + ", t.id " + direction;
    String limit = String.valueOf(query.limit() + 1);
    if (!plannedOnce(principal, query, rest)) {
      parameters.add(query.limit() + 1);
      limit = "$" + parameters.size();
    }
    String sql = (query.text() == null ? "" : DatabaseTarget.PLANNED_PER_CALL)
        + select.formatted(extra).replace("FROM ticket t", "FROM ticket t " + from)
        + " WHERE " + String.join(" AND ", where) + " ORDER BY " + order + " LIMIT " + limit;
    return customFields.visibleNames(pool, principal).compose(shownFields -> pool.preparedQuery(sql)
        .execute(Tuple.from(parameters)).map(rows -> page(rows, query, shownFields)));
  }

  /**
   * Whether the statement's best plan is the same for all its values, so PostgreSQL may plan it once per connection
   * and keep the plan: an agent's unarchived tickets by creation, filtered only by queue and permission, walk the
   * (queue_id, id) index of unarchived tickets whatever the queue. Such a statement states its limit in the text:
   * as a parameter, the limit makes PostgreSQL cost the kept plan for a tenth of the table and plan every call anew
   * (0.4 ms on top of a 1.5 ms queue page). Other filters (a customer's tickets, a state, an owner, archived
   * tickets, which that index leaves out) can match a handful of rows or half the table, and keep being planned
   * for their values.
   */
  private static boolean plannedOnce(Principal principal, TicketQuery query, List<String> rest) {
    return principal.isAgent() && query.text() == null && rest.isEmpty() && query.archived().equals("false")
        && query.sort().column.equals("t.id");
  }

  /**
   * An agent's matches come from the search documents, newest first. The permission predicate and the queue and
   * archive filters run on the document's own row; the other filters read the ticket by its key. (As a join, the
   * planner cannot tell how many tickets an agent may read and sometimes scanned all of them to hash-join a few
   * thousand matches.)
   */
  private static String agentMatches(String tsquery, List<String> mirrored, List<String> rest) {
    StringBuilder sql = new StringBuilder("SELECT doc.ticket_id AS id, doc.document FROM ticket_search doc")
        .append(" WHERE doc.document @@ ").append(tsquery);
    mirrored.forEach(condition -> sql.append(" AND ").append(TICKET_ALIAS.matcher(condition).replaceAll("doc.")));
    if (!rest.isEmpty()) {
      sql.append(" AND (SELECT ").append(String.join(" AND ", rest))
          .append(" FROM ticket t WHERE t.id = doc.ticket_id)");
    }
    return sql.toString();
  }

  /**
   * A customer's match: their view of the ticket, parsed only where the stored document (db/V41: the title and
   * every article) matches first. That document holds every word of the customer's view, so for a query of words
   * joined by and/or it drops only tickets that cannot match; a company with thousands of tickets no longer has
   * all of them parsed for every search. A query that excludes a word ({@code -word}, which an internal note may
   * hold) or asks for a phrase (whose words the stored document may hold apart) parses every candidate.
   */
  private static String customerMatch(String tsquery) {
    return "(stored.document @@ %1$s OR %1$s::text ~ '[!<]') AND doc.document @@ %1$s".formatted(tsquery);
  }

  /**
   * The newest {@link #SEARCH_CANDIDATES} of an agent's matches. A common word has them among the newest tickets,
   * so they are first looked for in the newest eras of the search index (db/V47), visiting only those rows; all
   * eras are searched only when the newest hold fewer (a rare word, an agent of few queues) or are all there is.
   * The newest eras are named one by one: as a range, the index first collected every id of those eras (a quarter
   * of a million at a million tickets, 15–20 ms) to intersect with the word's, which made the pass a rare word
   * does not fill cost more than the search itself; an era named as a key is intersected by skipping through it.
   */
  private static String newestFirst(String matches) {
    String recentEras = IntStream.range(0, RECENT_ERAS)
        .mapToObj(era -> "doc.ticket_id / " + ERA + " = (SELECT era + " + era + " FROM window_start)")
        .collect(Collectors.joining(" OR ", "(", ")"));
    return """
        WITH window_start AS (SELECT max(ticket_id) / %2$d - %3$d AS era FROM ticket_search),
             recent AS (%1$s AND %5$s
                        ORDER BY id DESC LIMIT %4$d),
             decided AS (SELECT (SELECT count(*) FROM recent) = %4$d OR era <= 0 AS recent_suffice FROM window_start)
        SELECT * FROM recent WHERE (SELECT recent_suffice FROM decided)
        UNION ALL
        SELECT * FROM (%1$s ORDER BY id DESC LIMIT %4$d) every_era WHERE NOT (SELECT recent_suffice FROM decided)"""
        .formatted(matches, ERA, RECENT_ERAS - 1, SEARCH_CANDIDATES, recentEras);
  }

  /** The query's filters: those on the queue and archive flag into {@code mirrored}, the others into {@code where}. */
  private void filters(Principal principal, TicketQuery query, List<String> mirrored, List<String> where,
                       List<Object> parameters) {
    add(mirrored, parameters, "t.queue_id = $%d", query.queueId());
    add(where, parameters, "t.ticket_state_id = $%d", query.stateId());
    add(where, parameters, "t.ticket_state_id IN (SELECT id FROM ticket_state WHERE name = $%d)", query.state());
    add(where, parameters, "t.ticket_state_id IN (SELECT s.id FROM ticket_state s JOIN ticket_state_type st "
        + "ON st.id = s.type_id WHERE st.name = ANY (string_to_array($%d, ',')))", query.stateType());
    add(where, parameters, "t.ticket_priority_id = $%d", query.priorityId());
    add(where, parameters, "t.user_id = $%d", query.ownerId());
    if ("me".equals(query.ownerKeyword())) {
      add(where, parameters, "t.user_id = $%d", principal.isAgent() ? principal.userId() : null);
      if (!principal.isAgent()) {
        where.add("FALSE");
      }
    } else if ("none".equals(query.ownerKeyword())) {
      where.add("t.user_id IS NULL");
    }
    if (query.pendingReached()) {
      parameters.add((int) clock.instant().getEpochSecond());
      where.add("t.until_time > 0 AND t.until_time <= $" + parameters.size() + " AND t.ticket_state_id IN (SELECT s.id "
          + "FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id WHERE st.name = 'pending')");
    }
    add(where, parameters, "t.responsible_user_id = $%d", query.responsibleId());
    add(where, parameters, "t.customer_id = $%d", query.customerId());
    add(where, parameters, "t.customer_user_id = $%d", query.customerUserId());
    add(where, parameters, "t.tags @> ARRAY[$%d]::text[]", query.tag());
    add(where, parameters, "t.create_time >= $%d", utc(query.createdAfter()));
    add(where, parameters, "t.create_time < $%d", utc(query.createdBefore()));
    add(where, parameters, "t.change_time >= $%d", utc(query.changedAfter()));
    add(where, parameters, "t.change_time < $%d", utc(query.changedBefore()));
    for (Map.Entry<String, String> field : query.customFields().entrySet()) {
      parameters.add(field.getKey());
      parameters.add(field.getValue());
      int name = parameters.size() - 1;
      where.add("(t.custom_fields ->> $%1$d = $%2$d OR t.custom_fields -> $%1$d ? $%2$d)".formatted(name, name + 1));
    }
    if (query.watched()) {
      parameters.add(principal.isAgent() ? principal.userId() : null);
      where.add("EXISTS (SELECT 1 FROM ticket_watcher w WHERE w.ticket_id = t.id AND w.user_id = $" + parameters.size()
          + ")");
    }
    if (query.escalated() != null) {
      parameters.add((int) clock.instant().getEpochSecond());
      where.add((query.escalated() ? "" : "NOT ") + "(t.escalation_time > 0 AND t.escalation_time <= $" + parameters.size() + ")");
    }
    if (query.atRisk() != null) {
      // the next deadline is still ahead, and its SLA's notify percentage has been reached (the warning is due)
      parameters.add((int) clock.instant().getEpochSecond());
      where.add((query.atRisk() ? "" : "NOT ") + "(t.escalation_time > $" + parameters.size()
          + " AND EXISTS (SELECT 1 FROM escalation_alert a WHERE a.ticket_id = t.id AND a.level = 'warning'"
          + " AND a.deadline = t.escalation_time AND a.due_at <= $" + parameters.size() + "))");
    }
    switch (query.archived()) {
      case "true" -> mirrored.add("t.archive_flag = 1");
      case "all" -> { }
      default -> mirrored.add("t.archive_flag = 0");
    }
  }

  /**
   * The tickets a query finds among those the principal may read, all of them (no page): what {@link #count} counts
   * and {@link TicketExport} sends. A text filter matches the stored document for agents and the customer's own view
   * of the ticket for customers.
   */
  record Matching(String from, List<String> where, List<Object> parameters) {

    /** {@code FROM ticket t ...}, with {@code joins} before the conditions. */
    String sql(String joins) {
      return " FROM ticket t" + from + joins + " WHERE " + String.join(" AND ", where);
    }
  }

  Matching matching(Principal principal, TicketQuery query) {
    List<Object> parameters = new ArrayList<>();
    List<String> where = new ArrayList<>();
    var visible = permissions.ticketsVisibleTo(principal, "t", 1);
    parameters.addAll(visible.parameters());
    where.add(visible.sql());
    filters(principal, query, where, where, parameters);
    String from = "";
    if (query.text() != null) {
      parameters.add(query.text());
      String tsquery = "websearch_to_tsquery('english', $" + parameters.size() + ")";
      from = " " + (principal.isCustomer() ? CUSTOMER_DOCUMENT : AGENT_DOCUMENT);
      where.add(principal.isCustomer() ? customerMatch(tsquery) : "doc.document @@ " + tsquery);
    }
    return new Matching(from, where, parameters);
  }

  /** How many tickets the query's filters find among those the principal may read. */
  Future<Long> count(Principal principal, TicketQuery query) {
    return countAsOf(principal, query).map(Counted::count);
  }

  /**
   * A count and the events it includes, read in one snapshot: every event numbered up to {@code seq}, and those
   * committed but not numbered yet ({@code unnumbered}, by id), which will be numbered after {@code seq}. Any other
   * event is a change the count has not seen.
   */
  record Counted(long count, long seq, Set<Long> unnumbered) {}

  Future<Counted> countAsOf(Principal principal, TicketQuery query) {
    Matching matching = matching(principal, query);
    return reads.forCaller(principal.subject(), pool -> pool.preparedQuery("""
            SELECT count(*) AS n, (SELECT coalesce(max(seq), 0) FROM event_log) AS seq,
                   (SELECT coalesce(array_agg(id), '{}') FROM event_log WHERE seq IS NULL) AS unnumbered"""
            + matching.sql("")).execute(Tuple.from(matching.parameters()))
        .map(rows -> {
          Row row = rows.iterator().next();
          return new Counted(row.getLong("n"), row.getLong("seq"), Set.of(row.getArrayOfLongs("unnumbered")));
        }));
  }

  /** Counts by queue of every ticket a query finds, whoever reads it, and the events they include (see {@link Counted}). */
  record CountedByQueue(Map<Integer, Long> counts, long seq, Set<Long> unnumbered) {

    /** The count of the tickets in the queues a reader reads. */
    long in(Set<Integer> queues) {
      return counts.entrySet().stream().filter(count -> queues.contains(count.getKey()))
          .mapToLong(Map.Entry::getValue).sum();
    }
  }

  /**
   * The query's count in every queue, without a reader's permission: for filters that do not depend on who reads
   * ({@link TicketQuery#sameForEveryAgent}), one count serves every agent, each summing the queues they read.
   */
  Future<CountedByQueue> countByQueueAsOf(Principal anyAgent, TicketQuery query) {
    List<Object> parameters = new ArrayList<>();
    List<String> where = new ArrayList<>(List.of("TRUE"));
    filters(anyAgent, query, where, where, parameters);
    return reads.current(pool -> pool.preparedQuery("""
            WITH counted AS (SELECT t.queue_id, count(*) AS n FROM ticket t WHERE %s GROUP BY t.queue_id)
            SELECT (SELECT coalesce(max(seq), 0) FROM event_log) AS seq,
                   (SELECT coalesce(array_agg(id), '{}') FROM event_log WHERE seq IS NULL) AS unnumbered,
                   c.queue_id, c.n
              FROM (SELECT 1) AS one LEFT JOIN counted c ON true""".formatted(String.join(" AND ", where)))
        .execute(Tuple.from(parameters))
        .map(rows -> {
          Map<Integer, Long> counts = new HashMap<>();
          long seq = 0;
          Set<Long> unnumbered = Set.of();
          for (Row row : rows) {
            seq = row.getLong("seq");
            unnumbered = Set.of(row.getArrayOfLongs("unnumbered"));
            if (row.getInteger("queue_id") != null) {
              counts.put(row.getInteger("queue_id"), row.getLong("n"));
            }
          }
          return new CountedByQueue(Map.copyOf(counts), seq, unnumbered);
        }));
  }

  private static void keyset(TicketQuery query, List<String> where, List<Object> parameters) {
    TicketQuery.Cursor cursor = query.cursor();
    if (cursor == null) {
      return;
    }
    String comparison = query.sort().ascending ? ">" : "<";
    parameters.add(cursor.id());
    int id = parameters.size();
    if (query.sort().column.equals("t.id")) {
      where.add("t.id " + comparison + " $" + id);
      return;
    }
    Object value = switch (query.sort()) {
      case CHANGED, CHANGED_ASC -> LocalDateTime.parse(cursor.value());
      case RELEVANCE -> Double.parseDouble(cursor.value());
      default -> (int) Double.parseDouble(cursor.value());
    };
    parameters.add(value);
    String column = query.sort() == TicketQuery.Sort.RELEVANCE ? "r.rank" : query.sort().column;
    where.add("(" + column + ", t.id) " + comparison + " ($" + parameters.size() + ", $" + id + ")");
  }

  private static Page page(io.vertx.sqlclient.RowSet<Row> rows, TicketQuery query, java.util.Set<String> visibleFields) {
    List<Object> items = new ArrayList<>();
    Row last = null;
    int count = 0;
    for (Row row : rows) {
      if (++count > query.limit()) {
        break;
      }
      Ticket ticket = Ticket.from(row);
      if (visibleFields != null) {
        ticket = ticket.forCustomer(TicketCustomFields.only(ticket.customFields(), visibleFields));
      }
      items.add(query.text() == null ? ticket : new Hit(ticket, row.getDouble("rank"), row.getString("snippet")));
      last = row;
    }
    String next = null;
    if (count > query.limit() && last != null) {
      String value = switch (query.sort()) {
        case CREATED, CREATED_ASC -> null;
        case CHANGED, CHANGED_ASC -> String.valueOf(last.getLocalDateTime("change_time"));
        case PRIORITY, PRIORITY_ASC -> String.valueOf(last.getInteger("ticket_priority_id"));
        case ESCALATION_ASC -> String.valueOf(last.getInteger("escalation_time"));
        case RELEVANCE -> String.valueOf(last.getDouble("rank"));
      };
      next = new TicketQuery.Cursor(query.sort(), value, last.getLong("id")).encode();
    }
    return new Page(items, next);
  }

  private static void add(List<String> where, List<Object> parameters, String condition, Object value) {
    if (value != null) {
      parameters.add(value);
      where.add(condition.formatted(parameters.size()));
    }
  }

  private static LocalDateTime utc(java.time.Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
