package org.gotrs.auth;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.audit.AuditLog;
import org.gotrs.config.Config;
import org.gotrs.config.RuntimeSettings;
import org.gotrs.http.Problem;
import org.gotrs.http.RateLimiter;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * Login, token refresh and logout for agents and customer users. Passwords are checked on a worker;
 * refresh tokens rotate on every use and a reused one ends its session.
 */
public final class AuthService {

  public record TokenPair(String accessToken, String refreshToken, String tokenType, long expiresIn) {}

  /** An account row as both logins need it. */
  private record Account(Principal.Kind kind, UUID id, String login, String passwordHash, String legacyPw,
                         boolean mfaEnabled, String mfaSecret, boolean locked, boolean admin, String customerId) {}

  /** A successful check: who it is, and the tokens when a session was opened. */
  private record Signed(Principal principal, TokenPair pair) {}

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Vertx vertx;
  private final Pool pool;
  private final TokenService tokens;
  private final PasswordHasher hasher;
  private final Totp totp;
  private final SecretBox secrets;
  private final AuditLog audit;
  private final Config config;
  private final RuntimeSettings settings;
  private final RateLimiter loginRate;
  private final SessionCache sessions;
  private final PasswordDirectory directory;

  public AuthService(Vertx vertx, Pool pool, TokenService tokens, PasswordHasher hasher, Totp totp, SecretBox secrets,
                     AuditLog audit, Config config, RuntimeSettings settings, RateLimiter loginRate,
                     SessionCache sessions, PasswordDirectory directory) {
    this.vertx = vertx;
    this.pool = pool;
    this.tokens = tokens;
    this.hasher = hasher;
    this.totp = totp;
    this.secrets = secrets;
    this.audit = audit;
    this.config = config;
    this.settings = settings;
    this.loginRate = loginRate;
    this.sessions = sessions;
    this.directory = directory;
  }

  public Future<TokenPair> login(Actor actor, Principal.Kind kind, String login, String password, String otp) {
    return authenticate(actor, kind, login, password, otp, true).map(Signed::pair);
  }

  /**
   * Checks a login and password exactly as {@link #login} does (rate limit, lockout, audit, re-hash) but opens no
   * session: OTRS GenericInterface clients may send their credentials with every request. An account with
   * two-factor authentication cannot be used so, as it needs a one-time code.
   */
  public Future<Principal> verify(Actor actor, Principal.Kind kind, String login, String password) {
    return authenticate(actor, kind, login, password, null, false).map(Signed::principal);
  }

  private Future<Signed> authenticate(Actor actor, Principal.Kind kind, String login, String password, String otp,
                                      boolean openSession) {
    checkLoginRate(actor);
    if (PasswordDirectory.ALWAYS_LOCAL.equals(login)) {
      return attempt(actor, kind, login, password, otp, openSession, true);
    }
    return loadAccount(kind, login).compose(local -> {
      if (local != null && local.locked()) {
        return fail(actor, kind, local.id(), login, "account locked", "database", lockedOut());
      }
      return directory.check(actor, kind, login, password).compose(answer -> switch (answer.verdict()) {
        case NOT_HERE -> attempt(actor, kind, login, password, otp, openSession, true);
        case WRONG_PASSWORD -> local != null ? recordFailure(actor, local, "wrong password", answer.source())
            : fail(actor, kind, null, login, "wrong password", answer.source(), wrongCredentials());
        case DISABLED -> fail(actor, kind, local == null ? null : local.id(), login,
            "disabled in " + answer.source(), answer.source(), wrongCredentials());
        case ACCEPTED -> loadAccount(kind, login).compose(synced -> synced == null
            ? fail(actor, kind, null, login, "no valid account after " + answer.source(), answer.source(),
                wrongCredentials())
            : checkOtp(actor, synced, otp, answer.source()).compose(checked -> signInExternally(actor, synced, answer.source(),
                openSession)));
      });
    });
  }

  /**
   * Opens a session for an account an identity provider vouched for ({@code org.gotrs.signin}): the same tokens
   * as a password login, audited with the provider as the source.
   */
  public Future<TokenPair> openExternal(Actor actor, Principal.Kind kind, UUID accountId, String source) {
    return loadAccount(kind, accountId).compose(account -> account == null
        ? fail(actor, kind, accountId, null, "no valid account after " + source, source, wrongCredentials())
        : account.locked() ? fail(actor, kind, accountId, account.login(), "account locked", source, lockedOut())
        : signInExternally(actor, account, source, true)).map(Signed::pair);
  }

  /**
   * Whether an identity provider's sign-in may open a session for the account: not while it is locked after failed
   * logins, and when it has a one-time code only if the provider asserted MFA ({@code mfaAsserted}) in its stead.
   */
  public Future<Void> mayOpenExternal(Principal.Kind kind, UUID accountId, boolean mfaAsserted) {
    return loadAccount(kind, accountId).compose(account -> {
      if (account != null && account.locked()) {
        return Future.failedFuture(lockedOut());
      }
      if (account != null && account.mfaEnabled() && !mfaAsserted) {
        return Future.failedFuture(Problem.forbidden("this account needs a one-time code the provider did not "
            + "stand in for; sign in with the password and the code"));
      }
      return Future.succeededFuture();
    });
  }

  /** The per-address limit of login attempts, for the sign-ins that do not come through {@link #login}. */
  public void checkLoginRate(Actor actor) {
    loginRate.check(actor.ip(), "login attempts from this address");
  }

  private Future<Void> checkOtp(Actor actor, Account account, String otp, String source) {
    if (!account.mfaEnabled()) {
      return Future.succeededFuture();
    }
    if (otp == null || otp.isBlank()) {
      return fail(actor, account.kind(), account.id(), account.login(), "one-time code required", source,
          otpRequired());
    }
    return totp.verify(secrets.open(account.mfaSecret()), otp) ? Future.succeededFuture()
        : recordFailure(actor, account, "wrong one-time code", source);
  }

  private Future<Signed> signInExternally(Actor actor, Account account, String source, boolean openSession) {
    return pool.withTransaction(tx -> {
      String update = account.kind() == Principal.Kind.AGENT
          ? "UPDATE users SET last_login = now(), failed_login_attempts = 0, locked_until = NULL WHERE id = $1"
          : "UPDATE customer_user SET last_login = now() WHERE id = $1";
      return tx.preparedQuery(update).execute(Tuple.of(account.id()))
          .compose(updated -> signIn(tx, actor, account, null, openSession, source));
    });
  }

  /**
   * Checks the password against the account as read, then signs in only if that is still the account's password
   * ({@link #succeed}). If it changed meanwhile, the check runs once more against the new one: a password reset
   * (which ends the account's sessions) then refuses the old password, while a login that merely raced another
   * login's re-hash of the same password goes through.
   */
  private Future<Signed> attempt(Actor actor, Principal.Kind kind, String login, String password, String otp,
                                 boolean openSession, boolean mayRetry) {
    return loadAccount(kind, login).compose(account -> {
      if (account == null) {
        return vertx.executeBlocking(() -> {
          hasher.checkDummy(password);
          return null;
        }).compose(ignored -> fail(actor, kind, null, login, "unknown login", "database", wrongCredentials()));
      }
      if (account.locked()) {
        return fail(actor, kind, account.id(), login, "account locked", "database", lockedOut());
      }
      return vertx.executeBlocking(() -> hasher.check(password, account.passwordHash(), account.legacyPw()))
          .compose(check -> {
            if (!check.matches()) {
              return recordFailure(actor, account, "wrong password", "database");
            }
            return checkOtp(actor, account, otp, "database")
                .compose(checked -> succeed(actor, account, password, check.needsRehash(), openSession))
                .compose(signed -> signed != null ? Future.succeededFuture(signed)
                    : mayRetry ? attempt(actor, kind, login, password, otp, openSession, false)
                    : fail(actor, kind, account.id(), login, "the password changed while it was checked", "database",
                        wrongCredentials()));
          });
    });
  }

  private Future<Account> loadAccount(Principal.Kind kind, String login) {
    return loadAccount(kind, "login = $1", login);
  }

  private Future<Account> loadAccount(Principal.Kind kind, UUID id) {
    return loadAccount(kind, "id = $1", id);
  }

  private Future<Account> loadAccount(Principal.Kind kind, String where, Object key) {
    String sql = kind == Principal.Kind.AGENT
        ? """
          SELECT id, login, password_hash, pw, coalesce(mfa_enabled, false) AS mfa_enabled, mfa_secret,
                 coalesce(locked_until > now(), false) AS locked, is_admin(id) AS admin, NULL::text AS customer_id
            FROM users WHERE""" + " " + where + " AND valid_id = 1"
        : """
          SELECT id, login, password_hash, pw, false AS mfa_enabled, NULL::text AS mfa_secret, false AS locked,
                 false AS admin, customer_id
            FROM customer_user WHERE""" + " " + where + " AND valid_id = 1";
    return pool.preparedQuery(sql).execute(Tuple.of(key)).map(rows -> {
      if (rows.size() == 0) {
        return null;
      }
      Row row = rows.iterator().next();
      return new Account(kind, row.getUUID("id"), row.getString("login"), row.getString("password_hash"),
          row.getString("pw"), row.getBoolean("mfa_enabled"), row.getString("mfa_secret"), row.getBoolean("locked"),
          row.getBoolean("admin"), row.getString("customer_id"));
    });
  }

  /** Counts the failure; the Nth consecutive one locks the agent's account for the configured time. */
  private <T> Future<T> recordFailure(Actor actor, Account account, String reason, String source) {
    if (account.kind() != Principal.Kind.AGENT) {
      return fail(actor, account.kind(), account.id(), account.login(), reason, source, wrongCredentials());
    }
    int lockoutMinutes = settings.integer("auth.lockout_minutes");
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE users
                   SET failed_login_attempts = CASE WHEN coalesce(failed_login_attempts, 0) + 1 >= $2 THEN 0
                                                    ELSE coalesce(failed_login_attempts, 0) + 1 END,
                       locked_until = CASE WHEN coalesce(failed_login_attempts, 0) + 1 >= $2
                                           THEN now() + make_interval(mins => $3) ELSE locked_until END
                 WHERE id = $1
             RETURNING locked_until IS NOT NULL AND locked_until > now() AS locked""")
            .execute(Tuple.of(account.id(), settings.integer("auth.max_failed_logins"), lockoutMinutes))
            .compose(rows -> {
              boolean lockedNow = rows.iterator().next().getBoolean("locked");
              Future<Void> lockAudit = lockedNow
                  ? audit.record(tx, actor, AuditLog.Entry.success("auth.lockout", "user", account.id(), null,
                      Map.of("locked_minutes", lockoutMinutes)))
                  : Future.succeededFuture();
              return lockAudit.compose(ignored -> audit.record(tx, actor,
                  new AuditLog.Entry("auth.login", "user", account.id().toString(), null,
                      Map.of("login", account.login(), "source", source), "failure", reason)));
            }))
        .compose(ignored -> Future.failedFuture(wrongCredentials()));
  }

  /** Audits a refused sign-in with where it was refused ({@code source}: database, ldap:..., oidc:...). */
  private <T> Future<T> fail(Actor actor, Principal.Kind kind, UUID id, String login, String reason, String source,
                             Problem problem) {
    String objectType = kind == Principal.Kind.AGENT ? "user" : "customer_user";
    Map<String, Object> values = Map.of("login", login == null ? "" : truncate(login, 200), "source", source);
    return audit.record(pool, actor, new AuditLog.Entry("auth.login", objectType, id == null ? null : id.toString(),
            null, values, "failure", reason))
        .transform(ignored -> Future.failedFuture(problem));
  }

  /**
   * Records the login and opens the session, if the password checked is still the account's; {@code null} if it
   * changed while it was being checked.
   */
  private Future<Signed> succeed(Actor actor, Account account, String password, boolean rehash, boolean openSession) {
    Future<String> newHash = rehash ? vertx.executeBlocking(() -> hasher.hash(password)) : Future.succeededFuture(null);
    return newHash.compose(hash -> pool.withTransaction(tx -> {
      String table = account.kind() == Principal.Kind.AGENT ? "users" : "customer_user";
      String resetLock = account.kind() == Principal.Kind.AGENT ? ", failed_login_attempts = 0, locked_until = NULL" : "";
      String update = "UPDATE " + table + " SET last_login = now()" + resetLock
          + ", password_hash = coalesce($2, password_hash), pw = CASE WHEN $2::text IS NULL THEN pw ELSE NULL END"
          + " WHERE id = $1 AND password_hash IS NOT DISTINCT FROM $3 AND pw IS NOT DISTINCT FROM $4";
      return tx.preparedQuery(update).execute(Tuple.of(account.id(), hash, account.passwordHash(), account.legacyPw()))
          .compose(updated -> updated.rowCount() == 0 ? Future.succeededFuture((Signed) null)
              : signIn(tx, actor, account, hash, openSession, "database"));
    }));
  }

  private Future<Signed> signIn(SqlClient tx, Actor actor, Account account, String hash, boolean openSession,
                                String source) {
    Future<TokenPair> opened = openSession ? openSession(tx, actor, account.kind(), account.id())
        : Future.succeededFuture();
    return opened.compose(pair -> {
      Principal principal = principalOf(account, pair == null ? null : sessionIdOf(pair.refreshToken()));
      return audit.record(tx, new Actor(principal, actor.ip(), actor.userAgent()),
              AuditLog.Entry.success("auth.login", account.kind() == Principal.Kind.AGENT ? "user" : "customer_user",
                  account.id(), null, Map.of("login", account.login(), "rehashed", hash != null,
                      "session", pair != null, "source", source)))
          .map(new Signed(principal, pair));
    });
  }

  private Future<TokenPair> openSession(SqlClient tx, Actor actor, Principal.Kind kind, UUID accountId) {
    String sessionId = randomToken(24);
    String secret = randomToken(32);
    return tx.preparedQuery("""
            INSERT INTO sessions (id, user_id, customer_user_id, refresh_hash, created_at, expires_at, ip_address, user_agent)
            VALUES ($1, $2, $3, $4, now(), now() + make_interval(secs => $5), $6::text::inet, $7)""")
        .execute(Tuple.from(new Object[] {sessionId,
            kind == Principal.Kind.AGENT ? accountId : null,
            kind == Principal.Kind.CUSTOMER ? accountId : null,
            DigestUtils.sha256Hex(secret), (double) config.jwt().refreshTtlSeconds(), actor.ip(), actor.userAgent()}))
        .map(inserted -> pair(kind, accountId, sessionId, secret));
  }

  /** Exchanges a refresh token for a new pair; the old refresh token stops working. */
  public Future<TokenPair> refresh(Actor actor, String refreshToken) {
    int dot = refreshToken.indexOf('.');
    if (dot <= 0) {
      return Future.failedFuture(Problem.unauthorized("the refresh token is invalid"));
    }
    String sessionId = refreshToken.substring(0, dot);
    String secret = refreshToken.substring(dot + 1);
    return pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT user_id, customer_user_id, refresh_hash FROM sessions
                 WHERE id = $1 AND expires_at > now() FOR UPDATE""")
        .execute(Tuple.of(sessionId))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.unauthorized("the refresh token is invalid, expired or revoked"));
          }
          Row row = rows.iterator().next();
          Principal.Kind kind = row.getUUID("user_id") != null ? Principal.Kind.AGENT : Principal.Kind.CUSTOMER;
          UUID accountId = kind == Principal.Kind.AGENT ? row.getUUID("user_id") : row.getUUID("customer_user_id");
          String stored = row.getString("refresh_hash");
          if (stored == null || !MessageDigest.isEqual(stored.getBytes(), DigestUtils.sha256Hex(secret).getBytes())) {
            // a rotated-out token presented again: someone else may hold it, so the session ends
            return tx.preparedQuery("DELETE FROM sessions WHERE id = $1").execute(Tuple.of(sessionId))
                .compose(deleted -> Future.succeededFuture((TokenPair) null));
          }
          String next = randomToken(32);
          return tx.preparedQuery("""
                  UPDATE sessions SET refresh_hash = $2, expires_at = now() + make_interval(secs => $3) WHERE id = $1""")
              .execute(Tuple.of(sessionId, DigestUtils.sha256Hex(next), (double) config.jwt().refreshTtlSeconds()))
              .compose(updated -> audit.record(tx, actor, AuditLog.Entry.success("auth.refresh",
                  kind == Principal.Kind.AGENT ? "user" : "customer_user", accountId, null, null)))
              .map(ignored -> pair(kind, accountId, sessionId, next));
        }))
        .compose(pair -> {
          if (pair != null) {
            return Future.succeededFuture(pair);
          }
          sessions.forgetAll();
          return Future.failedFuture(Problem.unauthorized("the refresh token was already used; the session has ended"));
        });
  }

  /** Ends the caller's session: its refresh token and its access tokens stop working. */
  public Future<Void> logout(Actor actor) {
    Principal principal = actor.principal();
    if (principal.sessionId() == null) {
      return Future.succeededFuture();
    }
    return pool.withTransaction(tx -> tx.preparedQuery("DELETE FROM sessions WHERE id = $1")
        .execute(Tuple.of(principal.sessionId()))
        .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("auth.logout",
            principal.isAgent() ? "user" : "customer_user", principal.subject(), null, null))))
        .onSuccess(ended -> sessions.forgetAll());
  }

  private TokenPair pair(Principal.Kind kind, UUID accountId, String sessionId, String secret) {
    return new TokenPair(tokens.accessToken(kind, accountId.toString(), sessionId), sessionId + "." + secret,
        "Bearer", tokens.accessTtlSeconds());
  }

  private static Principal principalOf(Account account, String sessionId) {
    return account.kind() == Principal.Kind.AGENT
        ? new Principal(Principal.Kind.AGENT, account.id(), null, null, account.login(), sessionId, null, account.admin(),
            java.util.Set.of())
        : new Principal(Principal.Kind.CUSTOMER, null, account.id(), account.customerId(), account.login(), sessionId, null,
            false, java.util.Set.of());
  }

  private static String sessionIdOf(String refreshToken) {
    return refreshToken.substring(0, refreshToken.indexOf('.'));
  }

  private static Problem otpRequired() {
    return new Problem(401, "Unauthorized", "a one-time code (otp) is required for this account",
        java.util.List.of(new Problem.FieldError("otp", "is required")), null);
  }

  private static Problem lockedOut() {
    return Problem.locked("the account is locked after too many failed logins; try again later");
  }

  private static Problem wrongCredentials() {
    return Problem.unauthorized("the login or password is wrong");
  }

  private static String truncate(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max);
  }

  static String randomToken(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
