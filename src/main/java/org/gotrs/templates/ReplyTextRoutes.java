package org.gotrs.templates;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.lookup.Validity;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/** {@code /salutations} or {@code /signatures} (one instance each): agents read them, administrators manage them. */
public final class ReplyTextRoutes implements Routes {

  private final ReplyTextService texts;
  private final Permissions permissions;
  private final String path;

  public ReplyTextRoutes(ReplyTextService texts, Permissions permissions) {
    this.texts = texts;
    this.permissions = permissions;
    this.path = texts.kind() == ReplyTextService.Kind.SALUTATION ? "/salutations" : "/signatures";
  }

  @Override
  public void mount(Router api) {
    api.get(path).handler(this::list);
    api.post(path).handler(this::create);
    api.get(path + "/:id").handler(this::get);
    api.patch(path + "/:id").handler(this::update);
    api.delete(path + "/:id").handler(this::invalidate);
  }

  private void list(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, texts.list(Validity.filter(ctx)).map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    permissions.requireAgent(Principal.of(ctx));
    Replies.ok(ctx, texts.get(PathParams.intId(ctx, "id")));
  }

  private void create(RoutingContext ctx) {
    Actor actor = admin(ctx);
    ReplyTextService.Fields fields = ReplyTextService.Fields.read(Input.of(ctx));
    Replies.created(ctx, texts.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = admin(ctx);
    int id = PathParams.intId(ctx, "id");
    Replies.ok(ctx, texts.update(actor, id, Input.of(ctx).json()));
  }

  private void invalidate(RoutingContext ctx) {
    Actor actor = admin(ctx);
    Replies.noContent(ctx, texts.invalidate(actor, PathParams.intId(ctx, "id")));
  }

  private Actor admin(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    permissions.requireAdmin(actor.principal());
    return actor;
  }
}
