package org.gotrs.otrs.connector;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;

/**
 * Agents as OTRS clients know them: by a number ({@code users.number}, db/V55), which for an agent imported from OTRS
 * is its OTRS id. What no agent wrote (a customer, the system) and an unowned ticket show as root, 1, as in OTRS.
 */
final class UserNumbers {

  static final String ROOT_LOGIN = "root@localhost";
  static final int ROOT = 1;

  private UserNumbers() {}

  /** The numbers of the given agents, read in one query. */
  static Future<Map<UUID, Integer>> of(SqlClient client, Collection<UUID> ids) {
    UUID[] wanted = ids.stream().filter(Objects::nonNull).distinct().toArray(UUID[]::new);
    if (wanted.length == 0) {
      return Future.succeededFuture(new HashMap<>());
    }
    return client.preparedQuery("SELECT id, number FROM users WHERE id = ANY ($1)").execute(Tuple.of((Object) wanted))
        .map(rows -> {
          Map<UUID, Integer> numbers = new HashMap<>();
          rows.forEach(row -> numbers.put(row.getUUID("id"), row.getInteger("number")));
          return numbers;
        });
  }

  /** An agent's number as OTRS shows it, root for none. */
  static String shown(Integer number) {
    return String.valueOf(number == null ? ROOT : number);
  }
}
