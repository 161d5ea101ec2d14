package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.events.DomainEvents;
import org.gotrs.events.EventName;
import org.gotrs.events.Topic;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * Who holds which permission keys on which group, the OTRS way: directly ({@code group_user}) or through a role
 * ({@code role_user} + {@code role_group}). Each grant row has {@code permission_value} 1; setting a holder's keys on
 * a group replaces them all, so {@code []} takes every key away.
 */
public final class MembershipService {

  /** The keys a user or role holds on one group, in the order of {@link Permissions#KEYS}. */
  public record Grant(int groupId, String groupName, List<String> permissions) {}

  public record RoleMembership(int roleId, String name, Integer validId) {}

  /** Users and roles hold keys the same way, in tables of the same shape. */
  private enum Holder {
    USER("user", "users", "group_user", "user_id"),
    ROLE("role", "roles", "role_group", "role_id");

    final String objectType;
    final String table;
    final String grants;
    final String column;

    Holder(String objectType, String table, String grants, String column) {
      this.objectType = objectType;
      this.table = table;
      this.grants = grants;
      this.column = column;
    }

    Problem notFound(Object id) {
      return Problem.notFound(objectType + " " + id + " not found");
    }
  }

  private final Pool pool;
  private final AuditLog audit;
  private final DomainEvents events;
  private final SessionCache sessions;

  public MembershipService(Pool pool, AuditLog audit, DomainEvents events, SessionCache sessions) {
    this.events = events;
    this.pool = pool;
    this.audit = audit;
    this.sessions = sessions;
  }

  public Future<List<Grant>> userGroups(UUID userId) {
    return grants(Holder.USER, userId);
  }

  public Future<List<Grant>> roleGroups(int roleId) {
    return grants(Holder.ROLE, roleId);
  }

  public Future<Grant> setUserGroup(Actor actor, UUID userId, int groupId, List<String> keys) {
    return set(actor, Holder.USER, userId, groupId, keys);
  }

  public Future<Grant> setRoleGroup(Actor actor, int roleId, int groupId, List<String> keys) {
    return set(actor, Holder.ROLE, roleId, groupId, keys);
  }

  public Future<List<RoleMembership>> userRoles(UUID userId) {
    return requireExists(pool, Holder.USER.table, userId, Holder.USER.notFound(userId))
        .compose(found -> pool.preparedQuery("""
                SELECT r.id, r.name, r.valid_id
                  FROM role_user ru JOIN roles r ON r.id = ru.role_id
                 WHERE ru.user_id = $1
                 ORDER BY r.name""")
            .execute(Tuple.of(userId)))
        .map(rows -> Rows.all(rows, row -> new RoleMembership(row.getInteger("id"), row.getString("name"),
            row.getInteger("valid_id"))));
  }

  /** Gives the user the role; giving it again changes nothing. */
  public Future<Void> grantRole(Actor actor, UUID userId, int roleId) {
    return pool.withTransaction(tx -> requireUserAndRole(tx, userId, roleId)
        .compose(found -> tx.preparedQuery("""
                INSERT INTO role_user (user_id, role_id, create_by, change_by) VALUES ($1, $2, $3, $3)
                ON CONFLICT (user_id, role_id) DO NOTHING""")
            .execute(Tuple.of(userId, roleId, actor.principal().userId())))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : audit.record(tx, actor, AuditLog.Entry.success("role.grant", "user", userId, null,
                Map.of("role_id", roleId))).compose(audited -> permissionsChanged(tx, userId))))
        .onSuccess(granted -> sessions.forgetAll());
  }

  /** Takes the role away; taking away a role the user does not have changes nothing. */
  public Future<Void> revokeRole(Actor actor, UUID userId, int roleId) {
    return pool.withTransaction(tx -> requireUserAndRole(tx, userId, roleId)
        .compose(found -> tx.preparedQuery("DELETE FROM role_user WHERE user_id = $1 AND role_id = $2")
            .execute(Tuple.of(userId, roleId)))
        .compose(rows -> rows.rowCount() == 0 ? Future.succeededFuture()
            : AdminGuard.actorStaysAdmin(tx, actor)
                .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("role.revoke", "user", userId,
                    Map.of("role_id", roleId), null)))
                .compose(audited -> permissionsChanged(tx, userId))))
        .onSuccess(revoked -> sessions.forgetAll());
  }

  private Future<List<Grant>> grants(Holder holder, Object holderId) {
    return requireExists(pool, holder.table, holderId, holder.notFound(holderId))
        .compose(found -> pool.preparedQuery("SELECT g.id, g.name, array_agg(x.permission_key) AS keys FROM "
                + holder.grants + " x JOIN groups g ON g.id = x.group_id WHERE x." + holder.column
                + " = $1 AND x.permission_value = 1 GROUP BY g.id, g.name ORDER BY g.name")
            .execute(Tuple.of(holderId)))
        .map(rows -> Rows.all(rows, row -> new Grant(row.getInteger("id"), row.getString("name"),
            canonical(Arrays.asList(row.getArrayOfStrings("keys"))))));
  }

  private Future<Grant> set(Actor actor, Holder holder, Object holderId, int groupId, List<String> keys) {
    List<String> permissions = canonical(keys);
    return pool.withTransaction(tx -> requireExists(tx, holder.table, holderId, holder.notFound(holderId))
        .compose(found -> tx.preparedQuery("SELECT name FROM groups WHERE id = $1").execute(Tuple.of(groupId)))
        .map(rows -> Rows.one(rows, row -> row.getString("name"), () -> GroupService.notFound(groupId)))
        .compose(groupName -> tx.preparedQuery("DELETE FROM " + holder.grants + " WHERE " + holder.column
                + " = $1 AND group_id = $2 RETURNING permission_key, permission_value")
            .execute(Tuple.of(holderId, groupId))
            .compose(deleted -> {
              List<String> before = canonical(Rows.all(deleted, row -> row.getInteger("permission_value") == 1
                  ? row.getString("permission_key") : null));
              return tx.preparedQuery("INSERT INTO " + holder.grants + " (" + holder.column
                      + ", group_id, permission_key, permission_value, create_by, change_by)"
                      + " SELECT $1, $2, key, 1, $4, $4 FROM unnest($3::text[]) AS key")
                  .execute(Tuple.of(holderId, groupId, permissions.toArray(new String[0]), actor.principal().userId()))
                  .compose(inserted -> AdminGuard.actorStaysAdmin(tx, actor))
                  .compose(kept -> audit.record(tx, actor, AuditLog.Entry.success("membership.set", holder.objectType,
                      holderId, grantValues(groupId, before), grantValues(groupId, permissions))))
                  .compose(audited -> permissionsChanged(tx, holder == Holder.USER ? holderId : null))
                  .map(new Grant(groupId, groupName, permissions));
            })))
        .onSuccess(set -> sessions.forgetAll());
  }

  /** Live subscriptions are checked again: of one user, or of everyone when a role changed. */
  static Future<Void> permissionsChanged(DomainEvents events, SqlClient tx, Object userId) {
    JsonObject data = userId == null ? new JsonObject() : new JsonObject().put("user_id", userId.toString());
    return events.record(tx, EventName.PERMISSIONS_CHANGED, List.of(Topic.SYSTEM), data).mapEmpty();
  }

  private Future<Void> permissionsChanged(SqlClient tx, Object userId) {
    return permissionsChanged(events, tx, userId);
  }

  private static Future<Void> requireUserAndRole(SqlClient client, UUID userId, int roleId) {
    return requireExists(client, Holder.USER.table, userId, Holder.USER.notFound(userId))
        .compose(found -> requireExists(client, Holder.ROLE.table, roleId, Holder.ROLE.notFound(roleId)));
  }

  private static Future<Void> requireExists(SqlClient client, String table, Object id, Problem missing) {
    return client.preparedQuery("SELECT 1 FROM " + table + " WHERE id = $1").execute(Tuple.of(id))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(missing) : Future.succeededFuture());
  }

  /** The keys without repeats, in the order of {@link Permissions#KEYS}. */
  private static List<String> canonical(List<String> keys) {
    return Permissions.KEYS.stream().filter(keys::contains).toList();
  }

  private static Map<String, Object> grantValues(int groupId, List<String> permissions) {
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("group_id", groupId);
    values.put("permissions", permissions);
    return values;
  }
}
