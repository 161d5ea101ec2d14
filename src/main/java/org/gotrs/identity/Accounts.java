package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * The writes agents ({@code users}) and customer users share: people who sign in with a password. Each write runs
 * in one transaction with its audit row; passwords are hashed on a worker and never stored or audited in clear; a
 * new password ends the account's other sessions, and invalidating it ({@code valid_id = 2}: people are never
 * deleted, tickets keep referring to them) ends them all. This node forgets the sign-ins it kept after each change
 * (the others learn of it from the database, db/V48).
 *
 * @param <T> the account's view
 */
final class Accounts<T> {

  /** Where one kind of account lives and how it reads. */
  record Kind<T>(String table, String audited, String columns, Set<String> editable, String sessionColumn,
                 Map<String, Object> onNewPassword, Function<Row, T> view, Function<T, UUID> idOf,
                 Function<UUID, Problem> missing) {}

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final SessionCache sessions;
  private final Kind<T> kind;

  Accounts(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit, SessionCache sessions, Kind<T> kind) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
    this.sessions = sessions;
    this.kind = kind;
  }

  Future<T> get(UUID id) {
    return pool.preparedQuery("SELECT " + kind.columns() + " FROM " + kind.table() + " WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, kind.view(), () -> kind.missing().apply(id)));
  }

  Future<T> create(Actor actor, Map<String, Object> columns, String password) {
    Columns.requireKnown(kind.editable(), columns.keySet());
    return hash(password).compose(hash -> pool.withTransaction(tx -> {
          Map<String, Object> row = new LinkedHashMap<>(columns);
          row.put("password_hash", hash);
          row.put("create_by", actor.principal().userId());
          row.put("change_by", actor.principal().userId());
          return tx.preparedQuery("INSERT INTO " + kind.table() + " (" + String.join(", ", row.keySet()) + ") VALUES ("
                  + Columns.placeholders(row.size()) + ") RETURNING " + kind.columns())
              .execute(Tuple.from(new ArrayList<>(row.values())))
              .map(rows -> kind.view().apply(rows.iterator().next()))
              .compose(account -> audit.record(tx, actor, AuditLog.Entry.success(kind.audited() + ".create",
                  kind.audited(), kind.idOf().apply(account), null, auditValues(columns, password))).map(account));
        }))
        .recover(Constraints::explain);
  }

  /** Changes the given columns; a new password also sets {@code onNewPassword} and ends the other sessions. */
  Future<T> update(Actor actor, UUID id, Map<String, Object> columns, String password) {
    Columns.requireKnown(kind.editable(), columns.keySet());
    if (columns.isEmpty() && password == null) {
      return get(id);
    }
    return hash(password).compose(hash -> pool.withTransaction(tx -> tx
            .preparedQuery("SELECT " + kind.columns() + " FROM " + kind.table() + " WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .map(rows -> Rows.one(rows, row -> row, () -> kind.missing().apply(id)))
            .compose(old -> {
              Map<String, Object> set = new LinkedHashMap<>(columns);
              if (hash != null) {
                set.put("password_hash", hash);
                set.put("pw", null);
                set.putAll(kind.onNewPassword());
              }
              set.put("change_by", actor.principal().userId());
              List<Object> parameters = new ArrayList<>();
              parameters.add(id);
              parameters.addAll(set.values());
              return tx.preparedQuery("UPDATE " + kind.table() + " SET " + Columns.assignments(set.keySet(), 2)
                      + ", change_time = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING " + kind.columns())
                  .execute(Tuple.from(parameters))
                  .map(rows -> kind.view().apply(rows.iterator().next()))
                  .compose(account -> (hash == null ? Future.<Void>succeededFuture() : endSessions(tx, id, actor))
                      .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success(kind.audited() + ".update",
                          kind.audited(), id, Rows.values(old, columns.keySet()), auditValues(columns, password))))
                      .map(account));
            })))
        .onSuccess(changed -> sessions.forgetAll())
        .recover(Constraints::explain);
  }

  Future<Void> invalidate(Actor actor, UUID id) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT id, valid_id FROM %1$s WHERE id = $1 FOR UPDATE)
                UPDATE %1$s a SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE a.id = old.id
             RETURNING old.valid_id""".formatted(kind.table()))
        .execute(Tuple.of(id, actor.principal().userId()))
        .map(rows -> Rows.one(rows, row -> row.getInteger("valid_id"), () -> kind.missing().apply(id)))
        .compose(oldValid -> endSessions(tx, id, null)
            .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success(kind.audited() + ".invalidate",
                kind.audited(), id, Map.of("valid_id", oldValid == null ? 1 : oldValid), Map.of("valid_id", 2))))))
        .onSuccess(invalidated -> sessions.forgetAll());
  }

  /** Ends the account's sessions, but for the one {@code actor} is signed in with (when it is the account's own). */
  private Future<Void> endSessions(SqlClient tx, UUID id, Actor actor) {
    String keep = actor == null ? null : actor.principal().sessionId();
    return tx.preparedQuery("DELETE FROM sessions WHERE " + kind.sessionColumn() + " = $1 AND id IS DISTINCT FROM $2")
        .execute(Tuple.of(id, keep))
        .mapEmpty();
  }

  private Future<String> hash(String password) {
    return password == null ? Future.succeededFuture() : vertx.executeBlocking(() -> hasher.hash(password));
  }

  /** What the audit row says changed: the columns, and only whether a password was set, never the password. */
  private static Map<String, Object> auditValues(Map<String, Object> columns, String password) {
    Map<String, Object> values = new LinkedHashMap<>(columns);
    if (password != null) {
      values.put("password_changed", true);
    }
    return values;
  }
}
