package org.gotrs.link;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/**
 * {@code /tickets/{id}/links}: list, add ({@code {"ticket_id" or "ticket_number", "type":"normal"|"parent"|"child"}})
 * and remove links.
 */
public final class LinkRoutes implements Routes {

  private final TicketLinks links;

  public LinkRoutes(TicketLinks links) {
    this.links = links;
  }

  @Override
  public void mount(Router api) {
    api.get("/tickets/:id/links").handler(this::list);
    api.post("/tickets/:id/links").handler(this::add);
    api.delete("/tickets/:id/links/:other_ticket_id").handler(this::remove);
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, links.list(Actor.of(ctx), PathParams.id(ctx, "id")).map(items -> Map.of("items", items)));
  }

  private void add(RoutingContext ctx) {
    Input input = Input.of(ctx);
    String number = input.string("ticket_number", false, 50);
    Long other = input.longValue("ticket_id", number == null);
    if (other != null && number != null) {
      input.error("ticket_number", "name ticket_id or ticket_number, not both");
    }
    String typeName = input.string("type", false, 20);
    LinkType type = typeName == null ? LinkType.NORMAL : LinkType.of(typeName);
    if (typeName != null && type == null) {
      input.error("type", "must be normal, parent or child");
    }
    if (other != null && other < 1) {
      input.error("ticket_id", "must be a ticket id");
    }
    input.validate();
    long id = PathParams.id(ctx, "id");
    Actor actor = Actor.of(ctx);
    Replies.created(ctx, other != null ? links.add(actor, id, other, type)
        : links.ticketByNumber(number).compose(found -> links.add(actor, id, found, type)));
  }

  private void remove(RoutingContext ctx) {
    Replies.noContent(ctx, links.remove(Actor.of(ctx), PathParams.id(ctx, "id"), PathParams.id(ctx, "other_ticket_id")));
  }
}
