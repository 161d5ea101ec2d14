package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;

/**
 * OTRS's {@code valid_id}: 1 valid, 2 invalid, 3 invalid-temporarily. Only valid entries can be chosen
 * for new tickets (see {@link Lookups}); the others still resolve and list, so history keeps its names.
 * Lookups are referenced by tickets and their history, so they are never deleted: DELETE marks them invalid.
 */
public final class Validity {

  public static final int VALID = 1;
  public static final int INVALID = 2;
  public static final int INVALID_TEMPORARILY = 3;

  private Validity() {}

  /** The {@code ?valid_id=} filter of a list, or null for all entries. */
  public static Integer filter(RoutingContext ctx) {
    List<String> values = ctx.queryParam("valid_id");
    if (values.isEmpty() || values.get(0).isBlank()) {
      return null;
    }
    try {
      int validId = Integer.parseInt(values.get(0).trim());
      if (known(validId)) {
        return validId;
      }
    } catch (NumberFormatException ignored) {
      // answered below like any other unknown value
    }
    throw Problem.invalid("valid_id", "must be 1 (valid), 2 (invalid) or 3 (invalid-temporarily)");
  }

  /** The body's {@code valid_id}; absent or null means valid. */
  public static int read(Input input) {
    Integer validId = input.integer("valid_id", false);
    if (validId == null) {
      return VALID;
    }
    if (!known(validId)) {
      input.error("valid_id", "must be 1 (valid), 2 (invalid) or 3 (invalid-temporarily)");
    }
    return validId;
  }

  /**
   * What DELETE does to a lookup: marks it invalid (2) and answers the previous {@code valid_id}; fails with
   * {@code missing} when there is no such entry. {@code table} comes from code, never from input.
   */
  public static Future<Integer> invalidate(SqlClient client, String table, int id, UUID by,
                                           java.util.function.Supplier<Problem> missing) {
    return client.preparedQuery("""
            UPDATE %1$s t
               SET valid_id = 2, change_by = $2, change_time = (now() AT TIME ZONE 'UTC')
              FROM (SELECT id, valid_id FROM %1$s WHERE id = $1 FOR UPDATE) prior
             WHERE t.id = prior.id
         RETURNING prior.valid_id""".formatted(table))
        .execute(Tuple.of(id, by))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(missing.get())
            : Future.succeededFuture(rows.iterator().next().getInteger("valid_id")));
  }

  private static boolean known(int validId) {
    return validId == VALID || validId == INVALID || validId == INVALID_TEMPORARILY;
  }
}
