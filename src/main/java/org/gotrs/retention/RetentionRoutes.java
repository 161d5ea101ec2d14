package org.gotrs.retention;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /retention-policies}: administrators only, reading included; {@code POST /{id}/run} runs one now. */
public final class RetentionRoutes implements Routes {

  private final RetentionService policies;
  private final RetentionRunner runner;
  private final Permissions permissions;
  private final Clock clock;

  public RetentionRoutes(RetentionService policies, RetentionRunner runner, Permissions permissions, Clock clock) {
    this.policies = policies;
    this.runner = runner;
    this.permissions = permissions;
    this.clock = clock;
  }

  @Override
  public void mount(Router api) {
    api.get("/retention-policies").handler(permissions::adminOnly).handler(this::list);
    api.post("/retention-policies").handler(permissions::adminOnly).handler(this::create);
    api.get("/retention-policies/:id").handler(permissions::adminOnly).handler(this::get);
    api.patch("/retention-policies/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/retention-policies/:id").handler(permissions::adminOnly).handler(this::delete);
    api.post("/retention-policies/:id/run").handler(permissions::adminOnly).handler(this::run);
    api.post("/retention-policies/:id/dry-run").handler(permissions::adminOnly).handler(this::dryRun);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, policies.list().map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, policies.get(PathParams.uuid(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    RetentionPolicy.Fields fields = RetentionPolicy.Fields.read(Input.of(ctx));
    Replies.created(ctx, policies.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    UUID id = PathParams.uuid(ctx, "id");
    Replies.ok(ctx, policies.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, policies.delete(actor, PathParams.uuid(ctx, "id")));
  }

  private void run(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    UUID id = PathParams.uuid(ctx, "id");
    Replies.ok(ctx, policies.get(id)
        .compose(policy -> runner.apply(policy, actor, clock.instant()))
        .map(RetentionRunner::toJson));
  }

  /** How many rows a run now would change: what an administrator sees before enabling a policy. */
  private void dryRun(RoutingContext ctx) {
    UUID id = PathParams.uuid(ctx, "id");
    Replies.ok(ctx, policies.get(id)
        .compose(policy -> runner.count(policy, clock.instant()))
        .map(RetentionRunner::toJson));
  }
}
