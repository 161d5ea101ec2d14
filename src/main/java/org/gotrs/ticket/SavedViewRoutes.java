package org.gotrs.ticket;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Principal;

/** {@code /views}: an agent's saved views, their counts and their tickets. */
public final class SavedViewRoutes implements Routes {

  private final SavedViews views;

  public SavedViewRoutes(SavedViews views) {
    this.views = views;
  }

  @Override
  public void mount(Router api) {
    api.get("/views").handler(this::list);
    api.post("/views").handler(this::create);
    api.get("/views/counts").handler(this::counts);
    api.get("/views/:id").handler(this::get);
    api.patch("/views/:id").handler(this::change);
    api.delete("/views/:id").handler(this::delete);
    api.get("/views/:id/tickets").handler(this::tickets);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, views.list(Principal.of(ctx)).map(items -> Map.of("items", items)));
  }

  private void counts(RoutingContext ctx) {
    Replies.ok(ctx, views.counts(Principal.of(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, views.get(Principal.of(ctx), PathParams.id(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Principal agent = agent(ctx);
    Replies.created(ctx, views.create(agent, change(Input.of(ctx), true)).onSuccess(view -> saved(ctx, view)));
  }

  private void change(RoutingContext ctx) {
    Principal agent = agent(ctx);
    long id = PathParams.id(ctx, "id");
    Replies.ok(ctx, views.change(agent, id, change(Input.of(ctx), false)).onSuccess(view -> saved(ctx, view)));
  }

  /** Views are the agents' business: a customer is refused before the body is read. */
  private static Principal agent(RoutingContext ctx) {
    Principal principal = Principal.of(ctx);
    if (!principal.isAgent()) {
      throw org.gotrs.http.Problem.forbidden("views are for agents");
    }
    return principal;
  }

  private void delete(RoutingContext ctx) {
    Replies.noContent(ctx, views.delete(Principal.of(ctx), PathParams.id(ctx, "id"))
        .onSuccess(deleted -> ctx.vertx().eventBus().publish(SavedViews.CHANGED_ADDRESS, null)));
  }

  /** Live counts take the saved view in: its owner's, or everyone's when it is shared to roles. */
  private static void saved(RoutingContext ctx, SavedViews.SavedView view) {
    ctx.vertx().eventBus().publish(SavedViews.CHANGED_ADDRESS,
        view.roleIds().isEmpty() ? Principal.of(ctx).userId().toString() : null);
  }

  private void tickets(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    Replies.ok(ctx, views.tickets(Principal.of(ctx), id, ctx.queryParams()).map(page -> {
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items());
      body.put("next_cursor", page.nextCursor());
      return body;
    }));
  }

  private static SavedViews.ViewChange change(Input input, boolean creating) {
    String name = input.string("name", creating, 200);
    var filters = input.object("filters", creating);
    String sort = input.string("sort", false, 30);
    var columns = input.array("columns", false);
    List<Integer> roleIds = null;
    var roles = input.array("role_ids", false);
    if (roles != null) {
      if (roles.stream().allMatch(Integer.class::isInstance)) {
        roleIds = roles.stream().map(Integer.class::cast).toList();
      } else {
        input.error("role_ids", "must be role ids");
      }
    }
    if (name != null && name.isBlank()) {
      input.error("name", "must not be blank");
    }
    input.validate();
    return new SavedViews.ViewChange(name == null ? null : name.strip(), filters, sort, columns, roleIds);
  }
}
