package org.gotrs.kb;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * The category tree. A category's groups limit who reads its internal articles ({@code ro}) and who writes in it
 * ({@code rw}); a category naming no group is open to every agent. Administrators manage the tree.
 */
public final class KbCategories {

  public record Category(int id, Integer parentId, String name, String description, int position, List<Integer> groupIds,
                         long articles, Instant createTime, Instant changeTime) {}

  public record Fields(Integer parentId, String name, String description, int position, List<Integer> groupIds) {

    public static Fields read(Input input) {
      Integer parentId = input.integer("parent_id", false);
      String name = input.string("name", true, 200);
      String description = input.string("description", false, 2_000);
      Integer position = input.integer("position", false);
      List<Integer> groupIds = input.ids("group_ids", "group");
      input.validate();
      return new Fields(parentId, name.strip(), description == null ? "" : description,
          position == null ? 0 : position, groupIds);
    }

  }

  private final Pool pool;
  private final AuditLog audit;

  public KbCategories(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<List<Category>> list() {
    return pool.query(KbSql.CATEGORY_LIST).execute().map(rows -> Rows.all(rows, KbCategories::toCategory));
  }

  public Future<Category> get(int id) {
    return byId(pool, id);
  }

  public Future<Category> create(Actor actor, Fields fields) {
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> requireParent(tx, null, fields.parentId())
        .compose(checked -> requireGroups(tx, fields.groupIds()))
        .compose(checked -> tx.preparedQuery(KbSql.INSERT_CATEGORY)
            .execute(Tuple.of(fields.parentId(), fields.name(), fields.description(), fields.position(), by)))
        .map(inserted -> inserted.iterator().next().getInteger("id"))
        .compose(id -> assignGroups(tx, id, fields.groupIds())
            .compose(assigned -> byId(tx, id))
            .compose(created -> audit.record(tx, actor, AuditLog.Entry.success("kb.category.create", "kb_category",
                id, null, Rows.json(created).getMap())).map(created))))
        .recover(Rows.duplicate("a category named '" + fields.name() + "' already exists there"));
  }

  public Future<Category> update(Actor actor, int id, JsonObject patch) {
    UUID by = actor.principal().userId();
    return pool.withTransaction(tx -> byId(tx, id).compose(before -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return requireParent(tx, id, fields.parentId())
          .compose(checked -> requireGroups(tx, fields.groupIds()))
          .compose(checked -> tx.preparedQuery(KbSql.UPDATE_CATEGORY).execute(Tuple.of(fields.parentId(), fields.name(),
              fields.description(), fields.position(), by, id)))
          .compose(updated -> assignGroups(tx, id, fields.groupIds()))
          .compose(assigned -> byId(tx, id))
          .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("kb.category.update", "kb_category", id,
              Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
    })).recover(Rows.duplicate("another category there has this name"));
  }

  /** Only an empty category goes: its articles and sub-categories would otherwise be lost with it (409). */
  public Future<Void> delete(Actor actor, int id) {
    return pool.withTransaction(tx -> byId(tx, id)
        .compose(before -> tx.preparedQuery(KbSql.DELETE_CATEGORY).execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("kb.category.delete", "kb_category", id,
                Rows.json(before).getMap(), null)))))
        .recover(failure -> failure instanceof PgException pg && "23503".equals(pg.getSqlState())
            ? Future.failedFuture(Problem.conflict("the category still holds articles or categories"))
            : Future.failedFuture(failure));
  }

  private static Future<Void> requireParent(SqlClient tx, Integer self, Integer parentId) {
    if (parentId == null) {
      return Future.succeededFuture();
    }
    Future<Void> present = byId(tx, parentId)
        .<Void>mapEmpty()
        .recover(missing -> Future.failedFuture(Problem.invalid("parent_id", "no such category")));
    if (self == null) {
      return present;
    }
    return present.compose(found -> tx.preparedQuery(KbSql.IS_WITHIN).execute(Tuple.of(self, parentId)))
        .compose(rows -> rows.iterator().next().getBoolean("within")
            ? Future.failedFuture(Problem.invalid("parent_id", "a category cannot move under itself"))
            : Future.succeededFuture());
  }

  private static Future<Void> requireGroups(SqlClient tx, List<Integer> groupIds) {
    if (groupIds.isEmpty()) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery(KbSql.MISSING_GROUPS).execute(Tuple.of((Object) groupIds.toArray(new Integer[0])))
        .compose(rows -> {
          Integer[] missing = rows.iterator().next().getArrayOfIntegers("missing");
          return missing.length == 0 ? Future.succeededFuture() : Future.failedFuture(Problem.invalid("group_ids",
              "no such group: " + String.join(", ", Arrays.stream(missing).map(String::valueOf).toList())));
        });
  }

  private static Future<Void> assignGroups(SqlClient tx, int id, List<Integer> groupIds) {
    Integer[] ids = groupIds.toArray(new Integer[0]);
    return tx.preparedQuery(KbSql.UNASSIGN_GROUPS).execute(Tuple.of(id, (Object) ids))
        .compose(removed -> tx.preparedQuery(KbSql.ASSIGN_GROUPS).execute(Tuple.of(id, (Object) ids)))
        .mapEmpty();
  }

  private static Future<Category> byId(SqlClient client, int id) {
    return client.preparedQuery(KbSql.CATEGORY).execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, KbCategories::toCategory, () -> Problem.notFound("category " + id + " not found")));
  }

  private static Category toCategory(Row row) {
    Integer[] groups = row.getArrayOfIntegers("group_ids");
    return new Category(row.getInteger("id"), row.getInteger("parent_id"), row.getString("name"),
        row.getString("description"), row.getInteger("position"), groups == null ? List.of() : List.of(groups),
        row.getLong("articles"), Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
