package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

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

  private final Pool pool;
  private final Accounts<User> accounts;

  public UserService(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit, SessionCache sessions) {
    this.pool = pool;
    Map<String, Object> unlock = new HashMap<>();
    unlock.put("failed_login_attempts", 0);
    unlock.put("locked_until", null);
    this.accounts = new Accounts<>(vertx, pool, hasher, audit, sessions, new Accounts.Kind<>("users", "user", COLUMNS, EDITABLE,
        "user_id", unlock, UserService::toUser, User::id, UserService::notFound));
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
        .map(rows -> Page.of(Rows.all(rows, UserService::toUser), query.limit(), User::login));
  }

  public Future<User> get(UUID id) {
    return accounts.get(id);
  }

  public Future<User> create(Actor actor, Map<String, Object> columns, String password) {
    return accounts.create(actor, columns, password);
  }

  /** Changes the given columns; a new password also ends the user's other sessions and lifts a lockout. */
  public Future<User> update(Actor actor, UUID id, Map<String, Object> columns, String password) {
    if (isSelf(actor, id) && columns.containsKey("valid_id") && !Integer.valueOf(1).equals(columns.get("valid_id"))) {
      return Future.failedFuture(Problem.invalid("valid_id", "you cannot invalidate your own account"));
    }
    return accounts.update(actor, id, columns, password);
  }

  /**
   * Sets {@code valid_id = 2}. OTRS never deletes agents: tickets, articles and history keep referring to them,
   * so an agent who leaves is made invalid (no login, no permissions) and stays in the record.
   */
  public Future<Void> invalidate(Actor actor, UUID id) {
    if (isSelf(actor, id)) {
      return Future.failedFuture(Problem.conflict("you cannot invalidate your own account"));
    }
    return accounts.invalidate(actor, id);
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
