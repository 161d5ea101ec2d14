package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
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
import org.gotrs.auth.Actor;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.http.Problem;

/**
 * Agents (table {@code users}) as administrators manage them. Passwords are hashed on a worker and never
 * leave the table: no view carries {@code password_hash}, {@code pw} or {@code mfa_secret}.
 */
public final class UserService {

  public record User(UUID id, String login, String email, String title, String firstName, String lastName,
                     String phone, String mobile, Integer validId, String language, String timezone, String avatarUrl,
                     Boolean mfaEnabled, Instant lastLogin, Instant lockedUntil, Object metadata, Instant createTime,
                     UUID createBy, Instant changeTime, UUID changeBy) {}

  static final Set<String> EDITABLE = Set.of("login", "email", "title", "first_name", "last_name", "phone", "mobile",
      "valid_id", "language", "timezone", "avatar_url", "metadata");

  private static final String COLUMNS = """
      id, login, email, title, first_name, last_name, phone, mobile, valid_id, language, timezone, avatar_url,
      mfa_enabled, last_login, locked_until, metadata, create_time, create_by, change_time, change_by
      """;

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;

  public UserService(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
  }

  public Future<Page<User>> list(ListQuery query) {
    return pool.preparedQuery("SELECT " + COLUMNS + """
            FROM users
             WHERE ($1::text IS NULL OR login > $1)
               AND ($2::text IS NULL OR login ILIKE $2 OR email ILIKE $2
                    OR concat_ws(' ', first_name, last_name) ILIKE $2)
               AND ($3::int IS NULL OR valid_id = $3)
             ORDER BY login
             LIMIT $4""")
        .execute(Tuple.of(query.after(), query.containsPattern(), query.validId(), query.limit() + 1))
        .map(rows -> Page.of(Rows.list(rows, UserService::toUser), query.limit(), User::login));
  }

  public Future<User> get(UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.single(rows, UserService::toUser, () -> notFound(id)));
  }

  public Future<User> create(Actor actor, Map<String, Object> columns, String password) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    return hash(password).compose(hash -> pool.withTransaction(tx -> {
          Map<String, Object> row = new LinkedHashMap<>(columns);
          row.put("password_hash", hash);
          row.put("create_by", actor.principal().userId());
          row.put("change_by", actor.principal().userId());
          return tx.preparedQuery("INSERT INTO users (" + String.join(", ", row.keySet()) + ") VALUES ("
                  + Columns.placeholders(row.size()) + ") RETURNING " + COLUMNS)
              .execute(Tuple.from(new ArrayList<>(row.values())))
              .map(rows -> toUser(rows.iterator().next()))
              .compose(user -> audit.record(tx, actor, AuditLog.Entry.success("user.create", "user", user.id(), null,
                  auditValues(columns, password))).map(user));
        }))
        .recover(Constraints::explain);
  }

  /** Changes the given columns; a new password also ends the user's other sessions and lifts a lockout. */
  public Future<User> update(Actor actor, UUID id, Map<String, Object> columns, String password) {
    Columns.requireKnown(EDITABLE, columns.keySet());
    if (isSelf(actor, id) && columns.containsKey("valid_id") && !Integer.valueOf(1).equals(columns.get("valid_id"))) {
      return Future.failedFuture(Problem.invalid("valid_id", "you cannot invalidate your own account"));
    }
    if (columns.isEmpty() && password == null) {
      return get(id);
    }
    return hash(password).compose(hash -> pool.withTransaction(tx -> tx
            .preparedQuery("SELECT " + COLUMNS + " FROM users WHERE id = $1 FOR UPDATE")
            .execute(Tuple.of(id))
            .map(rows -> Rows.single(rows, row -> row, () -> notFound(id)))
            .compose(old -> {
              Map<String, Object> set = new LinkedHashMap<>(columns);
              if (hash != null) {
                set.put("password_hash", hash);
                set.put("pw", null);
                set.put("failed_login_attempts", 0);
                set.put("locked_until", null);
              }
              set.put("change_by", actor.principal().userId());
              List<Object> parameters = new ArrayList<>();
              parameters.add(id);
              parameters.addAll(set.values());
              return tx.preparedQuery("UPDATE users SET " + Columns.assignments(set.keySet(), 2)
                      + ", change_time = now() AT TIME ZONE 'UTC' WHERE id = $1 RETURNING " + COLUMNS)
                  .execute(Tuple.from(parameters))
                  .map(rows -> toUser(rows.iterator().next()))
                  .compose(user -> (hash == null ? Future.<Void>succeededFuture() : endOtherSessions(tx, actor, id))
                      .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success("user.update", "user", id,
                          Rows.values(old, columns.keySet()), auditValues(columns, password))))
                      .map(user));
            })))
        .recover(Constraints::explain);
  }

  /**
   * Sets {@code valid_id = 2}. OTRS never deletes agents: tickets, articles and history keep referring to them,
   * so an agent who leaves is made invalid (no login, no permissions) and stays in the record.
   */
  public Future<Void> invalidate(Actor actor, UUID id) {
    if (isSelf(actor, id)) {
      return Future.failedFuture(Problem.conflict("you cannot invalidate your own account"));
    }
    return pool.withTransaction(tx -> tx.preparedQuery("""
                WITH old AS (SELECT id, valid_id FROM users WHERE id = $1 FOR UPDATE)
                UPDATE users u SET valid_id = 2, change_time = now() AT TIME ZONE 'UTC', change_by = $2
                  FROM old WHERE u.id = old.id
             RETURNING old.valid_id""")
        .execute(Tuple.of(id, actor.principal().userId()))
        .map(rows -> Rows.single(rows, row -> row.getInteger("valid_id"), () -> notFound(id)))
        .compose(oldValid -> tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1").execute(Tuple.of(id))
            .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success("user.invalidate", "user", id,
                Map.of("valid_id", oldValid == null ? 1 : oldValid), Map.of("valid_id", 2))))));
  }

  private Future<Void> endOtherSessions(SqlClient tx, Actor actor, UUID id) {
    return tx.preparedQuery("DELETE FROM sessions WHERE user_id = $1 AND id IS DISTINCT FROM $2")
        .execute(Tuple.of(id, actor.principal().sessionId()))
        .mapEmpty();
  }

  private Future<String> hash(String password) {
    return password == null ? Future.succeededFuture() : vertx.executeBlocking(() -> hasher.hash(password));
  }

  /** What the audit row says changed: the columns, and only whether a password was set, never the password. */
  static Map<String, Object> auditValues(Map<String, Object> columns, String password) {
    Map<String, Object> values = new LinkedHashMap<>(columns);
    if (password != null) {
      values.put("password_changed", true);
    }
    return values;
  }

  private static boolean isSelf(Actor actor, UUID id) {
    return id.equals(actor.principal().userId());
  }

  static Problem notFound(UUID id) {
    return Problem.notFound("user " + id + " not found");
  }

  private static User toUser(Row row) {
    return new User(row.getUUID("id"), row.getString("login"), row.getString("email"), row.getString("title"),
        row.getString("first_name"), row.getString("last_name"), row.getString("phone"), row.getString("mobile"),
        row.getInteger("valid_id"), row.getString("language"), row.getString("timezone"), row.getString("avatar_url"),
        row.getBoolean("mfa_enabled"), Rows.instant(row, "last_login"), Rows.instant(row, "locked_until"),
        row.getValue("metadata"), Rows.instant(row, "create_time"), row.getUUID("create_by"),
        Rows.instant(row, "change_time"), row.getUUID("change_by"));
  }
}
