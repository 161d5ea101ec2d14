package org.gotrs.kb;

/** The knowledge base's SQL, in one place. A caller's visibility predicate is appended where {@code %s} stands. */
final class KbSql {

  private KbSql() {}

  static final String ARTICLE_COLUMNS = """
      SELECT a.id, a.category_id, a.translation_of, a.language, a.title, a.body, a.keywords, a.state, a.version,
             a.create_time, a.change_time,
             (SELECT count(*) FROM kb_vote v WHERE v.article_id = a.id AND v.helpful) AS helpful,
             (SELECT count(*) FROM kb_vote v WHERE v.article_id = a.id AND NOT v.helpful) AS not_helpful,
             (SELECT count(*) FROM kb_deflection d WHERE d.article_id = a.id AND NOT d.submitted) AS deflections
        FROM kb_article a
      """;

  /** $1 the article; the caller's predicate from $2. */
  static final String ARTICLE = ARTICLE_COLUMNS + " WHERE a.id = $1 AND %s";

  static final String ARTICLE_FOR_UPDATE = ARTICLE_COLUMNS + " WHERE a.id = $1 AND %s FOR UPDATE OF a";

  /** $1 category, $2 state, $3 language, $4 before this id, $5 limit; the caller's predicate from $6. */
  static final String LIST = ARTICLE_COLUMNS + """
       WHERE ($1::int IS NULL OR a.category_id = $1)
         AND ($2::text IS NULL OR a.state = $2)
         AND ($3::text IS NULL OR a.language = $3)
         AND ($4::bigint IS NULL OR a.id < $4)
         AND %s
       ORDER BY a.id DESC
       LIMIT $5""";

  /** The other languages of an article's family (the original and its translations); $1 the family's original. */
  static final String TRANSLATIONS = """
      SELECT a.id, a.language, a.title, a.state FROM kb_article a
       WHERE (a.id = $1 OR a.translation_of = $1) AND %s
       ORDER BY a.language, a.id""";

  /** $1 the category; the predicate from $2 over a row that only has {@code category_id}. */
  static final String CATEGORY_WRITABLE = """
      SELECT EXISTS (SELECT 1 FROM kb_category c WHERE c.id = $1) AS present, %s AS writable
        FROM (SELECT $1::int AS category_id) a""";

  /** The original a translation belongs to: the given article's own original, if it is a translation itself. */
  static final String ORIGINAL = "SELECT coalesce(a.translation_of, a.id) AS original FROM kb_article a WHERE a.id = $1 AND %s";

  static final String INSERT = """
      INSERT INTO kb_article (category_id, translation_of, language, title, body, body_text, keywords, state,
                              create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
      RETURNING id""";

  static final String UPDATE = """
      UPDATE kb_article
         SET category_id = $1, translation_of = $2, language = $3, title = $4, body = $5, body_text = $6,
             keywords = $7, state = $8, change_by = $9, version = version + 1,
             change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $10""";

  /** The body once its images are the article's own files. */
  static final String SET_BODY = "UPDATE kb_article SET body = $2 WHERE id = $1";

  /** Keeps the article as it now is as its current version. */
  static final String KEEP_VERSION = """
      INSERT INTO kb_article_version (article_id, version, category_id, language, title, body, keywords, state,
                                      change_time, change_by)
      SELECT id, version, category_id, language, title, body, keywords, state, change_time, change_by
        FROM kb_article WHERE id = $1""";

  static final String VERSIONS = """
      SELECT v.version, v.title, v.state, v.language, v.change_time, u.login AS changed_by
        FROM kb_article_version v LEFT JOIN users u ON u.id = v.change_by
       WHERE v.article_id = $1
       ORDER BY v.version DESC""";

  static final String VERSION = """
      SELECT v.version, v.category_id, v.language, v.title, v.body, v.keywords, v.state, v.change_time,
             u.login AS changed_by
        FROM kb_article_version v LEFT JOIN users u ON u.id = v.change_by
       WHERE v.article_id = $1 AND v.version = $2""";

  static final String DELETE = "DELETE FROM kb_article WHERE id = $1";

  static final String CATEGORIES = """
      SELECT c.id, c.parent_id, c.name, c.description, c.position, c.create_time, c.change_time,
             ARRAY(SELECT g.group_id FROM kb_category_group g WHERE g.category_id = c.id ORDER BY g.group_id) AS group_ids,
             (SELECT count(*) FROM kb_article a WHERE a.category_id = c.id) AS articles
        FROM kb_category c""";

  static final String CATEGORY = CATEGORIES + " WHERE c.id = $1";

  static final String CATEGORY_LIST = CATEGORIES + " ORDER BY c.position, lower(c.name), c.id";

  static final String INSERT_CATEGORY = """
      INSERT INTO kb_category (parent_id, name, description, position, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $5)
      RETURNING id""";

  static final String UPDATE_CATEGORY = """
      UPDATE kb_category SET parent_id = $1, name = $2, description = $3, position = $4, change_by = $5,
             change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $6""";

  /** Whether $2 is $1 or lies below it: a category cannot move under itself. */
  static final String IS_WITHIN = """
      WITH RECURSIVE below(id) AS (
          SELECT $1::int
          UNION
          SELECT c.id FROM kb_category c JOIN below b ON c.parent_id = b.id)
      SELECT EXISTS (SELECT 1 FROM below WHERE id = $2) AS within""";

  static final String MISSING_GROUPS = """
      SELECT coalesce(array_agg(x ORDER BY x), '{}') AS missing
        FROM unnest($1::int[]) AS x WHERE NOT EXISTS (SELECT 1 FROM groups g WHERE g.id = x)""";

  static final String UNASSIGN_GROUPS = "DELETE FROM kb_category_group WHERE category_id = $1 AND group_id <> ALL ($2::int[])";

  static final String ASSIGN_GROUPS = """
      INSERT INTO kb_category_group (category_id, group_id) SELECT $1, x FROM unnest($2::int[]) AS x
      ON CONFLICT DO NOTHING""";

  static final String DELETE_CATEGORY = "DELETE FROM kb_category WHERE id = $1";

  /**
   * Ranked matches with a highlighted snippet. $1 the query text, $2 the language or null for all, $3 the limit,
   * $4 whether the query is a prefix query built for typing ({@code to_tsquery}) rather than what a person
   * types in a search box ({@code websearch_to_tsquery}); the caller's predicate from $5 (it stands twice). Without a
   * language the query is parsed in every configuration, so the index answers it whatever language an article is in.
   * Only a bounded set is ranked, however common the words: the newest {@value #RANKED} articles matching in their
   * title or keywords (the best matches) and the newest {@value #RANKED} matching anywhere. Languages are stored in
   * lower case, so the language is compared as the column is: the planner then knows from its statistics how many
   * articles are in that language, as it knows how common the words are.
   */
  static final String SEARCH = """
      WITH q AS (SELECT %3$s AS query),
      candidates AS (
          (SELECT a.id FROM kb_article a
            WHERE a.head_document @@ %3$s
              AND ($2::text IS NULL OR a.language = lower($2) OR a.language LIKE lower($2) || '-%%')
              AND %1$s
            ORDER BY a.id DESC
            LIMIT %2$d)
          UNION
          (SELECT a.id FROM kb_article a
            WHERE a.document @@ %3$s
              AND ($2::text IS NULL OR a.language = lower($2) OR a.language LIKE lower($2) || '-%%')
              AND %1$s
            ORDER BY a.id DESC
            LIMIT %2$d))
      SELECT hits.id, hits.category_id, hits.language, hits.title, hits.state, hits.rank,
             ts_headline(kb_search_config(hits.language), hits.body_text, q.query,
                         'MaxFragments=2, MaxWords=24, MinWords=8, FragmentDelimiter=" … ", StartSel="\u0001", StopSel="\u0002"')
               AS snippet
        FROM q, LATERAL (
          SELECT a.id, a.category_id, a.language, a.title, a.state, a.body_text,
                 ts_rank(a.document, q.query) AS rank
            FROM candidates c JOIN kb_article a ON a.id = c.id
           ORDER BY rank DESC, a.id DESC
           LIMIT $3) hits
       ORDER BY hits.rank DESC, hits.id DESC""";

  /** For the search's transaction: its statement is planned with the words searched for, never from a cached plan. */
  static final String PLAN_FOR_THESE_WORDS = "SET LOCAL plan_cache_mode = force_custom_plan";

  /** How many matches of each kind a search ranks at most. */
  static final int RANKED = 200;

  /**
   * The query of {@link #SEARCH}, written out where it filters (not read from a CTE) so that the planner sees it as
   * a constant and knows how common its words are: newest-first through the primary key for a common word, the
   * full-text index for a rare one.
   */
  static final String SEARCH_QUERY = """
      (CASE WHEN $2::text IS NOT NULL THEN kb_query(kb_search_config($2), $1, $4)
            ELSE kb_query('english', $1, $4) || kb_query('german', $1, $4) || kb_query('simple', $1, $4) END)""";

  /** The resolved tickets most like the text $1 (a prefix-free OR query), readable by the agent from $3. */
  static final String SIMILAR_TICKETS = """
      WITH q AS (SELECT to_tsquery('english', $1) AS query)
      SELECT t.id, t.tn, t.title, ts_rank(s.document, q.query) AS rank
        FROM q, ticket_search s
        JOIN ticket t ON t.id = s.ticket_id
        JOIN ticket_state st ON st.id = t.ticket_state_id
       WHERE s.document @@ q.query
         AND st.type_id = 4
         AND t.id <> $2
         AND %s
       ORDER BY rank DESC, t.id DESC
       LIMIT 5""";

  static final String VOTE = """
      INSERT INTO kb_vote (article_id, voter, helpful)
      SELECT a.id, $2, $3 FROM kb_article a WHERE a.id = $1 AND a.state = 'public'
      ON CONFLICT (article_id, voter) DO UPDATE SET helpful = excluded.helpful,
         create_time = (now() AT TIME ZONE 'UTC')""";

  /** $1 the article, $2 the channel; the caller's predicate from $3. */
  static final String DEFLECTION = """
      INSERT INTO kb_deflection (article_id, channel)
      SELECT a.id, $2 FROM kb_article a WHERE a.id = $1 AND %s
      RETURNING id""";

  static final String DEFLECTION_SUBMITTED = "UPDATE kb_deflection SET submitted = TRUE WHERE id = ANY ($1::uuid[])";

  static final String INSERT_FILE = """
      INSERT INTO kb_attachment AS f (article_id, filename, content_type, content_size, disposition, storage_backend,
                                      storage_path, content, checksum, create_by)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
      RETURNING\s""" + KbFile.COLUMNS;

  /**
   * A file with where its bytes are, if the caller may read its article; a file no article has taken yet only to
   * its uploader. $1 the file, $2 the caller's user id (null for a visitor); the caller's predicate from $3.
   */
  static final String FILE = "SELECT " + KbFile.COLUMNS + """
      , f.storage_backend, f.storage_path, f.content
        FROM kb_attachment f LEFT JOIN kb_article a ON a.id = f.article_id
       WHERE f.id = $1 AND CASE WHEN f.article_id IS NULL THEN f.create_by = $2::uuid ELSE %s END""";

  /** The files listed under an article (its body's images are not listed). */
  static final String LISTED_FILES = "SELECT " + KbFile.COLUMNS
      + " FROM kb_attachment f WHERE f.article_id = $1 AND f.disposition = 'attachment' ORDER BY f.id";

  /** The files a body names: whose article they are on, and who uploaded one no article has taken. */
  static final String NAMED_FILES = """
      SELECT f.id, f.article_id, f.create_by FROM kb_attachment f WHERE f.id = ANY ($1::bigint[])""";

  static final String CLAIM_FILES = """
      UPDATE kb_attachment SET article_id = $1 WHERE id = ANY ($2::bigint[]) AND article_id IS NULL AND create_by = $3""";

  /** Another article's image, which the writer may read, becomes this article's own too: $1 this article, $2 the file, $3 the writer; the predicate from $4. */
  static final String COPY_FILE = """
      INSERT INTO kb_attachment AS f (article_id, filename, content_type, content_size, disposition, storage_backend,
                                      storage_path, content, checksum, create_by)
      SELECT $1, o.filename, o.content_type, o.content_size, o.disposition, o.storage_backend, o.storage_path, o.content,
             o.checksum, $3
        FROM kb_attachment o JOIN kb_article a ON a.id = o.article_id
       WHERE o.id = $2 AND %s
      RETURNING\s""" + KbFile.COLUMNS;

  /** Uploads no article took within a day; their files go to the collector. */
  static final String DROP_UNCLAIMED_FILES = """
      DELETE FROM kb_attachment
       WHERE article_id IS NULL AND create_time < (now() AT TIME ZONE 'UTC') - interval '1 day'
      RETURNING checksum""";

  static final String FILE_CHECKSUMS_OF_ARTICLE = "SELECT DISTINCT checksum FROM kb_attachment WHERE article_id = $1";
}
