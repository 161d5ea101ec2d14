package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.gotrs.db.Rows;
import org.gotrs.http.Html;
import org.gotrs.http.Problem;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Permissions.Predicate;
import org.gotrs.permission.Principal;

/**
 * Finding articles: the search box (what people type, ranked, with highlighted snippets), suggestions while a
 * customer or agent types (every word a prefix, any word may match), and the resolved tickets like a ticket's
 * title for the agent's composer. Each answers only what the caller may read.
 */
public final class KbSearch {

  /** A match; {@code snippet} is HTML: the text escaped, the matched words in {@code <mark>}. */
  public record Hit(long id, int categoryId, String language, String title, String state, String slug, String url,
                    String snippet) {}

  public record SimilarTicket(long id, String tn, String title) {}

  private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}]{2,}");
  private static final int MAX_WORDS = 12;

  private final Pool pool;
  private final Permissions permissions;

  public KbSearch(Pool pool, Permissions permissions) {
    this.pool = pool;
    this.permissions = permissions;
  }

  public Future<List<Hit>> search(Principal principal, String query, String language, int limit) {
    return hits(principal, query, language, limit, false);
  }

  /** As the customer types: each word is a prefix, and an article matching any of them is offered. */
  public Future<List<Hit>> suggest(Principal principal, String typed, String language, int limit) {
    String query = prefixQuery(typed, "|");
    return query.isEmpty() ? Future.succeededFuture(List.of()) : hits(principal, query, language, limit, true);
  }

  /** Closed tickets whose title and articles share words with the text, newest match first among equals. */
  public Future<List<SimilarTicket>> similarTickets(Principal principal, long ticketId, String text) {
    permissions.requireAgent(principal);
    List<String> words = words(text);
    if (words.isEmpty()) {
      return Future.succeededFuture(List.of());
    }
    Predicate visible = permissions.ticketsVisibleTo(principal, "t", 3);
    List<Object> parameters = new ArrayList<>();
    parameters.add(String.join(" | ", words));
    parameters.add(ticketId);
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(KbSql.SIMILAR_TICKETS.formatted(visible.sql())).execute(Tuple.from(parameters))
        .map(rows -> Rows.all(rows, row -> new SimilarTicket(row.getLong("id"), row.getString("tn"),
            row.getString("title"))));
  }

  /** Counts a suggested article opened by a customer; the answer is the id to report a ticket submitted after it. */
  public Future<UUID> opened(Principal principal, long articleId, String channel) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 3);
    List<Object> parameters = new ArrayList<>(List.of(articleId, channel));
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(KbSql.DEFLECTION.formatted(visible.sql())).execute(Tuple.from(parameters))
        .map(rows -> Rows.one(rows, row -> row.getUUID("id"),
            () -> Problem.invalid("article_id", "no such article")));
  }

  /** The customer opened a ticket after all: those articles did not answer them. */
  public Future<Void> submitted(List<UUID> deflections) {
    return pool.preparedQuery(KbSql.DEFLECTION_SUBMITTED).execute(Tuple.of((Object) deflections.toArray(new UUID[0])))
        .mapEmpty();
  }

  private Future<List<Hit>> hits(Principal principal, String query, String language, int limit, boolean prefix) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 5);
    List<Object> parameters = new ArrayList<>();
    parameters.add(query);
    parameters.add(language);
    parameters.add(limit);
    parameters.add(prefix);
    parameters.addAll(visible.parameters());
    String sql = KbSql.SEARCH.formatted(visible.sql(), KbSql.RANKED, KbSql.SEARCH_QUERY);
    // planned for these words each time: a plan kept for any words could not tell a common word from a rare one
    return pool.withTransaction(tx -> tx.query(KbSql.PLAN_FOR_THESE_WORDS).execute()
            .compose(planned -> tx.preparedQuery(sql).execute(Tuple.from(parameters))))
        .map(rows -> Rows.all(rows, KbSearch::toHit));
  }

  private static Hit toHit(Row row) {
    long id = row.getLong("id");
    String slug = KbArticle.slug(row.getString("title"));
    return new Hit(id, row.getInteger("category_id"), row.getString("language"), row.getString("title"),
        row.getString("state"), slug, HelpLinks.article(id, slug), highlighted(row.getString("snippet")));
  }

  /** ts_headline marks matches with the control characters 1 and 2 so the text can be escaped before they become tags. */
  static String highlighted(String headline) {
    if (headline == null) {
      return "";
    }
    return Html.escape(headline).replace("\u0001", "<mark>").replace("\u0002", "</mark>");
  }

  /** Every word a prefix, joined by {@code operator}; only letters and digits reach to_tsquery. */
  static String prefixQuery(String typed, String operator) {
    return String.join(" " + operator + " ", words(typed).stream().map(word -> word + ":*").toList());
  }

  private static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    Matcher matcher = WORD.matcher(text == null ? "" : text);
    while (matcher.find() && words.size() < MAX_WORDS) {
      words.add(matcher.group().toLowerCase(java.util.Locale.ROOT));
    }
    return words;
  }
}
