package org.gotrs.ticket;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.HashMap;
import java.util.Map;
import org.gotrs.history.TicketHistory;
import org.gotrs.http.ExportFormat;
import org.gotrs.http.FormTrap;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/** {@code /tickets}: create, list and search, read, change, merge, split, history, delete. */
public final class TicketRoutes implements Routes {


  private final TicketService tickets;
  private final TicketList list;
  private final TicketExport export;
  private final TicketMerge merge;
  private final TicketHistory history;

  public TicketRoutes(TicketService tickets, TicketHistory history, java.time.Clock clock) {
    this.tickets = tickets;
    this.history = history;
    this.list = tickets.lister(clock);
    this.export = new TicketExport(tickets.pool(), list);
    this.merge = tickets.merger();
  }

  @Override
  public void mount(Router api) {
    api.post("/tickets").handler(this::create);
    api.get("/tickets").handler(this::list);
    api.get("/tickets/:id").handler(this::get);
    api.patch("/tickets/:id").handler(this::update);
    api.delete("/tickets/:id").handler(this::delete);
    api.post("/tickets/:id/merge").handler(this::merge);
    api.post("/tickets/:id/articles/:article_id/split").handler(this::split);
    api.get("/tickets/:id/history").handler(this::history);
  }

  private void create(RoutingContext ctx) {
    Actor actor = Actor.of(ctx);
    Input input = Input.of(ctx);
    if (actor.principal().isCustomer() && FormTrap.filledByAProgram(input.json())) {
      Replies.json(ctx, 202, Map.of("status", "accepted")); // the portal's form, sent by a program: nothing is opened
      return;
    }
    Replies.created(ctx, tickets.create(actor, TicketInput.newTicket(input, actor.principal())));
  }

  private void list(RoutingContext ctx) {
    TicketQuery query = TicketQuery.parse(ctx.queryParams());
    ExportFormat format = ExportFormat.requested(ctx);
    if (format != null) {
      Principal principal = Principal.of(ctx);
      export.send(ctx, principal, query, format, TicketExport.columns(principal, ctx.queryParams().get("columns")));
      return;
    }
    Replies.ok(ctx, list.list(Principal.of(ctx), query).map(page -> {
      Map<String, Object> body = new HashMap<>();
      body.put("items", page.items());
      body.put("next_cursor", page.nextCursor());
      return body;
    }));
  }

  private void get(RoutingContext ctx) {
    Replies.ok(ctx, tickets.get(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  private void update(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    Replies.ok(ctx, tickets.change(Actor.of(ctx), id, TicketInput.changes(Input.of(ctx))));
  }

  private void delete(RoutingContext ctx) {
    Replies.noContent(ctx, tickets.delete(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  private void merge(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    Input input = Input.of(ctx);
    Long into = input.longValue("into_ticket_id", true);
    input.validate();
    Replies.ok(ctx, merge.merge(Actor.of(ctx), id, into));
  }

  private void split(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    long articleId = PathParams.id(ctx, "article_id");
    Input input = Input.optional(ctx);
    String title = input.string("title", false, 255);
    Integer queueId = input.integer("queue_id", false);
    input.validate();
    Replies.created(ctx, merge.split(Actor.of(ctx), id, articleId, title, queueId));
  }

  private void history(RoutingContext ctx) {
    long id = PathParams.id(ctx, "id");
    Actor actor = Actor.of(ctx);
    if (!actor.principal().isAgent()) {
      throw org.gotrs.http.Problem.forbidden("the history is for agents");
    }
    Replies.ok(ctx, tickets.get(actor, id)
        .compose(visible -> history.list(tickets.pool(), id))
        .map(items -> Map.of("items", items)));
  }
}
