package org.gotrs.invitation;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /admin/chat-invitations}: administrators keep the rules that open the chat widget with a greeting. The
 * widget reads the rules it may show with the chat availability ({@code GET /chats/availability}).
 */
public final class ChatInvitationRoutes implements Routes {

  private final ChatInvitations invitations;
  private final Permissions permissions;

  public ChatInvitationRoutes(ChatInvitations invitations, Permissions permissions) {
    this.invitations = invitations;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/admin/chat-invitations").handler(permissions::adminOnly).handler(this::list);
    api.post("/admin/chat-invitations").handler(permissions::adminOnly).handler(this::create);
    api.get("/admin/chat-invitations/:id").handler(permissions::adminOnly).handler(this::get);
    api.put("/admin/chat-invitations/:id").handler(permissions::adminOnly).handler(this::update);
    api.patch("/admin/chat-invitations/:id").handler(permissions::adminOnly).handler(this::update);
    api.delete("/admin/chat-invitations/:id").handler(permissions::adminOnly).handler(this::delete);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, invitations.list().map(items -> Map.of("items", items)));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, invitations.get(id(ctx)));
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    ChatInvitation.Fields fields = ChatInvitation.Fields.read(Input.of(ctx));
    Replies.created(ctx, invitations.create(actor, fields));
  }

  private void update(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    int id = id(ctx);
    Replies.ok(ctx, invitations.update(actor, id, Input.of(ctx).json()));
  }

  private void delete(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.noContent(ctx, invitations.delete(actor, id(ctx)));
  }

  private static int id(RoutingContext ctx) {
    return PathParams.intId(ctx, "id");
  }
}
