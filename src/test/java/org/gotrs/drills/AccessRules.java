package org.gotrs.drills;

import io.vertx.core.http.HttpMethod;
import java.util.List;
import java.util.Set;

/**
 * Who may call what: the expected answer for each kind of caller on each route, where the contract fixes it.
 * ALLOW means the request gets past authorisation (2xx, or a validation answer such as 400, 409 or 422); DENY
 * means 401 (anonymous, exactly), 403 or 404; ANY means the drill only checks the universal rules (no 5xx, no
 * leaked data) because the route's answer depends on its own semantics.
 */
final class AccessRules {

  enum Who { ANONYMOUS, CUSTOMER_A, CUSTOMER_B, AGENT_WITHOUT_GROUP, AGENT_RO, AGENT_RW, ADMIN;

    boolean customer() {
      return this == CUSTOMER_A || this == CUSTOMER_B;
    }
  }

  enum Verdict { ALLOW, DENY, ANY }

  /** Routes anyone may call. */
  static final Set<String> PUBLIC = Set.of("/api/v1/auth/login", "/api/v1/auth/customer/login", "/api/v1/auth/refresh",
      "/api/v1/openapi.json", "/api/v1/chats/availability", "/api/v1/auth/customer/password-reset",
      "/api/v1/auth/customer/password-reset/confirm", "/api/v1/auth/customer/register",
      "/api/v1/auth/customer/register/confirm", "/api/v1/auth/providers",
      "/api/v1/auth/oidc/exchange", "/health", "/metrics", "/ws", "/api/v1/kb/search",
      "/api/v1/kb/suggest", "/api/v1/kb/deflections", "/api/v1/kb/deflections/submitted");

  private static final List<String> ADMIN_RESOURCES = List.of("/api/v1/users", "/api/v1/groups", "/api/v1/roles",
      "/api/v1/customer-companies", "/api/v1/customer-users", "/api/v1/audit-log");
  private static final List<String> LOOKUPS = List.of("/api/v1/queues", "/api/v1/states", "/api/v1/priorities",
      "/api/v1/types", "/api/v1/services", "/api/v1/slas", "/api/v1/custom-fields", "/api/v1/templates",
      "/api/v1/salutations", "/api/v1/signatures", "/api/v1/system-addresses");
  /** Lookups only agents read. */
  private static final List<String> AGENT_LOOKUPS = List.of("/api/v1/templates", "/api/v1/salutations",
      "/api/v1/signatures", "/api/v1/system-addresses");

  private AccessRules() {}

  /** The verdict for a caller on a route whose ticket parameters point at customer A's ticket. */
  static Verdict expected(Who who, RouteCatalog.Endpoint endpoint) {
    String path = endpoint.path();
    HttpMethod method = endpoint.method();
    if (PUBLIC.contains(path) || !path.startsWith("/api/v1/")) {
      return Verdict.ANY; // outside the REST API (e.g. the OTRS GenericInterface) only the universal rules apply
    }
    if (who == Who.ANONYMOUS) {
      return Verdict.DENY;
    }
    if (path.startsWith("/api/v1/admin/sign-in/") || path.equals("/api/v1/users/{id}/sessions/{session_id}")
        || path.equals("/api/v1/scheduler/jobs/{name}/run")) {
      // administrators only; for them the answer depends on the backend, session or job named (the drill names
      // none that exists: 404)
      return who == Who.ADMIN ? Verdict.ANY : Verdict.DENY;
    }
    if (path.equals("/api/v1/admin/chat-invitations/{id}")) {
      // administrators only; for them the answer depends on the rule named (the drill names none that exists: 404)
      return who == Who.ADMIN ? Verdict.ANY : Verdict.DENY;
    }
    if (adminOnly(endpoint)) {
      return who == Who.ADMIN ? Verdict.ALLOW : Verdict.DENY;
    }
    if (path.equals("/api/v1/queues/{id}/agents")) {
      // who may assign tickets in the queue: owner or rw there (the drill's rw agent), or an administrator
      return who == Who.AGENT_RW || who == Who.ADMIN ? Verdict.ALLOW : Verdict.DENY;
    }
    if (path.equals("/api/v1/tickets/bulk")) {
      // any agent may ask; each ticket is checked on its own and answered in the results
      return who.customer() ? Verdict.DENY : Verdict.ALLOW;
    }
    if (path.startsWith("/api/v1/tickets/{id}")) {
      return onTicketA(who, endpoint);
    }
    if (path.equals("/api/v1/tickets")) {
      return method == HttpMethod.GET || who.customer() || who == Who.AGENT_RW || who == Who.ADMIN
          ? Verdict.ALLOW : Verdict.DENY;
    }
    if (path.startsWith("/api/v1/notifications") || path.equals("/api/v1/me/notification-preferences")) {
      // an agent's own; marking one read names it, and anyone else's is a 404 like one that does not exist
      return who.customer() ? Verdict.DENY : path.contains("{id}") ? Verdict.ANY : Verdict.ALLOW;
    }
    if (path.equals("/api/v1/reports/schedules/{id}")) {
      // a stats member's own schedule: the drill names none of the administrator's (404); nobody else may ask
      return who == Who.ADMIN ? Verdict.ANY : Verdict.DENY;
    }
    if (path.startsWith("/api/v1/reports/")) {
      // members of the OTRS group stats (ro), as the administrator is; nobody else
      return who == Who.ADMIN ? Verdict.ALLOW : Verdict.DENY;
    }
    if (path.equals("/api/v1/time-accounting")) {
      // agents, each over the tickets they may read (an agent without a group gets an empty report)
      return who.customer() ? Verdict.DENY : Verdict.ALLOW;
    }
    if (path.startsWith("/api/v1/views")) {
      // an agent's saved views; one named by id may be another agent's (404) or a default (403 to change)
      return who.customer() ? Verdict.DENY : path.contains("{id}") ? Verdict.ANY : Verdict.ALLOW;
    }
    if (path.startsWith("/api/v1/kb/") || path.equals("/api/v1/settings/help-center")) {
      // agents, each over the categories they may read and write in; an article named by id may be out of reach
      return who.customer() ? Verdict.DENY : Verdict.ANY;
    }
    if (path.equals("/api/v1/me/profile") || path.equals("/api/v1/me/password")) {
      return who.customer() ? Verdict.ALLOW : Verdict.DENY; // a customer user's own account
    }
    if (AGENT_LOOKUPS.stream().anyMatch(path::startsWith)) {
      return who.customer() || who == Who.ANONYMOUS ? Verdict.DENY : Verdict.ANY;
    }
    if (path.startsWith("/api/v1/stats") || path.equals("/api/v1/queues") || path.startsWith("/api/v1/api-keys")
        || path.equals("/api/v1/settings/intake")
        || path.startsWith("/api/v1/chats") || path.startsWith("/api/v1/users/{id}/preferences")) {
      return who.customer() ? Verdict.DENY : Verdict.ANY;
    }
    return Verdict.ANY;
  }

  private static boolean adminOnly(RouteCatalog.Endpoint endpoint) {
    String path = endpoint.path();
    if (path.startsWith("/api/v1/users/{id}/preferences")) {
      return false;
    }
    if (path.equals("/api/v1/settings/notifications") || path.startsWith("/api/v1/settings/notification-texts")
        || path.equals("/api/v1/workflows/dry-run") || path.equals("/api/v1/settings")
        || path.startsWith("/api/v1/scheduler/") || path.endsWith("/ticket-count")
        || path.equals("/api/v1/postmaster-filters/test") || path.equals("/api/v1/admin/sign-in")
        || path.equals("/api/v1/admin/chat-invitations")) {
      return true;
    }
    if (ADMIN_RESOURCES.stream().anyMatch(path::startsWith)) {
      return true;
    }
    if (LOOKUPS.stream().anyMatch(path::startsWith) && endpoint.method() != HttpMethod.GET
        && !path.endsWith("/render")) {
      return true;
    }
    if (path.equals("/api/v1/settings/intake") || path.equals("/api/v1/settings/help-center")
        || path.startsWith("/api/v1/kb/categories")) {
      return endpoint.method() != HttpMethod.GET;
    }
    return path.equals("/api/v1/tickets/{id}") && endpoint.method() == HttpMethod.DELETE;
  }

  private static Verdict onTicketA(Who who, RouteCatalog.Endpoint endpoint) {
    String path = endpoint.path();
    boolean read = endpoint.method() == HttpMethod.GET;
    if (who == Who.CUSTOMER_B || who == Who.AGENT_WITHOUT_GROUP) {
      return Verdict.DENY;
    }
    if (path.endsWith("/draft")) {
      // an agent's own draft: 404 until they keep one
      return who.customer() ? Verdict.DENY : Verdict.ANY;
    }
    if (path.endsWith("/history")) {
      return who == Who.CUSTOMER_A ? Verdict.DENY : Verdict.ALLOW;
    }
    if (path.endsWith("/rating")) {
      // the ticket's customer rates it once it is closed; who may read the ticket reads the rating (404: none yet)
      return read ? Verdict.ANY : who == Who.CUSTOMER_A ? Verdict.ANY : Verdict.DENY;
    }
    if (path.endsWith("/reply-defaults")) {
      return who.customer() ? Verdict.DENY : Verdict.ALLOW; // what an agent's reply would get
    }
    if (path.contains("/links") || path.contains("/watchers")) {
      if (who.customer()) {
        return Verdict.DENY; // links and watchers are the agents' business
      }
      if (path.contains("/watchers")) {
        return Verdict.ALLOW; // reading a ticket is enough to watch it
      }
    }
    if (read) {
      return Verdict.ALLOW;
    }
    if (who == Who.AGENT_RO) {
      return Verdict.DENY;
    }
    if (path.endsWith("/merge") || path.endsWith("/split") || endpoint.method() == HttpMethod.DELETE) {
      return Verdict.ANY;
    }
    return who == Who.CUSTOMER_A ? Verdict.ANY : Verdict.ALLOW;
  }

  /** Whether an answer matches the verdict. */
  static boolean matches(Who who, Verdict verdict, int status) {
    return switch (verdict) {
      case ANY -> status < 500;
      case DENY -> who == Who.ANONYMOUS ? status == 401 : status == 401 || status == 403 || status == 404;
      case ALLOW -> status < 500 && status != 401 && status != 403 && status != 404;
    };
  }
}
