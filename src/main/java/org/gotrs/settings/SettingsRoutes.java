package org.gotrs.settings;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;

/**
 * {@code /settings}: administrators read the runtime settings and change them,
 * {@code {"auth.lockout_minutes": 30, "portal.customers_may_close": null}} (null: back to the configured value).
 */
public final class SettingsRoutes implements Routes {

  private final SettingsService settings;
  private final Permissions permissions;

  public SettingsRoutes(SettingsService settings, Permissions permissions) {
    this.settings = settings;
    this.permissions = permissions;
  }

  @Override
  public void mount(Router api) {
    api.get("/settings").handler(permissions::adminOnly).handler(this::list);
    api.patch("/settings").handler(permissions::adminOnly).handler(this::change);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, settings.list().map(items -> Map.of("items", items)));
  }

  private void change(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Replies.ok(ctx, settings.change(actor, Input.of(ctx).json()).map(items -> Map.of("items", items)));
  }
}
