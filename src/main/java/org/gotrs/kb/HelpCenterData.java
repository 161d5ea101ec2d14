package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import org.gotrs.db.Rows;

/** What the public help center reads: public articles only, in the visitor's language. */
final class HelpCenterData {

  record Category(int id, Integer parentId, String name, String description, long articles) {}

  record Summary(long id, String title, String excerpt, Instant changeTime) {

    String url() {
      return HelpLinks.article(id, KbArticle.slug(title));
    }
  }

  /** A public article with its category and its other public languages. */
  record Page(long id, String title, String body, String language, List<String> keywords, Category category,
              Instant changeTime, long helpful, List<KbArticle.Translation> translations, List<KbFile> files) {

    String url() {
      return HelpLinks.article(id, KbArticle.slug(title));
    }
  }

  /** The visitor's language: {@code de} also finds articles written in {@code de-CH}. */
  private static final String IN_LANGUAGE = "(lower(a.language) = $1 OR lower(a.language) LIKE $1 || '-%')";

  private static final String CATEGORIES = """
      SELECT c.id, c.parent_id, c.name, c.description, count(a.id) AS articles
        FROM kb_category c
        JOIN kb_article a ON a.category_id = c.id AND a.state = 'public' AND %s
       GROUP BY c.id
       ORDER BY c.position, lower(c.name), c.id""".formatted(IN_LANGUAGE);

  private static final String SUMMARY = """
      SELECT a.id, a.title, left(a.body_text, 220) AS excerpt, a.change_time FROM kb_article a
       WHERE a.state = 'public' AND %s""".formatted(IN_LANGUAGE);

  private static final String IN_CATEGORY = SUMMARY + " AND a.category_id = $2 ORDER BY lower(a.title), a.id LIMIT 500";

  private static final String LATEST = SUMMARY + " ORDER BY a.change_time DESC, a.id DESC LIMIT $2";

  private static final String CATEGORY = """
      SELECT c.id, c.parent_id, c.name, c.description, 0::bigint AS articles FROM kb_category c WHERE c.id = $1""";

  private static final String ARTICLE = """
      SELECT a.id, a.title, a.body, a.language, a.keywords, a.change_time, coalesce(a.translation_of, a.id) AS original,
             c.id AS category_id, c.parent_id, c.name, c.description, 0::bigint AS articles,
             (SELECT count(*) FROM kb_vote v WHERE v.article_id = a.id AND v.helpful) AS helpful
        FROM kb_article a JOIN kb_category c ON c.id = a.category_id
       WHERE a.id = $1 AND a.state = 'public'""";

  private static final String TRANSLATIONS = """
      SELECT a.id, a.language, a.title, a.state FROM kb_article a
       WHERE (a.id = $1 OR a.translation_of = $1) AND a.id <> $2 AND a.state = 'public'
       ORDER BY a.language""";

  private static final String SITEMAP = """
      SELECT a.id, a.title, '' AS excerpt, a.change_time FROM kb_article a
       WHERE a.state = 'public' ORDER BY a.id LIMIT 50000""";

  private final Pool pool;

  HelpCenterData(Pool pool) {
    this.pool = pool;
  }

  Future<List<Category>> categories(String language) {
    return pool.preparedQuery(CATEGORIES).execute(Tuple.of(language)).map(rows -> Rows.all(rows, HelpCenterData::category));
  }

  Future<Category> category(int id) {
    return pool.preparedQuery(CATEGORY).execute(Tuple.of(id))
        .map(rows -> rows.size() == 0 ? null : category(rows.iterator().next()));
  }

  Future<List<Summary>> inCategory(String language, int categoryId) {
    return pool.preparedQuery(IN_CATEGORY).execute(Tuple.of(language, categoryId))
        .map(rows -> Rows.all(rows, HelpCenterData::summary));
  }

  Future<List<Summary>> latest(String language, int limit) {
    return pool.preparedQuery(LATEST).execute(Tuple.of(language, limit)).map(rows -> Rows.all(rows, HelpCenterData::summary));
  }

  /** The public article, or {@code null}: a draft or internal one is as absent as a missing one. */
  Future<Page> article(long id) {
    return pool.preparedQuery(ARTICLE).execute(Tuple.of(id)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.succeededFuture(null);
      }
      Row row = rows.iterator().next();
      return pool.preparedQuery(TRANSLATIONS).execute(Tuple.of(row.getLong("original"), id))
          .compose(others -> pool.preparedQuery(KbSql.LISTED_FILES).execute(Tuple.of(id))
              .map(files -> Rows.all(files, KbFile::of)).map(files -> page(row, others, files)));
    });
  }

  private static Page page(Row row, io.vertx.sqlclient.RowSet<Row> others, List<KbFile> files) {
    String[] keywords = row.getArrayOfStrings("keywords");
    Category category = new Category(row.getInteger("category_id"), row.getInteger("parent_id"),
        row.getString("name"), row.getString("description"), 0);
    return new Page(row.getLong("id"), row.getString("title"), row.getString("body"), row.getString("language"),
        keywords == null ? List.of() : List.of(keywords), category, Rows.instant(row, "change_time"),
        row.getLong("helpful"), Rows.all(others, other -> new KbArticle.Translation(other.getLong("id"),
            other.getString("language"), other.getString("title"), other.getString("state"))), files);
  }

  /** Records a visitor's vote on a public article; false when there is no such public article. */
  Future<Boolean> vote(long id, String voter, boolean helpful) {
    return pool.preparedQuery(KbSql.VOTE).execute(Tuple.of(id, voter, helpful)).map(rows -> rows.rowCount() > 0);
  }

  Future<List<Summary>> sitemap() {
    return pool.query(SITEMAP).execute().map(rows -> Rows.all(rows, HelpCenterData::summary));
  }

  private static Category category(Row row) {
    return new Category(row.getInteger("id"), row.getInteger("parent_id"), row.getString("name"),
        row.getString("description"), row.getLong("articles"));
  }

  private static Summary summary(Row row) {
    return new Summary(row.getLong("id"), row.getString("title"), row.getString("excerpt"),
        Rows.instant(row, "change_time"));
  }
}
