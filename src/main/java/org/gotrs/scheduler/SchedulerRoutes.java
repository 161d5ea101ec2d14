package org.gotrs.scheduler;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /scheduler/jobs}: administrators see the background jobs and run one at once. */
public final class SchedulerRoutes implements Routes {

  private final SchedulerJobs jobs;
  private final AuditLog audit;
  private final io.vertx.sqlclient.Pool pool;
  private final Permissions permissions;

  public SchedulerRoutes(SchedulerJobs jobs, AuditLog audit, io.vertx.sqlclient.Pool pool, Permissions permissions) {
    this.jobs = jobs;
    this.audit = audit;
    this.pool = pool;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/scheduler/jobs").handler(permissions::adminOnly).handler(this::list);
    api.post("/scheduler/jobs/:name/run").handler(permissions::adminOnly).handler(this::run);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, jobs.list().map(items -> Map.of("items", items)));
  }

  private void run(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    String name = ctx.pathParam("name");
    Replies.ok(ctx, jobs.runNow(name).compose(outcome -> audit.record(pool, actor, AuditLog.Entry.success(
        "scheduler.run", "scheduler_job", name, null, outcome.getMap())).map(outcome)));
  }
}
