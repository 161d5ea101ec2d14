package org.gotrs.signin;

import com.nimbusds.jwt.JWTClaimsSet;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.text.ParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.AuthService;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * Sign-in through OpenID Connect providers ({@code auth.oidc}), authorization code with PKCE: {@link #start} sends
 * the browser to the provider with a fresh state, nonce and code challenge; {@link #finish} checks what comes back,
 * syncs the account from the ID token's claims and leaves a one-time code for the page; {@link #exchange} trades
 * that code for the same tokens as a password login.
 */
public final class OidcSignIn {

  /** Where the browser goes next. */
  public record Redirect(String location) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final int HANDOFF_SECONDS = 120;

  private final Pool pool;
  private final AuditLog audit;
  private final AuthService auth;
  private final ExternalAccounts accounts;
  private final String publicUrl;
  private final SignInBackends backends;
  private final WebClient client;
  /** By settings, so that a provider keeps its discovery document until an administrator changes it. */
  private final Map<Config.Oidc, OidcProvider> known = new ConcurrentHashMap<>();

  public OidcSignIn(Vertx vertx, Pool pool, AuditLog audit, AuthService auth, SignInBackends backends,
                    String publicUrl) {
    this.pool = pool;
    this.audit = audit;
    this.auth = auth;
    this.accounts = new ExternalAccounts(audit);
    this.publicUrl = publicUrl;
    this.backends = backends;
    this.client = WebClient.create(vertx, new WebClientOptions().setConnectTimeout(5000)
        .setFollowRedirects(false).setUserAgent("GOTRS"));
  }

  /** The providers offered on the agents' or the customers' sign-in page. */
  public List<Map<String, String>> offered(boolean customers) {
    return backends.oidc().stream().filter(p -> p.forCustomers() == customers)
        .map(p -> Map.of("name", p.name(), "label", p.label(), "start", "/auth/oidc/" + p.name() + "/start"))
        .toList();
  }

  /**
   * The provider's sign-in page, with a fresh state, nonce and code challenge; counted against the address's
   * login attempts as a password login is.
   */
  public Future<Redirect> start(Actor actor, String name) {
    OidcProvider provider = provider(name);
    String state = random(24);
    String nonce = random(24);
    String verifier = random(48);
    try {
      auth.checkLoginRate(actor);
    } catch (Problem tooMany) {
      return Future.succeededFuture(refused(provider, tooMany.getMessage()));
    }
    return provider.metadata().compose(meta -> pool.preparedQuery("""
                DELETE FROM oidc_sign_ins WHERE created_at < now() - interval '10 minutes'""").execute()
            .compose(cleaned -> pool.preparedQuery("""
                    INSERT INTO oidc_sign_ins (state, provider, nonce, code_verifier) VALUES ($1, $2, $3, $4)""")
                .execute(Tuple.of(state, name, nonce, verifier)))
            .map(stored -> new Redirect(provider.authorizationUrl(meta, state, nonce, challenge(verifier)))));
  }

  /**
   * The provider's answer: the state must be one this server sent (once, within ten minutes), the code must trade
   * for a valid ID token. The page gets a one-time code to pick up the session with, or the reason it was refused.
   */
  public Future<Redirect> finish(Actor actor, String name, String code, String state, String error) {
    OidcProvider provider = provider(name);
    Future<Redirect> signedIn;
    try {
      auth.checkLoginRate(actor);
      signedIn = error != null
          ? Future.failedFuture(Problem.unauthorized("the provider refused the sign-in: " + error))
          : code == null || state == null ? Future.failedFuture(Problem.badRequest("code and state are required"))
          : signIn(actor, provider, code, state);
    } catch (Problem tooMany) {
      signedIn = Future.failedFuture(tooMany);
    }
    return signedIn.recover(failure -> {
      String reason = failure instanceof Problem problem ? problem.getMessage() : "the sign-in failed";
      return audit.record(pool, actor, new AuditLog.Entry("auth.login", null, null, null,
              Map.of("source", provider.source()), "failure", reason))
          .map(refused(provider, reason));
    });
  }

  private Future<Redirect> signIn(Actor actor, OidcProvider provider, String code, String state) {
    return pool.preparedQuery("""
            DELETE FROM oidc_sign_ins
             WHERE state = $1 AND provider = $2 AND created_at > now() - interval '10 minutes'
         RETURNING nonce, code_verifier""")
        .execute(Tuple.of(state, provider.settings().name()))
        .compose(rows -> {
          if (rows.size() == 0) {
            return Future.failedFuture(Problem.unauthorized("the sign-in expired or was already used"));
          }
          Row row = rows.iterator().next();
          return provider.idToken(code, row.getString("code_verifier"), row.getString("nonce"));
        })
        .compose(claims -> account(actor, provider, claims))
        .map(handoff -> new Redirect(page(provider) + "#signin=" + handoff));
  }

  private String page(OidcProvider provider) {
    return publicUrl + (provider.settings().forCustomers() ? "/portal/" : "/");
  }

  /** Back to the sign-in page, which shows why. */
  private Redirect refused(OidcProvider provider, String reason) {
    return new Redirect(page(provider) + "#signin_error=" + OidcProvider.encode(reason));
  }

  /** Syncs the account the claims name and leaves the one-time code for its page. */
  private Future<String> account(Actor actor, OidcProvider provider, JWTClaimsSet claims) {
    Config.Oidc settings = provider.settings();
    Principal.Kind kind = settings.forCustomers() ? Principal.Kind.CUSTOMER : Principal.Kind.AGENT;
    Map<String, String> fields = new LinkedHashMap<>();
    put(fields, "login", claims, settings.loginClaim());
    put(fields, "email", claims, "email");
    put(fields, "first_name", claims, "given_name");
    put(fields, "last_name", claims, "family_name");
    put(fields, "phone", claims, "phone_number");
    put(fields, "customer_id", claims, settings.companyClaim());
    if (!fields.containsKey("login")) {
      return Future.failedFuture(Problem.unauthorized("the ID token has no " + settings.loginClaim() + " claim"));
    }
    TreeSet<String> roles = new TreeSet<>();
    for (String value : values(claims, settings.roleClaim())) {
      String role = settings.roles().get(value);
      if (role != null) {
        roles.add(role);
      }
    }
    ExternalAccounts.Profile profile = ExternalAccounts.Profile.of(kind, provider.source(), claims.getSubject(),
        fields, roles, new TreeSet<>(settings.roles().values()), settings.defaultRole());
    boolean mfaAsserted = settings.mfaSatisfiesTotp() && values(claims, "amr").contains("mfa");
    return pool.withTransaction(tx -> accounts.sync(tx, actor, profile, settings.autoProvision()))
        .compose(id -> {
          if (id == null) {
            return Future.failedFuture(Problem.forbidden("GOTRS has no account for " + fields.get("login")
                + "; an administrator creates it"));
          }
          return auth.mayOpenExternal(kind, id, mfaAsserted).compose(may -> handoff(kind, id, provider.source()));
        });
  }

  private Future<String> handoff(Principal.Kind kind, UUID id, String source) {
    String code = random(32);
    boolean agent = kind == Principal.Kind.AGENT;
    return pool.preparedQuery("DELETE FROM sign_in_handoffs WHERE expires_at < now()").execute()
        .compose(cleaned -> pool.preparedQuery("""
                INSERT INTO sign_in_handoffs (code_hash, user_id, customer_user_id, source, expires_at)
                VALUES ($1, $2, $3, $4, now() + make_interval(secs => $5))""")
            .execute(Tuple.of(DigestUtils.sha256Hex(code), agent ? id : null, agent ? null : id, source,
                (double) HANDOFF_SECONDS)))
        .map(code);
  }

  /** The page's one-time code → the session's tokens; a code works once and for two minutes. */
  public Future<AuthService.TokenPair> exchange(Actor actor, String code) {
    auth.checkLoginRate(actor);
    return pool.preparedQuery("""
            DELETE FROM sign_in_handoffs WHERE code_hash = $1 AND expires_at > now()
         RETURNING user_id, customer_user_id, source""")
        .execute(Tuple.of(DigestUtils.sha256Hex(code)))
        .compose(rows -> {
          if (rows.size() == 0) {
            return audit.record(pool, actor, new AuditLog.Entry("auth.login", null, null, null,
                    Map.of("source", "oidc"), "failure", "unknown, used or expired sign-in code"))
                .compose(audited -> Future.failedFuture(
                    Problem.unauthorized("the sign-in code is unknown, used or expired")));
          }
          Row row = rows.iterator().next();
          UUID agent = row.getUUID("user_id");
          return agent != null ? auth.openExternal(actor, Principal.Kind.AGENT, agent, row.getString("source"))
              : auth.openExternal(actor, Principal.Kind.CUSTOMER, row.getUUID("customer_user_id"),
                  row.getString("source"));
        });
  }

  /** The provider's logout, returning to the page the provider signs in to; the page itself when it has none. */
  public Future<Redirect> logout(String name) {
    OidcProvider provider = provider(name);
    String page = page(provider);
    return provider.logoutUrl(page).map(url -> new Redirect(url == null ? page : url));
  }

  /** The provider in force under that name; 404 when there is none. */
  Config.Oidc named(String name) {
    return backends.oidc().stream().filter(p -> p.name().equals(name)).findFirst()
        .orElseThrow(() -> Problem.notFound("no sign-in provider named " + name));
  }

  /** What a provider's discovery (saved or only filled in) says, for the administrator's test button. */
  public Future<JsonObject> test(Config.Oidc settings) {
    OidcProvider provider = new OidcProvider(settings, client, publicUrl);
    return provider.metadata().map(meta -> new JsonObject().put("issuer", meta.issuer())
        .put("authorization_endpoint", meta.authorizationEndpoint()).put("token_endpoint", meta.tokenEndpoint())
        .put("jwks_uri", meta.jwksUri()).put("end_session_endpoint", meta.endSessionEndpoint())
        .put("redirect_uri", provider.redirectUri()));
  }

  private OidcProvider provider(String name) {
    Config.Oidc settings = named(name);
    List<Config.Oidc> current = backends.oidc();
    known.keySet().retainAll(current);
    return known.computeIfAbsent(settings, s -> new OidcProvider(s, client, publicUrl));
  }

  private static void put(Map<String, String> fields, String field, JWTClaimsSet claims, String claim) {
    Object value = claims.getClaim(claim);
    if (value instanceof String text && !text.isBlank()) {
      fields.put(field, text.strip());
    }
  }

  private static List<String> values(JWTClaimsSet claims, String claim) {
    if (claim == null || claim.isBlank()) {
      return List.of();
    }
    try {
      List<String> list = claims.getStringListClaim(claim);
      return list == null ? List.of() : list;
    } catch (ParseException notAList) {
      Object value = claims.getClaim(claim);
      return value instanceof String text ? List.of(text) : List.of();
    }
  }

  private static String challenge(String verifier) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String random(int bytes) {
    byte[] random = new byte[bytes];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
