package org.gotrs.bulk;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.util.Map;
import org.gotrs.article.ArticleService;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.TicketService;

/** {@code POST /tickets/bulk}: one change, note or merge for up to 500 tickets, answered ticket by ticket. */
public final class BulkRoutes implements Routes {

  private final BulkActions actions;

  public BulkRoutes(Pool pool, Permissions permissions, TicketService tickets, ArticleService articles) {
    this.actions = new BulkActions(pool, permissions, tickets, articles);
  }

  @Override
  public void mount(Router api) {
    api.post("/tickets/bulk").handler(this::run);
  }

  private void run(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    actions.requireMayRun(actor.principal());
    BulkAction action = BulkInput.read(Input.of(ctx), actor.principal());
    Replies.ok(ctx, actions.run(actor, action).map(results -> Map.of("results", results)));
  }
}
