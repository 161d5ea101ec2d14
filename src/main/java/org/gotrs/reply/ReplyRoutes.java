package org.gotrs.reply;

import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.article.ArticleDraft;
import org.gotrs.article.ArticleInput;
import org.gotrs.http.Input;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/**
 * {@code POST /tickets/{id}/articles} (notes, replies, forwards), what a reply would be addressed to
 * ({@code /tickets/{id}/reply-defaults}), and the caller's draft at {@code /tickets/{id}/draft}.
 */
public final class ReplyRoutes implements Routes {

  private final ReplyService replies;
  private final Drafts drafts;

  public ReplyRoutes(ReplyService replies, Drafts drafts) {
    this.replies = replies;
    this.drafts = drafts;
  }

  @Override
  public void mount(Router api) {
    api.post("/tickets/:id/articles").handler(this::add);
    api.get("/tickets/:id/reply-defaults").handler(this::defaults);
    api.get("/tickets/:id/draft").handler(this::draft);
    api.put("/tickets/:id/draft").handler(this::saveDraft);
    api.delete("/tickets/:id/draft").handler(this::discardDraft);
  }

  /**
   * A follow-up. An agent's that says nothing of its type or visibility is an internal note, unless it answers or
   * forwards an article: then it is an e-mail.
   */
  private void add(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    Input input = Input.of(ctx);
    Actor actor = Actor.of(ctx);
    Reply reply = ReplyInput.parse(input);
    ArticleDraft draft = ArticleInput.parse(input.json(), actor.principal(), "", input,
        reply.answers() || reply.forwards() ? ArticleInput.Untyped.EMAIL : ArticleInput.Untyped.INTERNAL_NOTE);
    input.validate();
    Replies.created(ctx, replies.add(actor, ticketId, draft, reply));
  }

  /** {@code ?reply_to_article_id=7&reply_all=true} or {@code ?forward_of_article_id=7}: To, Cc, subject, next state. */
  private void defaults(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    MultiMap query = ctx.queryParams();
    Long replyTo = articleId(query, "reply_to_article_id");
    Long forwardOf = articleId(query, "forward_of_article_id");
    if (replyTo != null && forwardOf != null) {
      throw Problem.invalid("forward_of_article_id", "name reply_to_article_id or this, not both");
    }
    Reply reply = new Reply(replyTo, replyTo != null && "true".equals(query.get("reply_all")), forwardOf, null, null,
        true);
    Replies.ok(ctx, replies.defaults(Actor.of(ctx), ticketId, reply));
  }

  private static Long articleId(MultiMap query, String name) {
    String value = query.get(name);
    if (value == null) {
      return null;
    }
    if (!value.matches("[1-9][0-9]{0,17}")) {
      throw Problem.invalid(name, "must be an article id");
    }
    return Long.valueOf(value);
  }

  private void draft(RoutingContext ctx) {
    Replies.ok(ctx, drafts.get(Actor.of(ctx), PathParams.id(ctx, "id")));
  }

  private void saveDraft(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    Actor actor = Actor.of(ctx);
    Replies.ok(ctx, drafts.save(actor, ticketId, () -> DraftInput.parse(Input.of(ctx))));
  }

  private void discardDraft(RoutingContext ctx) {
    Replies.noContent(ctx, drafts.discard(Actor.of(ctx), PathParams.id(ctx, "id")));
  }
}
