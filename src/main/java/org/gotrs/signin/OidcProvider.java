package org.gotrs.signin;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.core.buffer.Buffer;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.Base64;
import java.util.Set;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;

/**
 * One OpenID Connect provider as its discovery document describes it: where to send the browser, where to trade the
 * code (with the PKCE verifier) for tokens, and the keys its ID tokens must be signed with.
 */
final class OidcProvider {

  record Metadata(String issuer, String authorizationEndpoint, String tokenEndpoint, String jwksUri,
                  String endSessionEndpoint) {}

  private static final Set<JWSAlgorithm> SIGNATURES = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
      JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
      JWSAlgorithm.ES384, JWSAlgorithm.ES512);
  private static final long TIMEOUT_MILLIS = 10_000;

  private final Config.Oidc settings;
  private final WebClient client;
  private final String redirectUri;
  private Future<Metadata> metadata;

  OidcProvider(Config.Oidc settings, WebClient client, String publicUrl) {
    this.settings = settings;
    this.client = client;
    this.redirectUri = publicUrl + "/auth/oidc/" + settings.name() + "/callback";
  }

  Config.Oidc settings() {
    return settings;
  }

  String source() {
    return "oidc:" + settings.name();
  }

  String redirectUri() {
    return redirectUri;
  }

  /** The discovery document, read once; a failed read is tried again next time. */
  synchronized Future<Metadata> metadata() {
    if (metadata == null || metadata.failed()) {
      String issuer = settings.issuer().replaceAll("/+$", "");
      metadata = json(client.getAbs(issuer + "/.well-known/openid-configuration").timeout(TIMEOUT_MILLIS).send(),
          "discovery").map(body -> new Metadata(body.getString("issuer"), body.getString("authorization_endpoint"),
          body.getString("token_endpoint"), body.getString("jwks_uri"), body.getString("end_session_endpoint")));
    }
    return metadata;
  }

  String authorizationUrl(Metadata metadata, String state, String nonce, String codeChallenge) {
    return metadata.authorizationEndpoint() + (metadata.authorizationEndpoint().contains("?") ? "&" : "?")
        + "response_type=code"
        + "&client_id=" + encode(settings.clientId())
        + "&redirect_uri=" + encode(redirectUri)
        + "&scope=" + encode(String.join(" ", settings.scopes()))
        + "&state=" + encode(state)
        + "&nonce=" + encode(nonce)
        + "&code_challenge=" + encode(codeChallenge)
        + "&code_challenge_method=S256";
  }

  /** Trades the code and the PKCE verifier for the ID token, and checks it: signature, issuer, audience, nonce. */
  Future<JWTClaimsSet> idToken(String code, String codeVerifier, String nonce) {
    return metadata().compose(meta -> {
      MultiMap form = MultiMap.caseInsensitiveMultiMap()
          .add("grant_type", "authorization_code").add("code", code).add("redirect_uri", redirectUri)
          .add("code_verifier", codeVerifier).add("client_id", settings.clientId());
      String secret = settings.clientSecret() == null ? "" : settings.clientSecret();
      String basic = Base64.getEncoder().encodeToString(
          (encode(settings.clientId()) + ":" + encode(secret)).getBytes(StandardCharsets.UTF_8));
      Future<JsonObject> tokens = json(client.postAbs(meta.tokenEndpoint()).timeout(TIMEOUT_MILLIS)
          .putHeader("Authorization", "Basic " + basic).sendForm(form), "token");
      Future<JsonObject> keys = json(client.getAbs(meta.jwksUri()).timeout(TIMEOUT_MILLIS).send(), "keys");
      return Future.all(tokens, keys).map(both -> verify(meta, tokens.result().getString("id_token"),
          keys.result(), nonce));
    });
  }

  private JWTClaimsSet verify(Metadata meta, String idToken, JsonObject keys, String nonce) {
    if (idToken == null) {
      throw Problem.unauthorized("the provider " + settings.name() + " sent no ID token");
    }
    try {
      DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
      processor.setJWSKeySelector(new JWSVerificationKeySelector<>(SIGNATURES,
          new ImmutableJWKSet<>(JWKSet.parse(keys.encode()))));
      processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(settings.clientId(),
          new JWTClaimsSet.Builder().issuer(meta.issuer()).claim("nonce", nonce).build(),
          Set.of("sub", "exp", "iat")));
      return processor.process(idToken, null);
    } catch (ParseException | BadJOSEException | com.nimbusds.jose.JOSEException e) {
      throw Problem.unauthorized("the ID token of " + settings.name() + " is not valid: " + e.getMessage());
    }
  }

  /** Where the browser goes to end its session at the provider too; null when the provider offers none. */
  Future<String> logoutUrl(String returnTo) {
    return metadata().map(meta -> meta.endSessionEndpoint() == null ? null
        : meta.endSessionEndpoint() + (meta.endSessionEndpoint().contains("?") ? "&" : "?")
            + "client_id=" + encode(settings.clientId()) + "&post_logout_redirect_uri=" + encode(returnTo));
  }

  private Future<JsonObject> json(Future<HttpResponse<Buffer>> request, String what) {
    return request.recover(failure -> Future.failedFuture(Problem.unavailable("the provider " + settings.name()
            + " cannot be reached (" + what + "); try again later")))
        .map(response -> {
          if (response.statusCode() != 200) {
            throw Problem.unauthorized("the provider " + settings.name() + " refused the " + what + " request ("
                + response.statusCode() + ")");
          }
          try {
            return response.bodyAsJsonObject();
          } catch (RuntimeException e) {
            throw Problem.unavailable("the provider " + settings.name() + " answered the " + what
                + " request with something other than JSON");
          }
        });
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
