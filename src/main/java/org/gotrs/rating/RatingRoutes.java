package org.gotrs.rating;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/** {@code /tickets/{id}/rating}: the customer's rating of a closed ticket. */
public final class RatingRoutes implements Routes {

  private final Ratings ratings;

  public RatingRoutes(Ratings ratings) {
    this.ratings = ratings;
  }

  @Override
  public void mount(Router api) {
    api.get("/tickets/:id/rating").handler(ctx -> Replies.ok(ctx,
        ratings.get(Actor.of(ctx), PathParams.id(ctx, "id")).map(Ratings::json)));
    api.post("/tickets/:id/rating").handler(this::rate);
  }

  private void rate(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    Actor actor = Actor.of(ctx);
    Replies.created(ctx, ratings.rate(actor, ticketId, () -> Ratings.Given.read(Input.of(ctx))).map(Ratings::json));
  }
}
