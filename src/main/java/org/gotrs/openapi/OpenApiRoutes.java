package org.gotrs.openapi;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.http.Routes;

/**
 * {@code GET /openapi.json}, public: the hand-written OpenAPI 3.1 document of this API ({@code openapi.json} on the
 * classpath). It is read once, without blocking an event loop, and every request gets the same bytes; clients
 * revalidate with the ETag.
 */
public final class OpenApiRoutes implements Routes {

  static final String RESOURCE = "openapi.json";

  private final Future<Document> document;

  public OpenApiRoutes(Vertx vertx) {
    this.document = vertx.fileSystem().readFile(RESOURCE).map(Document::new);
  }

  @Override
  public void mount(Router api) {
    api.get("/openapi.json").handler(this::document);
  }

  private void document(RoutingContext ctx) {
    document.onSuccess(loaded -> loaded.send(ctx)).onFailure(ctx::fail);
  }

  private record Document(Buffer bytes, String etag) {

    Document(Buffer bytes) {
      this(bytes, '"' + DigestUtils.sha256Hex(bytes.getBytes()) + '"');
    }

    void send(RoutingContext ctx) {
      ctx.response().putHeader("ETag", etag).putHeader("Cache-Control", "no-cache");
      if (etag.equals(ctx.request().getHeader("If-None-Match"))) {
        ctx.response().setStatusCode(304).end();
        return;
      }
      ctx.response().putHeader("Content-Type", "application/json").end(bytes);
    }
  }
}
