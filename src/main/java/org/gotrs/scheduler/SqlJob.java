package org.gotrs.scheduler;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import java.time.Instant;
import java.util.List;

/** A job that is one or more SQL statements, run in order (the maintenance functions of the schema). */
public record SqlJob(String name, Pool pool, List<String> statements) implements Job {

  public static SqlJob of(String name, Pool pool, String... statements) {
    return new SqlJob(name, pool, List.of(statements));
  }

  @Override
  public Future<String> run(Instant now) {
    Future<Integer> done = Future.succeededFuture(0);
    for (String statement : statements) {
      done = done.compose(rows -> pool.query(statement).execute().map(result -> rows + result.rowCount()));
    }
    return done.map(rows -> rows + " row(s)");
  }
}
