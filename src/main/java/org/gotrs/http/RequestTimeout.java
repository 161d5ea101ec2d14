package org.gotrs.http;

import io.vertx.core.Handler;
import io.vertx.ext.web.RoutingContext;

/**
 * A client gets a bounded time to send its request body. One that trickles it byte by byte (a slow or
 * hostile client) is answered 408 and disconnected, so the half-sent request can never go on to change
 * anything. Only receiving is timed: once the request is in, the work runs to its own end, because
 * answering "failed" for work that may still commit would be a lie.
 */
final class RequestTimeout implements Handler<RoutingContext> {

  private final long millis;

  RequestTimeout(int seconds) {
    this.millis = seconds * 1_000L;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (millis <= 0 || ctx.request().isEnded()) {
      ctx.next();
      return;
    }
    long timer = ctx.vertx().setTimer(millis, id -> {
      if (!ctx.request().isEnded() && !ctx.response().ended()) {
        ctx.response().putHeader("Connection", "close");
        ctx.addBodyEndHandler(written -> ctx.request().connection().close());
        ctx.fail(new Problem(408, "Request Timeout", "the request was not received in time"));
      }
    });
    ctx.addEndHandler(done -> ctx.vertx().cancelTimer(timer));
    ctx.next();
  }
}
