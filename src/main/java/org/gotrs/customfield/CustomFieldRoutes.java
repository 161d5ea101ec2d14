package org.gotrs.customfield;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** {@code /custom-fields}: agents read the definitions (to fill them in), administrators manage them. */
public final class CustomFieldRoutes implements Routes {

  private final CustomFieldService fields;
  private final Permissions permissions;

  public CustomFieldRoutes(CustomFieldService fields, Permissions permissions) {
    this.fields = fields;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/custom-fields").handler(this::list);
    api.post("/custom-fields").handler(permissions::adminOnly).handler(this::create);
    api.get("/custom-fields/:id").handler(this::get);
    api.patch("/custom-fields/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/custom-fields/:id").handler(permissions::adminOnly).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    String objectType = ctx.queryParams().get("object_type");
    if (objectType != null && !CustomFieldValidator.OBJECT_TYPES.contains(objectType)) {
      throw Problem.invalid("object_type", "must be one of ticket, customer, user");
    }
    Replies.ok(ctx, fields.list(objectType).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, fields.get(PathParams.uuid(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    CustomFieldService.Fields definition = CustomFieldService.Fields.read(Input.of(ctx));
    Replies.created(ctx, fields.create(actor, definition));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    var id = PathParams.uuid(ctx, "id");
    Replies.ok(ctx, fields.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, fields.delete(actor, PathParams.uuid(ctx, "id")));
  }
}
