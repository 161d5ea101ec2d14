package org.gotrs.chat;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which web pages may use the chat: the server's own, and the sites listed in {@code chat.allowed_origins}.
 * Browsers always send {@code Origin} on a WebSocket handshake and on cross-site requests; a client without one
 * is not a browser page, and nothing here could stop it anyway.
 */
final class OriginPolicy {

  private final Set<String> listed;

  OriginPolicy(List<String> allowedOrigins) {
    this.listed = allowedOrigins == null ? Set.of()
        : allowedOrigins.stream().map(OriginPolicy::normalise).collect(Collectors.toUnmodifiableSet());
  }

  /** Whether a page of {@code origin} may open a chat on the server the request reached as {@code host}. */
  boolean allows(String origin, String host) {
    return origin == null || isListed(origin) || sameOrigin(origin, host);
  }

  /** Listed sites get CORS headers; the server's own pages need none. */
  boolean isListed(String origin) {
    return origin != null && listed.contains(normalise(origin));
  }

  private static boolean sameOrigin(String origin, String host) {
    if (host == null) {
      return false;
    }
    try {
      URI uri = URI.create(origin.strip());
      String authority = uri.getPort() < 0 ? uri.getHost() : uri.getHost() + ":" + uri.getPort();
      return authority != null && authority.equalsIgnoreCase(host.strip());
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static String normalise(String origin) {
    String trimmed = origin.strip().toLowerCase(Locale.ROOT);
    return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
  }
}
