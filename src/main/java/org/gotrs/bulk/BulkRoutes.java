package org.gotrs.bulk;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.gotrs.article.ArticleService;
import org.gotrs.http.Input;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.ticket.MatchingTickets;
import org.gotrs.ticket.TicketService;

/**
 * {@code POST /tickets/bulk}: one change, note or merge for up to 500 tickets, named or found by a list filter (500 a
 * run), answered ticket by ticket.
 */
public final class BulkRoutes implements Routes {

  private final BulkActions actions;
  private final MatchingTickets matching;

  public BulkRoutes(Pool pool, Permissions permissions, TicketService tickets, ArticleService articles, Clock clock) {
    this.actions = new BulkActions(pool, permissions, tickets, articles);
    this.matching = new MatchingTickets(tickets, clock);
  }

  @Override
  public void mount(Router api) {
    api.post("/tickets/bulk").handler(this::run);
  }

  private void run(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    actions.requireMayRun(actor.principal());
    BulkAction action = BulkInput.read(Input.of(ctx), actor.principal());
    if (action.filter() == null) {
      Replies.ok(ctx, actions.run(actor, action).map(results -> Map.of("results", results)));
      return;
    }
    // "all N matching": this run's tickets of the filter, then the cursor of the next run and how many match now
    Replies.ok(ctx, matching.run(actor.principal(), action.filter(), action.cursor(), action.runSize())
        .compose(run -> actions.run(actor, action.on(run.ticketIds())).map(results -> {
          Map<String, Object> body = new HashMap<>();
          body.put("results", results);
          body.put("matched", run.total());
          body.put("next_cursor", run.nextCursor());
          return body;
        })));
  }
}
