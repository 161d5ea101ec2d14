package org.gotrs.auth;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.ext.web.RoutingContext;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Reads;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the caller's {@link Principal} on every API request: a bearer access token whose session is still
 * open (as the database or, for a session this node recently found open, {@link SessionCache} says), or an
 * {@code X-API-Key}. Every route is protected unless listed in {@link #PUBLIC_PATHS}; the routes in
 * {@link #SIGN_IN_OPTIONAL_PATHS} answer anyone, and answer more to a caller who signs in.
 */
public final class Authenticator implements Handler<RoutingContext> {

  private static final Logger LOG = LoggerFactory.getLogger(Authenticator.class);
  private static final Set<String> PUBLIC_PATHS = Set.of(
      "/api/v1/auth/login", "/api/v1/auth/customer/login", "/api/v1/auth/refresh", "/api/v1/openapi.json",
      "/api/v1/chats/availability", "/api/v1/auth/customer/password-reset",
      "/api/v1/auth/customer/password-reset/confirm", "/api/v1/auth/customer/register",
      "/api/v1/auth/customer/register/confirm", "/api/v1/auth/providers", "/api/v1/auth/oidc/exchange");
  /** The knowledge base's public answers: public articles for anyone, internal ones too for agents. */
  private static final Set<String> SIGN_IN_OPTIONAL_PATHS = Set.of(
      "/api/v1/kb/search", "/api/v1/kb/suggest", "/api/v1/kb/deflections", "/api/v1/kb/deflections/submitted");
  /** A chat's files, which the visitor sends and fetches with the chat's token (the chat routes check it). */
  private static final Pattern CHAT_FILES = Pattern.compile("/api/v1/chats/\\d{1,18}/files(/\\d{1,18})?");

  private final Pool pool;
  private final Reads reads;
  private final TokenService tokens;
  private final AuditLog audit;
  private final CallerLimits limits;
  private final SessionCache sessions;

  /** @param reads told of each caller's answered writes, so that the caller's next reads see them */
  public Authenticator(Pool pool, Reads reads, TokenService tokens, AuditLog audit, CallerLimits limits,
                       SessionCache sessions) {
    this.pool = pool;
    this.reads = reads;
    this.tokens = tokens;
    this.audit = audit;
    this.limits = limits;
    this.sessions = sessions;
  }

  @Override
  public void handle(RoutingContext ctx) {
    if (PUBLIC_PATHS.contains(ctx.normalizedPath()) || isChatVisitor(ctx)
        || SIGN_IN_OPTIONAL_PATHS.contains(ctx.normalizedPath()) && !presentsCredentials(ctx)) {
      Problem overLimit = limits.anonymous(Actor.clientIp(ctx));
      if (overLimit != null) {
        ctx.fail(overLimit);
      } else {
        ctx.next();
      }
      return;
    }
    authenticate(ctx)
        .onSuccess(principal -> {
          if (principal.readOnly() && !isRead(ctx.request().method())) {
            ctx.fail(Problem.forbidden("this API key is read-only"));
            return;
          }
          Problem overLimit = limits.signedIn(principal);
          if (overLimit != null) {
            ctx.fail(overLimit);
            return;
          }
          Principal.attach(ctx, principal);
          if (!isRead(ctx.request().method())) {
            // the write committed before its answer's headers go out; the caller may read next on another replica
            ctx.addHeadersEndHandler(ended -> {
              if (ctx.response().getStatusCode() < 400) {
                reads.wrote(principal.subject());
              }
            });
          }
          ctx.next();
        })
        .onFailure(failure -> {
          Problem overLimit = failure instanceof Problem problem && problem.status() == 401
              ? limits.anonymous(Actor.clientIp(ctx)) : null;
          ctx.fail(overLimit != null ? overLimit : failure);
        });
  }

  private static boolean presentsCredentials(RoutingContext ctx) {
    return ctx.request().getHeader("X-API-Key") != null || ctx.request().getHeader("Authorization") != null;
  }

  private static boolean isChatVisitor(RoutingContext ctx) {
    return ctx.request().getHeader("X-Chat-Token") != null && CHAT_FILES.matcher(ctx.normalizedPath()).matches();
  }

  /** The principal for a bearer token or API key; also used by the WebSocket handshake. */
  public Future<Principal> authenticate(RoutingContext ctx) {
    String apiKey = ctx.request().getHeader("X-API-Key");
    if (apiKey != null && !apiKey.isBlank()) {
      return byApiKey(apiKey, Actor.clientIp(ctx), ctx.request().getHeader("User-Agent"));
    }
    String authorization = ctx.request().getHeader("Authorization");
    if (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return byAccessToken(authorization.substring(7).trim());
    }
    return Future.failedFuture(Problem.unauthorized("authentication is required: a bearer token or an X-API-Key"));
  }

  public Future<Principal> byAccessToken(String token) {
    return tokens.verify(token)
        .recover(invalid -> Future.failedFuture(Problem.unauthorized("the access token is invalid or expired")))
        .compose(this::principalForClaims);
  }

  /**
   * The principal of an open session named by its refresh token ({@code <session id>.<secret>}), without rotating
   * it: an OTRS GenericInterface {@code SessionID}.
   */
  public Future<Principal> bySessionToken(String token) {
    int dot = token == null ? -1 : token.indexOf('.');
    if (dot <= 0) {
      return Future.failedFuture(Problem.unauthorized("the session id is invalid"));
    }
    return pool.preparedQuery("""
            SELECT user_id, customer_user_id, refresh_hash FROM sessions WHERE id = $1 AND expires_at > now()""")
        .execute(Tuple.of(token.substring(0, dot)))
        .compose(rows -> {
          Row row = rows.size() == 0 ? null : rows.iterator().next();
          String stored = row == null ? null : row.getString("refresh_hash");
          if (stored == null || !java.security.MessageDigest.isEqual(stored.getBytes(),
              DigestUtils.sha256Hex(token.substring(dot + 1)).getBytes())) {
            return revoked();
          }
          boolean agent = row.getUUID("user_id") != null;
          return principalForClaims(new TokenService.Claims(token.substring(0, dot), agent ? "agent" : "customer",
              (agent ? row.getUUID("user_id") : row.getUUID("customer_user_id")).toString()));
        });
  }

  private Future<Principal> principalForClaims(TokenService.Claims claims) {
    String sessionId = claims.sessionId();
    String kind = claims.kind();
    UUID subject;
    try {
      subject = UUID.fromString(claims.subject());
    } catch (RuntimeException e) {
      return Future.failedFuture(Problem.unauthorized("the access token is invalid"));
    }
    Principal kept = sessions.find(sessionId, kind, subject);
    if (kept != null) {
      return Future.succeededFuture(kept);
    }
    long since = sessions.generation();
    boolean customer = "customer".equals(kind);
    return pool.preparedQuery(customer ? """
            SELECT c.id, c.login, c.customer_id, extract(epoch FROM s.expires_at - now())::float8 AS session_left
              FROM sessions s JOIN customer_user c ON c.id = s.customer_user_id
             WHERE s.id = $1 AND s.customer_user_id = $2 AND s.expires_at > now() AND c.valid_id = 1""" : """
            SELECT u.id, u.login, is_admin(u.id) AS admin, extract(epoch FROM s.expires_at - now())::float8 AS session_left
              FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.id = $1 AND s.user_id = $2 AND s.expires_at > now() AND u.valid_id = 1""")
        .execute(Tuple.of(sessionId, subject))
        .compose(rows -> {
          if (rows.size() == 0) {
            return revoked();
          }
          Row row = rows.iterator().next();
          Principal principal = customer ? customer(row, sessionId) : agent(row, sessionId, null, Set.of());
          sessions.keep(since, principal, Duration.ofMillis((long) (row.getDouble("session_left") * 1000)));
          return Future.succeededFuture(principal);
        });
  }

  public Future<Principal> byApiKey(String key, String ip, String userAgent) {
    return pool.preparedQuery("""
            SELECT k.id AS key_id, k.permissions,
                   (k.last_used IS NULL OR k.last_used < now() - interval '1 minute') AS stale,
                   u.id, u.login, is_admin(u.id) AS admin
              FROM api_keys k JOIN users u ON u.id = k.user_id
             WHERE k.key_hash = $1 AND (k.expires_at IS NULL OR k.expires_at > now()) AND u.valid_id = 1""")
        .execute(Tuple.of(hashApiKey(key)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.unauthorized("the API key is invalid, expired or revoked"));
          }
          Row row = rows.iterator().next();
          UUID keyId = row.getUUID("key_id");
          Principal principal = agent(row, null, keyId, scopes(row.getValue("permissions")));
          if (row.getBoolean("stale")) {
            recordUse(principal, ip, userAgent);
          }
          return Future.succeededFuture(principal);
        });
  }

  /** last_used and the audit row are written at most once a minute per key, not on every request. */
  private void recordUse(Principal principal, String ip, String userAgent) {
    pool.withTransaction(tx -> tx.preparedQuery("UPDATE api_keys SET last_used = now() WHERE id = $1")
            .execute(Tuple.of(principal.apiKeyId()))
            .compose(updated -> audit.record(tx, new Actor(principal, ip, userAgent),
                AuditLog.Entry.success("api_key.used", "api_key", principal.apiKeyId(), null, null))))
        .onFailure(failure -> LOG.warn("cannot record use of API key {}: {}", principal.apiKeyId(), failure.getMessage()));
  }

  private static Principal agent(Row row, String sessionId, UUID apiKeyId, Set<String> scopes) {
    return new Principal(Principal.Kind.AGENT, row.getUUID("id"), null, null, row.getString("login"),
        sessionId, apiKeyId, row.getBoolean("admin"), scopes);
  }

  private static Principal customer(Row row, String sessionId) {
    return new Principal(Principal.Kind.CUSTOMER, null, row.getUUID("id"), row.getString("customer_id"),
        row.getString("login"), sessionId, null, false, Set.of());
  }

  private static Set<String> scopes(Object permissions) {
    Set<String> scopes = new HashSet<>();
    if (permissions instanceof JsonArray array) {
      array.forEach(item -> scopes.add(String.valueOf(item)));
    }
    return Set.copyOf(scopes);
  }

  private static <T> Future<T> revoked() {
    return Future.failedFuture(Problem.unauthorized("the session has ended; log in again"));
  }

  private static boolean isRead(HttpMethod method) {
    return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS;
  }

  /** API keys carry 256 random bits, so a fast hash is as safe as a slow one and keeps lookups cheap. */
  public static String hashApiKey(String key) {
    return DigestUtils.sha256Hex(key);
  }
}
