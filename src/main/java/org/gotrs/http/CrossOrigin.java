package org.gotrs.http;

import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.CorsHandler;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * CORS for the sites listed in {@code http.cors_origins} and no others. A listed site's requests go through
 * Vert.x's CorsHandler (preflight answers, allow headers); every other origin, the server's own pages included,
 * passes untouched and gets no CORS headers, so a browser keeps an unlisted site's page from reading answers.
 */
final class CrossOrigin implements Handler<RoutingContext> {

  private final Set<String> listed;
  private final CorsHandler cors;

  CrossOrigin(List<String> origins) {
    this.listed = origins.stream().map(CrossOrigin::normalise).collect(Collectors.toUnmodifiableSet());
    this.cors = CorsHandler.create()
        .addOrigins(List.copyOf(listed))
        .allowedMethods(Set.of(HttpMethod.GET, HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH, HttpMethod.DELETE))
        .allowedHeaders(Set.of("Authorization", "Content-Type", "X-API-Key", "X-Chat-Token"))
        .exposedHeaders(Set.of("Retry-After", "Location", "Content-Disposition"))
        .maxAgeSeconds(600);
  }

  @Override
  public void handle(RoutingContext ctx) {
    String origin = ctx.request().getHeader("Origin");
    if (origin != null && listed.contains(normalise(origin))) {
      cors.handle(ctx);
    } else {
      ctx.next();
    }
  }

  private static String normalise(String origin) {
    String trimmed = origin.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
