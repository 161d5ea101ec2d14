package org.gotrs.attachment;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import java.util.Map;
import org.gotrs.http.PathParams;
import org.gotrs.http.Problem;
import org.gotrs.http.Replies;
import org.gotrs.http.Routes;
import org.gotrs.permission.Actor;

/**
 * {@code /tickets/{id}/articles/{article_id}/attachments}: upload (multipart/form-data, streamed), list,
 * download, delete.
 */
public final class AttachmentRoutes implements Routes {

  private static final String ATTACHMENTS = "/tickets/:id/articles/:article_id/attachments";

  private final AttachmentService attachments;

  public AttachmentRoutes(AttachmentService attachments) {
    this.attachments = attachments;
  }

  @Override
  public void mount(Router api) {
    api.post(ATTACHMENTS).handler(this::upload);
    api.get(ATTACHMENTS).handler(this::list);
    api.get(ATTACHMENTS + "/:attachment_id").handler(this::download);
    api.delete(ATTACHMENTS + "/:attachment_id").handler(this::delete);
  }

  /** The body is still paused here (see HttpVerticle): it flows only once the caller may attach. */
  private void upload(RoutingContext ctx) {
    long ticketId = PathParams.id(ctx, "id");
    long articleId = PathParams.id(ctx, "article_id");
    Actor actor = Actor.of(ctx);
    String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
    if (contentType == null || !contentType.regionMatches(true, 0, "multipart/form-data", 0, 19)) {
      throw Problem.unsupportedMediaType("attachments are uploaded as multipart/form-data");
    }
    Replies.created(ctx, attachments.requireMayAttach(actor, ticketId, articleId)
        .compose(allowed -> attachments.receive(ctx.request()))
        .compose(upload -> attachments.add(actor, ticketId, articleId, upload))
        .map(items -> Map.of("items", items)));
  }

  private void list(RoutingContext ctx) {
    Replies.ok(ctx, attachments.list(Actor.of(ctx), PathParams.id(ctx, "id"), PathParams.id(ctx, "article_id"))
        .map(items -> Map.of("items", items)));
  }

  private void download(RoutingContext ctx) {
    attachments.open(Actor.of(ctx), PathParams.id(ctx, "id"), PathParams.id(ctx, "article_id"),
            PathParams.id(ctx, "attachment_id"))
        .compose(stored -> DownloadHeaders.send(ctx.response(), stored))
        .onFailure(failure -> {
          if (!ctx.response().headWritten()) {
            ctx.response().headers().clear();
          }
          ctx.fail(failure);
        });
  }

  private void delete(RoutingContext ctx) {
    Replies.noContent(ctx, attachments.delete(Actor.of(ctx), PathParams.id(ctx, "id"),
        PathParams.id(ctx, "article_id"), PathParams.id(ctx, "attachment_id")));
  }
}
