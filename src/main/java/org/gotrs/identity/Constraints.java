package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import java.util.Map;
import org.gotrs.http.Problem;

/** The constraint violations a request can cause, answered as 409/422 naming the field. */
final class Constraints {

  private static final Map<String, String> UNIQUE = Map.of(
      "users_login_key", "login",
      "users_email_key", "email",
      "customer_user_login_key", "login",
      "customer_user_email_key", "email",
      "customer_company_pkey", "customer_id",
      "groups_name_key", "name",
      "roles_name_key", "name");

  private static final Map<String, String> REFERENCES = Map.of(
      "customer_user_customer_id_fkey", "customer_id",
      "customer_company_parent_id_fkey", "parent_id",
      "fk_customer_company_sla_id", "sla_id",
      "groups_parent_id_fkey", "parent_id");

  private Constraints() {}

  static <T> Future<T> explain(Throwable failure) {
    if (failure instanceof PgException pg && pg.getConstraint() != null) {
      String constraint = pg.getConstraint();
      if ("23505".equals(pg.getSqlState()) && UNIQUE.containsKey(constraint)) {
        return Future.failedFuture(Problem.conflict(UNIQUE.get(constraint) + " is already taken"));
      }
      if ("23503".equals(pg.getSqlState()) && REFERENCES.containsKey(constraint)) {
        return Future.failedFuture(Problem.invalid(REFERENCES.get(constraint), "does not exist"));
      }
    }
    return Future.failedFuture(failure);
  }
}
