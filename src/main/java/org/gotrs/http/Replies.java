package org.gotrs.http;

import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import org.gotrs.json.Json;

/** Writes a handler's result: JSON through the one mapper, or hands a failure to the problem handler. */
public final class Replies {

  private Replies() {}

  public static void ok(RoutingContext ctx, Future<?> result) {
    result.onSuccess(value -> json(ctx, 200, value)).onFailure(ctx::fail);
  }

  public static void created(RoutingContext ctx, Future<?> result) {
    result.onSuccess(value -> json(ctx, 201, value)).onFailure(ctx::fail);
  }

  public static void noContent(RoutingContext ctx, Future<?> result) {
    result.onSuccess(value -> ctx.response().setStatusCode(204).end()).onFailure(ctx::fail);
  }

  public static void json(RoutingContext ctx, int status, Object value) {
    if (ctx.response().ended()) {
      return;
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-store")
        .end(Json.encode(value));
  }
}
