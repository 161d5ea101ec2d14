package org.gotrs.identity;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * Checked inside the transaction of every change to groups, roles and grants: an administrator cannot take
 * away their own administrator rights (and so cannot lock the last administrator out by accident).
 */
final class AdminGuard {

  private AdminGuard() {}

  static Future<Void> actorStaysAdmin(SqlClient tx, Actor actor) {
    return tx.preparedQuery("SELECT is_admin($1) AS admin")
        .execute(Tuple.of(actor.principal().userId()))
        .compose(rows -> rows.iterator().next().getBoolean("admin") ? Future.succeededFuture()
            : Future.failedFuture(Problem.conflict("this change would take away your own administrator rights")));
  }
}
