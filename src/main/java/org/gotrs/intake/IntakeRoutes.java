package org.gotrs.intake;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.EnumMap;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/** {@code /settings/intake}: agents read where each channel's tickets go, administrators change it. */
public final class IntakeRoutes implements Routes {

  private final IntakeService intake;
  private final Permissions permissions;

  public IntakeRoutes(IntakeService intake, Permissions permissions) {
    this.intake = intake;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/settings/intake").handler(this::read);
    api.patch("/settings/intake").handler(this::change);
  }

  private void read(RoutingContext ctx) {
    permissions.requireAgent(Actor.of(ctx).principal());
    Replies.ok(ctx, intake.settings());
  }

  /** {@code {"portal_queue_id": 5, "chat_queue_id": null, ...}}: a queue id, or null for the default rule. */
  private void change(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    permissions.requireAdmin(actor.principal());
    Input input = Input.of(ctx);
    Map<IntakeChannel, Integer> wanted = new EnumMap<>(IntakeChannel.class);
    for (IntakeChannel channel : IntakeChannel.values()) {
      if (input.has(channel.field())) {
        wanted.put(channel, input.integer(channel.field(), false));
      }
    }
    input.json().fieldNames().stream()
        .filter(name -> wanted.keySet().stream().noneMatch(channel -> channel.field().equals(name)))
        .forEach(name -> input.error(name, "is not an intake setting (portal_queue_id, chat_queue_id, api_queue_id)"));
    if (input.json().isEmpty()) {
      input.error("body", "names no channel");
    }
    input.validate();
    Replies.ok(ctx, intake.change(actor, wanted));
  }
}
