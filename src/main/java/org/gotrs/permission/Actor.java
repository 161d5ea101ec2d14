package org.gotrs.permission;

import io.vertx.ext.web.RoutingContext;

/** A principal acting through one request: what the audit trail records beside each change. */
public record Actor(Principal principal, String ip, String userAgent) {

  public static Actor of(RoutingContext ctx) {
    return new Actor(Principal.of(ctx), clientIp(ctx), userAgent(ctx));
  }

  /** The system at work, e.g. {@code system("gotrs-mail")}; the component shows as the audit row's user agent. */
  public static Actor system(String component) {
    return new Actor(Principal.system(), null, component);
  }

  /** For requests with no principal yet (login). */
  public static Actor anonymous(RoutingContext ctx) {
    return new Actor(null, clientIp(ctx), userAgent(ctx));
  }

  public static String clientIp(RoutingContext ctx) {
    var address = ctx.request().remoteAddress();
    return address == null ? null : address.hostAddress();
  }

  private static String userAgent(RoutingContext ctx) {
    String agent = ctx.request().getHeader("User-Agent");
    return agent == null ? null : agent.substring(0, Math.min(agent.length(), 500));
  }
}
