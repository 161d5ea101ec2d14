package org.gotrs.article;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/** {@code /tickets/{id}/articles}: list a ticket's articles, mark one read (they are added through the reply routes). */
public final class ArticleRoutes implements Routes {

  private final ArticleService articles;

  public ArticleRoutes(ArticleService articles) {
    this.articles = articles;
  }

  @Override
  public void mount(Router api) {
    api.get("/tickets/:id/articles").handler(this::list);
    api.patch("/tickets/:id/articles/:article_id").handler(this::markRead);
  }

  /** {@code {"read_status": true|false}}. */
  private void markRead(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    long articleId = PathParams.id(ctx, "article_id");
    Actor actor = Actor.of(ctx);
    Replies.ok(ctx, articles.mayMarkRead(actor, ticketId).compose(allowed -> {
      Input input = Input.of(ctx);
      Boolean read = input.bool("read_status", true);
      input.validate();
      return articles.markRead(actor, ticketId, articleId, read);
    }));
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, articles.list(Actor.of(ctx), PathParams.id(ctx, "id")).map(items -> Map.of("items", items)));
  }
}
