package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Permissions.Predicate;
import org.gotrs.permission.Principal;

/**
 * Knowledge-base articles: written by agents who may write in the category, read by whoever the permission model
 * lets see them. Every write keeps the article as a new numbered version in the same transaction as its audit row.
 */
public final class KbArticles {

  /** One page of articles, newest first; {@code nextCursor} continues below the last one. */
  public record Page(List<KbArticle> items, Long nextCursor) {}

  /** What a list asks for; every filter is optional. */
  public record Filter(Integer categoryId, String state, String language, Long cursor, int limit) {}

  public record VersionSummary(int version, String title, String state, String language, java.time.Instant changeTime,
                               String changedBy) {}

  /** An older version, and how the current article differs from it. */
  public record Version(int version, int categoryId, String language, String title, String body, List<String> keywords,
                        String state, java.time.Instant changeTime, String changedBy, List<VersionDiff.Line> diff) {}

  private final Pool pool;
  private final Permissions permissions;
  private final AuditLog audit;
  private final KbFiles files;

  public KbArticles(Pool pool, Permissions permissions, AuditLog audit, KbFiles files) {
    this.pool = pool;
    this.permissions = permissions;
    this.audit = audit;
    this.files = files;
  }

  public Future<Page> list(Principal principal, Filter filter) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 6);
    List<Object> parameters = new ArrayList<>();
    parameters.add(filter.categoryId());
    parameters.add(filter.state());
    parameters.add(filter.language());
    parameters.add(filter.cursor());
    parameters.add(filter.limit() + 1);
    parameters.addAll(visible.parameters());
    return pool.preparedQuery(KbSql.LIST.formatted(visible.sql())).execute(Tuple.from(parameters)).map(rows -> {
      List<KbArticle> items = new ArrayList<>(Rows.all(rows, row -> KbArticle.of(row, List.of(), List.of())));
      Long next = null;
      if (items.size() > filter.limit()) {
        items = items.subList(0, filter.limit());
        next = items.get(items.size() - 1).id();
      }
      return new Page(List.copyOf(items), next);
    });
  }

  /** The article with its other languages, as the caller may see them; 404 if they may not. */
  public Future<KbArticle> get(Principal principal, long id) {
    return read(pool, principal, id, false);
  }

  public Future<KbArticle> create(Actor actor, KbArticle.Fields fields) {
    Principal principal = actor.principal();
    return pool.withTransaction(tx -> requireWritableCategory(tx, principal, fields.categoryId())
        .compose(writable -> original(tx, principal, fields.translationOf()))
        .compose(original -> tx.preparedQuery(KbSql.INSERT).execute(tuple(fields, original, principal.userId())))
        .map(inserted -> inserted.iterator().next().getLong("id"))
        .compose(id -> adoptImages(tx, principal, id, fields.body().body()).map(id))
        .compose(id -> keepVersion(tx, id)
            .compose(kept -> read(tx, principal, id, false))
            .compose(created -> audit.record(tx, actor, AuditLog.Entry.success("kb.article.create", "kb_article", id,
                null, auditValues(created))).map(created))))
        .recover(Rows.duplicate("the original already has a translation in this language"));
  }

  /** Merges the PATCH over the article; a change of category needs the right to write in both. */
  public Future<KbArticle> update(Actor actor, long id, JsonObject patch) {
    Principal principal = actor.principal();
    return pool.withTransaction(tx -> writable(tx, principal, id).compose(before -> {
      KbArticle.Fields fields = KbArticle.Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return write(tx, actor, before, fields, "kb.article.update");
    })).recover(Rows.duplicate("the original already has a translation in this language"));
  }

  /** Makes an older version the current one again, as a new version: the history is never rewritten. */
  public Future<KbArticle> restore(Actor actor, long id, int version) {
    Principal principal = actor.principal();
    return pool.withTransaction(tx -> writable(tx, principal, id).compose(before -> version(tx, id, version)
        .compose(old -> {
          KbArticle.Fields fields = KbArticle.Fields.read(Input.of(Rows.json(before)
              .put("category_id", old.getInteger("category_id")).put("language", old.getString("language"))
              .put("title", old.getString("title")).put("body", old.getString("body"))
              .put("keywords", new io.vertx.core.json.JsonArray(List.of(old.getArrayOfStrings("keywords"))))
              .put("state", old.getString("state"))));
          return write(tx, actor, before, fields, "kb.article.restore");
        })));
  }

  /** Deletes the article with its files; a file on disk goes once nothing else refers to it. */
  public Future<Void> delete(Actor actor, long id) {
    return pool.withTransaction(tx -> writable(tx, actor.principal(), id)
        .compose(before -> files.checksumsOf(tx, id).compose(checksums -> tx.preparedQuery(KbSql.DELETE)
            .execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("kb.article.delete", "kb_article", id,
                auditValues(before), null)))
            .map(checksums))))
        .compose(files::collect);
  }

  public Future<List<VersionSummary>> versions(Principal principal, long id) {
    return read(pool, principal, id, false).compose(article -> pool.preparedQuery(KbSql.VERSIONS)
        .execute(Tuple.of(id))
        .map(rows -> Rows.all(rows, row -> new VersionSummary(row.getInteger("version"), row.getString("title"),
            row.getString("state"), row.getString("language"), Rows.instant(row, "change_time"),
            row.getString("changed_by")))));
  }

  /** An older version with the line-by-line difference from it to the article as it is now. */
  public Future<Version> version(Principal principal, long id, int version) {
    return read(pool, principal, id, false).compose(current -> version(pool, id, version).map(row -> {
      String[] keywords = row.getArrayOfStrings("keywords");
      return new Version(version, row.getInteger("category_id"), row.getString("language"), row.getString("title"),
          row.getString("body"), keywords == null ? List.of() : List.of(keywords), row.getString("state"),
          Rows.instant(row, "change_time"), row.getString("changed_by"),
          VersionDiff.of(VersionDiff.lines(row.getString("title"), row.getString("body")),
              VersionDiff.lines(current.title(), current.body())));
    }));
  }

  private Future<KbArticle> write(SqlClient tx, Actor actor, KbArticle before, KbArticle.Fields fields, String action) {
    Principal principal = actor.principal();
    Future<Void> categoryChecked = fields.categoryId() == before.categoryId() ? Future.succeededFuture()
        : requireWritableCategory(tx, principal, fields.categoryId());
    return categoryChecked
        .compose(checked -> fields.translationOf() == null ? Future.succeededFuture((Long) null)
            : original(tx, principal, fields.translationOf()))
        .compose(original -> {
          if (original != null && original == before.id()) {
            return Future.failedFuture(Problem.invalid("translation_of", "an article is not a translation of itself"));
          }
          return tx.preparedQuery(KbSql.UPDATE).execute(tuple(fields, original, principal.userId()).addLong(before.id()));
        })
        .compose(updated -> adoptImages(tx, principal, before.id(), fields.body().body()))
        .compose(adopted -> keepVersion(tx, before.id()))
        .compose(kept -> read(tx, principal, before.id(), false))
        .compose(after -> audit.record(tx, actor, AuditLog.Entry.success(action, "kb_article", before.id(),
            auditValues(before), auditValues(after))).map(after));
  }

  /** The article locked for a change: 404 unless the agent may read it, 403 unless they may also write it. */
  private Future<KbArticle> writable(SqlClient tx, Principal principal, long id) {
    permissions.requireAgent(principal);
    return read(tx, principal, id, true).compose(article -> {
      Predicate writable = permissions.kbArticlesWritableBy(principal, "a", 2);
      List<Object> parameters = new ArrayList<>();
      parameters.add(article.categoryId());
      parameters.addAll(writable.parameters());
      return tx.preparedQuery(KbSql.CATEGORY_WRITABLE.formatted(writable.sql())).execute(Tuple.from(parameters))
          .compose(rows -> rows.iterator().next().getBoolean("writable") ? Future.succeededFuture(article)
              : Future.failedFuture(Problem.forbidden("you may not write in this article's category")));
    });
  }

  private Future<Void> requireWritableCategory(SqlClient tx, Principal principal, int categoryId) {
    permissions.requireAgent(principal);
    Predicate writable = permissions.kbArticlesWritableBy(principal, "a", 2);
    List<Object> parameters = new ArrayList<>();
    parameters.add(categoryId);
    parameters.addAll(writable.parameters());
    return tx.preparedQuery(KbSql.CATEGORY_WRITABLE.formatted(writable.sql())).execute(Tuple.from(parameters))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("present")) {
            return Future.failedFuture(Problem.invalid("category_id", "no such category"));
          }
          return row.getBoolean("writable") ? Future.succeededFuture()
              : Future.failedFuture(Problem.forbidden("you may not write in this category"));
        });
  }

  /** The original of the family {@code translationOf} belongs to; 422 if the caller cannot see it. */
  private Future<Long> original(SqlClient tx, Principal principal, Long translationOf) {
    if (translationOf == null) {
      return Future.succeededFuture(null);
    }
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 2);
    List<Object> parameters = new ArrayList<>();
    parameters.add(translationOf);
    parameters.addAll(visible.parameters());
    return tx.preparedQuery(KbSql.ORIGINAL.formatted(visible.sql())).execute(Tuple.from(parameters))
        .compose(rows -> rows.size() == 0
            ? Future.failedFuture(Problem.invalid("translation_of", "no such article"))
            : Future.succeededFuture(rows.iterator().next().getLong("original")));
  }

  private Future<KbArticle> read(SqlClient client, Principal principal, long id, boolean forUpdate) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 2);
    List<Object> parameters = new ArrayList<>();
    parameters.add(id);
    parameters.addAll(visible.parameters());
    String sql = (forUpdate ? KbSql.ARTICLE_FOR_UPDATE : KbSql.ARTICLE).formatted(visible.sql());
    return client.preparedQuery(sql).execute(Tuple.from(parameters)).compose(rows -> {
      if (rows.size() == 0) {
        return Future.failedFuture(Problem.notFound("article " + id + " not found"));
      }
      Row row = rows.iterator().next();
      Long original = row.getLong("translation_of");
      return translations(client, principal, original == null ? id : original, id)
          .compose(translations -> files.listed(client, id)
              .map(attachments -> KbArticle.of(row, translations, attachments)));
    });
  }

  private Future<List<KbArticle.Translation>> translations(SqlClient client, Principal principal, long original,
                                                           long self) {
    Predicate visible = permissions.kbArticlesVisibleTo(principal, "a", 2);
    List<Object> parameters = new ArrayList<>();
    parameters.add(original);
    parameters.addAll(visible.parameters());
    return client.preparedQuery(KbSql.TRANSLATIONS.formatted(visible.sql())).execute(Tuple.from(parameters))
        .map(rows -> Rows.all(rows, row -> new KbArticle.Translation(row.getLong("id"), row.getString("language"),
            row.getString("title"), row.getString("state"))).stream().filter(t -> t.id() != self).toList());
  }

  private static Future<Row> version(SqlClient client, long id, int version) {
    return client.preparedQuery(KbSql.VERSION).execute(Tuple.of(id, version))
        .map(rows -> Rows.one(rows, row -> row, () -> Problem.notFound("article " + id + " has no version " + version)));
  }

  /** Stores the body again if taking its images as the article's files changed it. */
  private Future<Void> adoptImages(SqlClient tx, Principal principal, long id, String body) {
    return files.adopt(tx, principal, id, body).compose(adopted -> adopted.equals(body) ? Future.succeededFuture()
        : tx.preparedQuery(KbSql.SET_BODY).execute(Tuple.of(id, adopted)).mapEmpty());
  }

  private static Future<Void> keepVersion(SqlClient tx, long id) {
    return tx.preparedQuery(KbSql.KEEP_VERSION).execute(Tuple.of(id)).mapEmpty();
  }

  private static Tuple tuple(KbArticle.Fields fields, Long original, UUID by) {
    return Tuple.from(new Object[] {fields.categoryId(), original, fields.language(), fields.title(),
        fields.body().body(), fields.body().plainBody(), fields.keywords().toArray(new String[0]), fields.state(), by});
  }

  private static Map<String, Object> auditValues(KbArticle article) {
    Map<String, Object> values = new java.util.LinkedHashMap<>();
    values.put("category_id", article.categoryId());
    values.put("translation_of", article.translationOf());
    values.put("language", article.language());
    values.put("title", article.title());
    values.put("state", article.state());
    values.put("version", article.version());
    values.put("keywords", article.keywords());
    return values;
  }
}
