package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.events.DomainEvents;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * Groups: what queues belong to and what permission keys are granted on. A group may have a parent; a key on a
 * group also applies to its descendants (see {@code permitted_group_ids}), so the tree must stay a tree.
 */
public final class GroupService {

  public record Group(int id, String name, String comments, Integer validId, Integer parentId, Instant createTime,
                      UUID createBy, Instant changeTime, UUID changeBy) {}

  static final Set<String> EDITABLE = Set.of("name", "comments", "valid_id", "parent_id");

  private static final String COLUMNS = "id, name, comments, valid_id, parent_id, create_time, create_by, change_time, change_by";

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final SessionCache sessions;

  public GroupService(Pool pool, AuditLog audit, DomainEvents events, SessionCache sessions) {
    this.events = events;
    this.pool = pool;
    this.audit = audit;
    this.sessions = sessions;
  }

  public Future<List<Group>> list(Integer validId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM groups WHERE ($1::int IS NULL OR valid_id = $1) ORDER BY name")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, GroupService::toGroup));
  }

  public Future<Group> get(int id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM groups WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, GroupService::toGroup, () -> notFound(id)));
  }

  public Future<Group> create(Actor actor, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    Map<String, Object> row = new LinkedHashMap<>(columns);
    row.put("create_by", actor.principal().userId());
    row.put("change_by", actor.principal().userId());
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO groups (" + String.join(", ", row.keySet())
                + ") VALUES (" + Columns.placeholders(row.size()) + ") RETURNING " + COLUMNS)
            .execute(Tuple.from(new ArrayList<>(row.values())))
            .map(rows -> toGroup(rows.iterator().next()))
            .compose(group -> audit.record(tx, actor,
                AuditLog.Entry.success("group.create", "group", group.id(), null, columns)).map(group)))
        .recover(Constraints::explain);
  }

  public Future<Group> update(Actor actor, int id, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (columns.isEmpty()) {
      return get(id);
    }
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM groups WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .map(rows -> Rows.one(rows, row -> row, () -> notFound(id)))
            .compose(old -> checkParent(tx, id, columns)
                .compose(checked -> {
                  Map<String, Object> set = new LinkedHashMap<>(columns);
                  set.put("change_by", actor.principal().userId());
                  List<Object> parameters = new ArrayList<>();
                  parameters.add(id);
                  parameters.addAll(set.values());
                  return tx.preparedQuery("UPDATE groups SET " + Columns.assignments(set.keySet(), 2)
                          + ", change_time = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING " + COLUMNS)
                      .execute(Tuple.from(parameters));
                })
                .map(rows -> toGroup(rows.iterator().next()))
                .compose(group -> AdminGuard.actorStaysAdmin(tx, actor)
                    .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("group.update", "group", id,
                        Rows.values(old, columns.keySet()), columns)))
                    .map(group))))
        .onSuccess(changed -> sessions.forgetAll())
        .recover(Constraints::explain);
  }

  /**
   * Sets {@code valid_id = 2}; groups are never deleted. Queues, grants and history refer to them, and OTRS only
   * invalidates groups too. An invalid group grants nothing, to anyone, on its queues or its subgroups.
   */
  public Future<Void> invalidate(Actor actor, int id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT id, valid_id FROM groups WHERE id = $1 FOR UPDATE)
                UPDATE groups g SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE g.id = old.id
             RETURNING old.valid_id""")
        .execute(Tuple.of(id, actor.principal().userId()))
        .map(rows -> Rows.one(rows, row -> row.getInteger("valid_id"), () -> notFound(id)))
        .compose(oldValid -> AdminGuard.actorStaysAdmin(tx, actor)
            .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("group.invalidate", "group", id,
                Map.of("valid_id", oldValid == null ? 1 : oldValid), Map.of("valid_id", 2))))
            .compose(audited -> MembershipService.permissionsChanged(events, tx, null))))
        .onSuccess(invalidated -> sessions.forgetAll());
  }

  /**
   * A new parent must exist and must not be the group or one of its descendants. Changes to the tree are
   * serialised (advisory lock) so two concurrent moves cannot together close a cycle.
   */
  private static Future<Void> checkParent(SqlClient tx, int id, Map<String, Object> columns) {
    Object parent = columns.get("parent_id");
    if (parent == null) {
      return Future.succeededFuture();
    }
    if (parent.equals(id)) {
      return Future.failedFuture(Problem.invalid("parent_id", "a group cannot be its own parent"));
    }
    return tx.query("SELECT pg_advisory_xact_lock(hashtext('gotrs.groups.tree'))").execute()
        .compose(locked -> tx.preparedQuery("""
                WITH RECURSIVE ancestors AS (
                    SELECT id, parent_id FROM groups WHERE id = $1
                    UNION
                    SELECT g.id, g.parent_id FROM groups g JOIN ancestors a ON g.id = a.parent_id
                )
                SELECT count(*) > 0 AS parent_exists, coalesce(bool_or(id = $2), false) AS cycle FROM ancestors""")
            .execute(Tuple.of(parent, id)))
        .compose(rows -> {
          Row row = rows.iterator().next();
          if (!row.getBoolean("parent_exists")) {
            return Future.failedFuture(Problem.invalid("parent_id", "does not exist"));
          }
          if (row.getBoolean("cycle")) {
            return Future.failedFuture(Problem.invalid("parent_id", "is a subgroup of this group; that would make a cycle"));
          }
          return Future.succeededFuture();
        });
  }

  static Problem notFound(int id) {
    return Problem.notFound("group " + id + " not found");
  }

  private static Group toGroup(Row row) {
    return new Group(row.getInteger("id"), row.getString("name"), row.getString("comments"), row.getInteger("valid_id"),
        row.getInteger("parent_id"), Rows.instant(row, "create_time"), row.getUUID("create_by"),
        Rows.instant(row, "change_time"), row.getUUID("change_by"));
  }
}
