package org.gotrs.health;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.gotrs.db.Reads;
import org.gotrs.json.Json;

/**
 * {@code GET /health}: 200 once the database answers and the schema is migrated, else 503. Read replicas are listed
 * with their state and lag; one that is down does not make the server unhealthy, since its reads go to the primary.
 */
public final class HealthRoutes {

  private static final long PROBE_TIMEOUT_MS = 2_000;

  private final Pool pool;
  private final Reads reads;
  private final Readiness readiness;

  public HealthRoutes(Pool pool, Reads reads, Readiness readiness) {
    this.pool = pool;
    this.reads = reads;
    this.readiness = readiness;
  }

  public void mount(Router router) {
    router.get("/health").handler(this::health);
  }

  private void health(RoutingContext ctx) {
    probeDatabase().onComplete(probe -> {
      boolean databaseUp = probe.succeeded();
      boolean up = databaseUp && readiness.migrated();
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", up ? "UP" : "DOWN");
      body.put("database", databaseUp ? "UP" : "DOWN");
      body.put("migrations", readiness.migrated() ? "applied" : "pending");
      if (!reads.replicas().isEmpty()) {
        body.put("replicas", reads.replicas());
      }
      ctx.response()
          .setStatusCode(up ? 200 : 503)
          .putHeader("Content-Type", "application/json")
          .putHeader("Cache-Control", "no-store")
          .end(Json.encode(body));
    });
  }

  private Future<Void> probeDatabase() {
    return pool.query("SELECT 1").execute()
        .timeout(PROBE_TIMEOUT_MS, TimeUnit.MILLISECONDS)
        .mapEmpty();
  }
}
