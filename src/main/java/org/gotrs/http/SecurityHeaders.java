package org.gotrs.http;

import io.vertx.core.Handler;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;

/**
 * Headers every response carries (API and pages alike): no inline script may run (CSP), no framing by
 * other sites, no MIME sniffing, no referrer leaks to other sites, and HSTS when the request came over TLS.
 */
public final class SecurityHeaders implements Handler<RoutingContext> {

  /** The pages load scripts and styles only from this server, so inline script is forbidden outright. */
  static final String CONTENT_SECURITY_POLICY = String.join("; ",
      "default-src 'self'",
      "script-src 'self'",
      "style-src 'self'",
      "img-src 'self' data: blob: https:",
      "connect-src 'self'",
      "frame-src 'self'",
      "object-src 'none'",
      "base-uri 'none'",
      "form-action 'self'",
      "frame-ancestors 'self'");

  /**
   * Pages whose scripts style elements inline: the chat widget's page (the widget styles itself), the agents'
   * console and the admin pages (the rich-text editor, TinyMCE, styles what it edits). Script stays 'self' only.
   */
  static final String INLINE_STYLE_POLICY =
      CONTENT_SECURITY_POLICY.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

  @Override
  public void handle(RoutingContext ctx) {
    MultiMap headers = ctx.response().headers();
    headers.set("Content-Security-Policy", stylesInline(ctx.normalizedPath()) ? INLINE_STYLE_POLICY
        : CONTENT_SECURITY_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "SAMEORIGIN");
    headers.set("Referrer-Policy", "same-origin");
    headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (ctx.request().isSSL() || "https".equalsIgnoreCase(ctx.request().getHeader("X-Forwarded-Proto"))) {
      headers.set("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    }
    ctx.next();
  }

  private static boolean stylesInline(String path) {
    return path.startsWith("/portal/chat") || path.equals("/") || path.equals("/index.html") || path.startsWith("/admin");
  }
}
