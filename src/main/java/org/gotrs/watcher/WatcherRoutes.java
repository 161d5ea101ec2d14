package org.gotrs.watcher;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/** {@code /tickets/{id}/watchers}: who watches a ticket, and {@code /me} to watch or stop watching it. */
public final class WatcherRoutes implements Routes {

  private final Watchers watchers;

  public WatcherRoutes(Watchers watchers) {
    this.watchers = watchers;
  }

  @Override
  public void mount(Router api) {
    api.get("/tickets/:id/watchers").handler(this::list);
    api.put("/tickets/:id/watchers/me").handler(ctx -> Replies.noContent(ctx,
        watchers.watch(Actor.of(ctx), PathParams.id(ctx, "id"))));
    api.delete("/tickets/:id/watchers/me").handler(ctx -> Replies.noContent(ctx,
        watchers.unwatch(Actor.of(ctx), PathParams.id(ctx, "id"))));
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, watchers.list(Actor.of(ctx), PathParams.id(ctx, "id")).map(items -> Map.of("items", items)));
  }
}
