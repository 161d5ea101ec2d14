package org.gotrs.workflow;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * {@code /workflows}: administrators manage them and read their run history; agents list them, run one on a
 * ticket they may change, and dry-run one on a ticket they may read; administrators also dry-run a workflow not saved
 * yet (the admin form's "try on a ticket"). A run by hand changes the ticket only as far
 * as the agent's own permission keys reach.
 */
public final class WorkflowRoutes implements Routes {

  private static final int DEFAULT_HISTORY = 50;
  private static final int MAX_HISTORY = 500;

  private final WorkflowService workflows;
  private final ManualRuns runs;
  private final Pool pool;
  private final Permissions permissions;

  public WorkflowRoutes(WorkflowService workflows, WorkflowRunner runner, Pool pool, Permissions permissions) {
    this.workflows = workflows;
    this.runs = new ManualRuns(pool, runner);
    this.pool = pool;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/workflows").handler(this::list);
    api.post("/workflows").handler(permissions::adminOnly).handler(this::create);
    api.get("/workflows/:id").handler(this::get);
    api.patch("/workflows/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/workflows/:id").handler(permissions::adminOnly).handler(this::delete);
    api.get("/workflows/:id/history").handler(permissions::adminOnly).handler(this::history);
    api.post("/workflows/:id/run").handler(this::run);
    api.post("/workflows/:id/dry-run").handler(this::dryRun);
    api.post("/workflows/dry-run").handler(permissions::adminOnly).handler(this::dryRunDraft);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    String enabled = ctx.queryParams().get("enabled");
    if (enabled != null && !List.of("true", "false").contains(enabled)) {
      throw Problem.invalid("enabled", "must be true or false");
    }
    String trigger = ctx.queryParams().get("trigger_type");
    if (trigger != null && !List.of("event", "time", "manual").contains(trigger)) {
      throw Problem.invalid("trigger_type", "must be event, time or manual");
    }
    Replies.ok(ctx, workflows.list(enabled == null ? null : Boolean.valueOf(enabled), trigger)
        .map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, workflows.get(PathParams.uuid(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    WorkflowInput fields = workflows.read(Input.of(ctx));
    Replies.created(ctx, workflows.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    UUID id = PathParams.uuid(ctx, "id");
    Replies.ok(ctx, workflows.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, workflows.delete(actor, PathParams.uuid(ctx, "id")));
  }

  private void history(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    int limit = limit(ctx);
    Replies.ok(ctx, workflows.history(id, limit).map(items -> Map.of("items", items)));
  }

  private void run(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    UUID id = PathParams.uuid(ctx, "id");
    long ticketId = ticketId(ctx);
    Replies.ok(ctx, permissions.requireOnTicket(pool, principal, ticketId, "rw")
        .compose(allowed -> workflows.get(id))
        .compose(workflow -> workflow.active() ? runs.run(workflow, ticketId, principal)
            : io.vertx.core.Future.failedFuture(Problem.conflict("workflow " + id + " is disabled"))));
  }

  private void dryRun(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    UUID id = PathParams.uuid(ctx, "id");
    long ticketId = ticketId(ctx);
    Replies.ok(ctx, permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> workflows.get(id))
        .compose(workflow -> runs.dryRun(workflow, ticketId, principal)));
  }

  /** The form's workflow, not saved yet, tried on a ticket: the same checks as saving, then the same dry run. */
  private void dryRunDraft(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    long ticketId = ticketId(ctx);
    WorkflowInput fields = workflows.read(Input.of(ctx));
    Replies.ok(ctx, permissions.requireOnTicket(pool, principal, ticketId, "ro")
        .compose(allowed -> workflows.draft(fields))
        .compose(workflow -> runs.dryRunDraft(workflow, ticketId, principal)));
  }

  private static long ticketId(RoutingContext ctx) {
    Input input = Input.of(ctx);
    Long ticketId = input.longValue("ticket_id", true);
    if (ticketId != null && ticketId <= 0) {
      input.error("ticket_id", "must be a ticket id");
    }
    input.validate();
    return ticketId;
  }

  private static int limit(RoutingContext ctx) {
    String text = ctx.queryParams().get("limit");
    if (text == null) {
      return DEFAULT_HISTORY;
    }
    try {
      int limit = Integer.parseInt(text);
      if (limit >= 1 && limit <= MAX_HISTORY) {
        return limit;
      }
    } catch (NumberFormatException ignored) {
      // answered below
    }
    throw Problem.invalid("limit", "must be between 1 and " + MAX_HISTORY);
  }
}
