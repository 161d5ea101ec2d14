package org.gotrs.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.mail.MailQueue;
import org.gotrs.permission.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Customers signing themselves up ({@code portal.self_registration}): a sign-up waits, with its password already
 * hashed, until the mailed link confirms the address; the link works once, for a day, and only then does the customer
 * user exist (login = the e-mail address). Whether an address already has an account is never told: its owner gets
 * a mail saying so instead of a link, and the caller is answered the same.
 */
public final class Registrations {

  private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);
  static final Duration TOKEN_LIFETIME = Duration.ofDays(1);

  /** What a visitor gives to sign up. */
  public record SignUp(String email, String firstName, String lastName, String language, String password) {}

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final String portalUrl;

  public Registrations(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit, String publicUrl) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
    this.portalUrl = publicUrl + "/portal/";
  }

  /** Queues the confirmation mail (or, for an address on file, a mail saying so); the caller does not wait for it. */
  public Future<Void> register(Actor actor, SignUp signUp) {
    return vertx.executeBlocking(() -> hasher.hash(signUp.password()))
        .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT EXISTS (SELECT 1 FROM customer_user WHERE lower(email) = lower($1) OR lower(login) = lower($1))""")
            .execute(Tuple.of(signUp.email()))
            .compose(rows -> rows.iterator().next().getBoolean(0) ? known(tx, actor, signUp)
                : pending(tx, actor, signUp, hash))))
        .onFailure(failure -> LOG.warn("sign-up for {} not recorded: {}", signUp.email(), failure.getMessage()));
  }

  private Future<Void> pending(SqlClient tx, Actor actor, SignUp signUp, String hash) {
    String token = PasswordResets.randomToken();
    return tx.preparedQuery("DELETE FROM customer_registration WHERE lower(email) = lower($1)")
        .execute(Tuple.of(signUp.email()))
        .compose(retired -> tx.preparedQuery("""
                INSERT INTO customer_registration (token_hash, email, first_name, last_name, language, password_hash,
                                                   expires_time)
                VALUES ($1, $2, $3, $4, $5, $6, (now() AT TIME ZONE 'UTC') + make_interval(secs => $7))""")
            .execute(Tuple.from(new Object[] {DigestUtils.sha256Hex(token), signUp.email(), signUp.firstName(),
                signUp.lastName(), signUp.language(), hash, (double) TOKEN_LIFETIME.toSeconds()})))
        .compose(inserted -> MailQueue.enqueue(tx, List.of(RegistrationMail.confirm(signUp, portalUrl + "#/verify/"
            + token))))
        .compose(queued -> audit.record(tx, actor, AuditLog.Entry.success("auth.register.request", "customer_user",
            null, null, Map.of("email", signUp.email()))));
  }

  private Future<Void> known(SqlClient tx, Actor actor, SignUp signUp) {
    return MailQueue.enqueue(tx, List.of(RegistrationMail.alreadyRegistered(signUp, portalUrl + "#/forgot")))
        .compose(queued -> audit.record(tx, actor, new AuditLog.Entry("auth.register.request", "customer_user", null,
            null, Map.of("email", signUp.email()), "failure", "an account with this address exists")));
  }

  /**
   * Creates the customer user of a confirmed sign-up and spends its token; 422 for an unknown, used or expired token,
   * 409 when the address got an account meanwhile. Answers the new login.
   */
  public Future<String> confirm(Actor actor, String token) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM customer_registration
                 WHERE token_hash = $1 AND expires_time > (now() AT TIME ZONE 'UTC')
                RETURNING email, first_name, last_name, language, password_hash""")
            .execute(Tuple.of(DigestUtils.sha256Hex(token)))
            .map(rows -> Rows.one(rows, row -> row, () -> Problem.invalid("token",
                "is unknown, already used or expired; sign up again")))
            .compose(row -> tx.preparedQuery("""
                    INSERT INTO customer_user (login, email, first_name, last_name, language, password_hash, valid_id)
                    VALUES ($1, $1, $2, $3, coalesce($4, 'en'), $5, 1) RETURNING id, login""")
                .execute(Tuple.of(row.getString("email").toLowerCase(Locale.ROOT), row.getString("first_name"),
                    row.getString("last_name"), row.getString("language"), row.getString("password_hash")))
                .recover(failure -> Future.failedFuture(failure instanceof PgException pg
                    && "23505".equals(pg.getSqlState()) ? Problem.conflict("an account with this address exists; "
                    + "sign in or reset its password") : failure)))
            .compose(rows -> {
              var created = rows.iterator().next();
              return audit.record(tx, actor, AuditLog.Entry.success("auth.register", "customer_user",
                  created.getUUID("id"), null, Map.of("login", created.getString("login"))))
                  .map(created.getString("login"));
            }));
  }
}
