package org.gotrs.drills;

import io.vertx.core.json.JsonObject;

/** Server configurations the drills start with. */
final class Servers {

  private Servers() {}

  /** No rate limits in the way of a load that logs in and calls often from one address. */
  static JsonObject unthrottled() {
    return new JsonObject()
        .put("auth", new JsonObject().put("login_rate_per_minute", 100_000))
        .put("http", new JsonObject().put("rate_limits",
            new JsonObject().put("per_user_per_minute", 0).put("per_address_per_minute", 0)));
  }
}
