package org.gotrs.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/** TOTP enrolment for agents: set up a secret, confirm it with a code to switch MFA on, or switch it off. */
public final class MfaService {

  public record Enrolment(String secret, String otpauthUrl) {}

  private final Pool pool;
  private final Totp totp;
  private final SecretBox secrets;
  private final AuditLog audit;

  public MfaService(Pool pool, Totp totp, SecretBox secrets, AuditLog audit) {
    this.pool = pool;
    this.totp = totp;
    this.secrets = secrets;
    this.audit = audit;
  }

  /** A new secret, stored sealed and not yet active; the caller shows it once (or as a QR code). */
  public Future<Enrolment> setUp(Actor actor) {
    Principal principal = agentOnly(actor);
    String secret = Totp.newSecret();
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE users SET mfa_secret = $2, change_time = now(), change_by = $1
                 WHERE id = $1 AND NOT coalesce(mfa_enabled, false)""")
        .execute(Tuple.of(principal.userId(), secrets.seal(secret)))
        .compose(rows -> rows.rowCount() == 0
            ? Future.failedFuture(Problem.conflict("MFA is already enabled; disable it first"))
            : audit.record(tx, actor, AuditLog.Entry.success("auth.mfa_setup", "user", principal.userId(), null, null))))
        .map(ignored -> new Enrolment(secret, Totp.otpauthUrl("GOTRS", principal.login(), secret)));
  }

  public Future<Void> enable(Actor actor, String code) {
    return change(actor, code, true);
  }

  public Future<Void> disable(Actor actor, String code) {
    return change(actor, code, false);
  }

  private Future<Void> change(Actor actor, String code, boolean enable) {
    Principal principal = agentOnly(actor);
    return pool.withTransaction(tx -> tx.preparedQuery(
                "SELECT mfa_secret, coalesce(mfa_enabled, false) AS enabled FROM users WHERE id = $1 FOR UPDATE")
        .execute(Tuple.of(principal.userId()))
        .compose(rows -> {
          var row = rows.iterator().next();
          String secret = secrets.open(row.getString("mfa_secret"));
          if (secret == null) {
            return Future.failedFuture(Problem.conflict("set up MFA first"));
          }
          if (row.getBoolean("enabled") == enable) {
            return Future.failedFuture(Problem.conflict("MFA is already " + (enable ? "enabled" : "disabled")));
          }
          if (!totp.verify(secret, code)) {
            return Future.failedFuture(Problem.invalid("otp", "is not the current code"));
          }
          return tx.preparedQuery("""
                  UPDATE users SET mfa_enabled = $2, mfa_secret = CASE WHEN $2 THEN mfa_secret ELSE NULL END,
                         change_time = now(), change_by = $1
                   WHERE id = $1""")
              .execute(Tuple.of(principal.userId(), enable))
              .compose(updated -> audit.record(tx, actor, AuditLog.Entry.success(
                  enable ? "auth.mfa_enabled" : "auth.mfa_disabled", "user", principal.userId(),
                  Map.of("mfa_enabled", !enable), Map.of("mfa_enabled", enable))));
        }));
  }

  private static Principal agentOnly(Actor actor) {
    if (!actor.principal().isAgent()) {
      throw Problem.forbidden("MFA is for agents");
    }
    return actor.principal();
  }
}
