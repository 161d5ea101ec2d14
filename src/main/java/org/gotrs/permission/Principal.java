package org.gotrs.permission;

import io.vertx.ext.web.RoutingContext;
import java.util.Set;
import java.util.UUID;
import org.gotrs.http.Problem;

/**
 * Who is calling: an agent (a row of {@code users}) or a customer user (a row of {@code customer_user}).
 * Built once per request by {@link Authenticator}; everything that asks "may they?" takes one of these.
 *
 * @param scopes empty = everything the user may do; an API key may narrow it to {@code read}
 */
public record Principal(
    Kind kind,
    UUID userId,
    UUID customerUserId,
    String customerId,
    String login,
    String sessionId,
    UUID apiKeyId,
    boolean admin,
    Set<String> scopes) {

  public enum Kind { AGENT, CUSTOMER }

  private static final String CONTEXT_KEY = "gotrs.principal";

  /** The built-in admin, OTRS's UserID 1 (db/V2): what changes the system makes itself are recorded as, as in OTRS. */
  public static final UUID SYSTEM_USER_ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  /** The system itself (the postmaster, schedulers): never comes from a request and needs no permission checks. */
  public static Principal system() {
    return new Principal(Kind.AGENT, SYSTEM_USER_ID, null, null, "system", null, null, true, Set.of());
  }

  public boolean isAgent() {
    return kind == Kind.AGENT;
  }

  public boolean isCustomer() {
    return kind == Kind.CUSTOMER;
  }

  /** The subject's id as text: the user's for agents, the customer user's for customers. */
  public String subject() {
    return isAgent() ? userId.toString() : customerUserId.toString();
  }

  public boolean readOnly() {
    return scopes.contains("read") && !scopes.contains("write");
  }

  /** Puts the authenticated caller on the request, for {@link #of} (the authenticator does, once). */
  public static void attach(RoutingContext ctx, Principal principal) {
    ctx.put(CONTEXT_KEY, principal);
  }

  /** The caller of a route that also answers anonymous callers; {@code null} for them. */
  public static Principal ofSignedIn(RoutingContext ctx) {
    return ctx.get(CONTEXT_KEY);
  }

  /** The principal the authenticator put on this request; routes behind it always have one. */
  public static Principal of(RoutingContext ctx) {
    Principal principal = ctx.get(CONTEXT_KEY);
    if (principal == null) {
      throw Problem.unauthorized("authentication is required");
    }
    return principal;
  }
}
