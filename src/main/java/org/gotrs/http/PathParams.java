package org.gotrs.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;

/** Path parameters parsed at the edge; a malformed id is a 404 (no such resource), not a 500. */
public final class PathParams {

  private PathParams() {}

  public static UUID uuid(RoutingContext ctx, String name) {
    try {
      return UUID.fromString(ctx.pathParam(name));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw Problem.notFound("no such resource");
    }
  }

  public static long id(RoutingContext ctx, String name) {
    try {
      long id = Long.parseLong(ctx.pathParam(name));
      if (id <= 0) {
        throw Problem.notFound("no such resource");
      }
      return id;
    } catch (NumberFormatException | NullPointerException e) {
      throw Problem.notFound("no such resource");
    }
  }

  public static int intId(RoutingContext ctx, String name) {
    long id = id(ctx, name);
    if (id > Integer.MAX_VALUE) {
      throw Problem.notFound("no such resource");
    }
    return (int) id;
  }
}
