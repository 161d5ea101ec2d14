package org.gotrs.templates;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * {@code /templates}: agents list, read and render the standard templates, administrators manage them. The
 * composer asks for {@code ?queue_id=Q&template_type=Answer&valid_id=1}.
 */
public final class TemplateRoutes implements Routes {

  private final TemplateService templates;
  private final Permissions permissions;

  public TemplateRoutes(TemplateService templates, Permissions permissions) {
    this.templates = templates;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/templates").handler(this::list);
    api.post("/templates").handler(this::create);
    api.get("/templates/:id").handler(this::get);
    api.patch("/templates/:id").handler(this::update);
    api.delete("/templates/:id").handler(this::delete);
    api.post("/templates/:id/render").handler(this::render);
  }

  private void list(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, templates.list(Validity.filter(ctx), queueFilter(ctx), typeFilter(ctx))
        .map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    agent(ctx);
    Replies.ok(ctx, templates.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = admin(ctx);
    TemplateService.Fields fields = TemplateService.Fields.read(Input.of(ctx));
    Replies.created(ctx, templates.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = admin(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, templates.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = admin(ctx);
    Replies.noContent(ctx, templates.delete(actor, PathParams.intId(ctx, "id")));
  }

  private void render(RoutingContext ctx) {
    Principal principal = agent(ctx);
    int id = PathParams.intId(ctx, "id");
    Input input = Input.of(ctx);
    Long ticketId = input.longValue("ticket_id", true);
    input.validate();
    Replies.ok(ctx, templates.render(principal, id, ticketId));
  }

  private static Integer queueFilter(RoutingContext ctx) {
    String value = ctx.queryParams().get("queue_id");
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Integer.valueOf(value.strip());
    } catch (NumberFormatException e) {
      throw Problem.invalid("queue_id", "must be a queue id");
    }
  }

  private static String typeFilter(RoutingContext ctx) {
    String value = ctx.queryParams().get("template_type");
    if (value == null || value.isBlank()) {
      return null;
    }
    if (!TemplateService.TYPES.contains(value)) {
      throw Problem.invalid("template_type", "must be one of " + String.join(", ", TemplateService.TYPES));
    }
    return value;
  }

  private Principal agent(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    permissions.requireAgent(principal);
    return principal;
  }

  private Actor admin(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    permissions.requireAdmin(actor.principal());
    return actor;
  }
}
