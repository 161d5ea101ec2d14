package org.gotrs.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.identity.CustomerUserService;
import org.gotrs.identity.CustomerUserService.CustomerUser;
import org.gotrs.permission.Actor;

/**
 * A signed-in customer's own account: the few fields they keep themselves (name, phone, language) and their password.
 * The writes go through {@link CustomerUserService}, so they are audited like an administrator's, and a new password
 * ends the customer's other sessions while the one they changed it in stays open.
 */
public final class CustomerProfile {

  /** What a customer sees of themselves; the login, e-mail and company are the desk's to change. */
  public record Profile(String login, String email, String customerId, String firstName, String lastName,
                        String phone, String language) {

    static Profile of(CustomerUser user) {
      return new Profile(user.login(), user.email(), user.customerId(), user.firstName(), user.lastName(),
          user.phone(), user.language());
    }
  }

  /** A change to the profile: only the fields given, each already checked at the edge. */
  public record ProfileChange(Map<String, Object> columns) {}

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final CustomerUserService customerUsers;

  public CustomerProfile(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit,
                         CustomerUserService customerUsers) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
    this.customerUsers = customerUsers;
  }

  public Future<Profile> get(Actor actor) {
    return customerUsers.get(customerOf(actor)).map(Profile::of);
  }

  public Future<Profile> update(Actor actor, ProfileChange change) {
    return customerUsers.update(actor, customerOf(actor), change.columns(), null).map(Profile::of);
  }

  /** Sets a new password if {@code current} is the present one (else a 422 on {@code current_password}). */
  public Future<Void> changePassword(Actor actor, String current, String next) {
    UUID id = customerOf(actor);
    return pool.preparedQuery("SELECT password_hash, pw FROM customer_user WHERE id = $1")
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, row -> new String[] {row.getString("password_hash"), row.getString("pw")},
            () -> Problem.notFound("customer user " + id + " not found")))
        .compose(stored -> vertx.executeBlocking(() -> hasher.check(current, stored[0], stored[1]).matches()))
        .compose(matches -> matches ? customerUsers.update(actor, id, Map.of(), next).<Void>mapEmpty()
            : audit.record(pool, actor, AuditLog.Entry.failure("customer_user.password_change", "customer_user", id,
                    "wrong current password"))
                .compose(recorded -> Future.failedFuture(Problem.invalid("current_password", "is wrong"))));
  }

  /** The routes let only customer users through. */
  private static UUID customerOf(Actor actor) {
    return actor.principal().customerUserId();
  }
}
