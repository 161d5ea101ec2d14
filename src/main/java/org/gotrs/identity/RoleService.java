package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
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

/** Roles: named bundles of group permissions that agents are given as a whole (OTRS's roles). */
public final class RoleService {

  public record Role(int id, String name, String comments, Integer validId, Instant createTime, UUID createBy,
                     Instant changeTime, UUID changeBy) {}

  static final Set<String> EDITABLE = Set.of("name", "comments", "valid_id");

  private static final String COLUMNS = "id, name, comments, valid_id, create_time, create_by, change_time, change_by";

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final SessionCache sessions;

  public RoleService(Pool pool, AuditLog audit, DomainEvents events, SessionCache sessions) {
    this.events = events;
    this.pool = pool;
    this.audit = audit;
    this.sessions = sessions;
  }

  public Future<List<Role>> list(Integer validId) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM roles WHERE ($1::int IS NULL OR valid_id = $1) ORDER BY name")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, RoleService::toRole));
  }

  public Future<Role> get(int id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM roles WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, RoleService::toRole, () -> notFound(id)));
  }

  public Future<Role> create(Actor actor, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    Map<String, Object> row = new LinkedHashMap<>(columns);
    row.put("create_by", actor.principal().userId());
    row.put("change_by", actor.principal().userId());
    return pool.withTransaction(tx -> tx.preparedQuery("INSERT INTO roles (" + String.join(", ", row.keySet())
                + ") VALUES (" + Columns.placeholders(row.size()) + ") RETURNING " + COLUMNS)
            .execute(Tuple.from(new ArrayList<>(row.values())))
            .map(rows -> toRole(rows.iterator().next()))
            .compose(role -> audit.record(tx, actor,
                AuditLog.Entry.success("role.create", "role", role.id(), null, columns)).map(role)))
        .recover(Constraints::explain);
  }

  public Future<Role> update(Actor actor, int id, Map<String, Object> columns) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (columns.isEmpty()) {
      return get(id);
    }
    Map<String, Object> set = new LinkedHashMap<>(columns);
    set.put("change_by", actor.principal().userId());
    List<Object> parameters = new ArrayList<>();
    parameters.add(id);
    parameters.addAll(set.values());
    return pool.withTransaction(tx -> tx.preparedQuery("SELECT " + COLUMNS + " FROM roles WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .map(rows -> Rows.one(rows, row -> row, () -> notFound(id)))
            .compose(old -> tx.preparedQuery("UPDATE roles SET " + Columns.assignments(set.keySet(), 2)
                    + ", change_time = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.from(parameters))
                .map(rows -> toRole(rows.iterator().next()))
                .compose(role -> AdminGuard.actorStaysAdmin(tx, actor)
                    .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("role.update", "role", id,
                        Rows.values(old, columns.keySet()), columns)))
                    .map(role))))
        .onSuccess(changed -> sessions.forgetAll())
        .recover(Constraints::explain);
  }

  /** Sets {@code valid_id = 2}, as OTRS does: an invalid role grants nothing but stays in the record. */
  public Future<Void> invalidate(Actor actor, int id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT id, valid_id FROM roles WHERE id = $1 FOR UPDATE)
                UPDATE roles r SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE r.id = old.id
             RETURNING old.valid_id""")
        .execute(Tuple.of(id, actor.principal().userId()))
        .map(rows -> Rows.one(rows, row -> row.getInteger("valid_id"), () -> notFound(id)))
        .compose(oldValid -> AdminGuard.actorStaysAdmin(tx, actor)
            .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("role.invalidate", "role", id,
                Map.of("valid_id", oldValid == null ? 1 : oldValid), Map.of("valid_id", 2))))
            .compose(audited -> MembershipService.permissionsChanged(events, tx, null))))
        .onSuccess(invalidated -> sessions.forgetAll());
  }

  static Problem notFound(int id) {
    return Problem.notFound("role " + id + " not found");
  }

  private static Role toRole(Row row) {
    return new Role(row.getInteger("id"), row.getString("name"), row.getString("comments"), row.getInteger("valid_id"),
        Rows.instant(row, "create_time"), row.getUUID("create_by"), Rows.instant(row, "change_time"),
        row.getUUID("change_by"));
  }
}
