package org.gotrs.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

/**
 * A real OpenID Connect provider on loopback (mock-oauth2-server): discovery, authorization with PKCE, signed ID
 * tokens and their keys. Its sign-ins go through without a form; {@link #nextSignIn} says who the next one is.
 * A second address, {@link #forgingIssuer}, serves the same discovery but takes the token requests itself: it passes
 * them on and changes a claim of each ID token on the way back, as someone between the two servers would, leaving
 * the signature as it was.
 */
public final class IdentityProvider implements AutoCloseable {

  public static final String CLIENT_ID = "gotrs";

  private final MockOAuth2Server server = new MockOAuth2Server();
  private final HttpServer forger;
  private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

  public IdentityProvider() {
    try {
      server.start(InetAddress.getByName("127.0.0.1"), 0);
      forger = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 0), 0);
      forger.createContext("/", this::forward);
      forger.start();
      // the first answer loads the provider's classes, which on a busy machine takes longer than a sign-in may wait
      client.send(HttpRequest.newBuilder(URI.create(issuer("warm-up") + "/.well-known/openid-configuration")).build(),
          HttpResponse.BodyHandlers.discarding());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting the identity provider", e);
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the identity provider", e);
    }
  }

  /** The issuer URL of one of the provider's tenants. */
  public String issuer(String tenant) {
    return server.issuerUrl(tenant).toString().replaceAll("/+$", "");
  }

  /** The same tenant seen through the forging address. */
  public String forgingIssuer(String tenant) {
    return "http://127.0.0.1:" + forger.getAddress().getPort() + "/" + tenant;
  }

  /** The next sign-in at {@code tenant} is this subject, with these claims in its ID token. */
  public void nextSignIn(String tenant, String subject, Map<String, Object> claims) {
    server.enqueueCallback(new DefaultOAuth2TokenCallback(tenant, subject, "JWT", List.of(CLIENT_ID), claims, 3600));
  }

  /** The {@code auth.oidc} entry of a tenant here. */
  public JsonObject config(String name, String issuer, String audience) {
    return new JsonObject().put("name", name).put("label", "Corp SSO").put("issuer", issuer)
        .put("client_id", CLIENT_ID).put("client_secret", "client-secret").put("for", audience);
  }

  private void forward(HttpExchange exchange) throws IOException {
    try (exchange) {
      String target = "http://127.0.0.1:" + server.baseUrl().port() + exchange.getRequestURI();
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target))
          .method(exchange.getRequestMethod(), HttpRequest.BodyPublishers.ofByteArray(
              exchange.getRequestBody().readAllBytes()));
      exchange.getRequestHeaders().forEach((name, values) -> {
        if (!List.of("host", "content-length", "connection").contains(name.toLowerCase())) {
          values.forEach(value -> request.header(name, value));
        }
      });
      HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      String body = response.body();
      String path = exchange.getRequestURI().getPath();
      if (path.endsWith("/.well-known/openid-configuration")) {
        JsonObject discovery = new JsonObject(body);
        String tokenPath = URI.create(discovery.getString("token_endpoint")).getPath();
        body = discovery.put("token_endpoint", "http://127.0.0.1:" + forger.getAddress().getPort() + tokenPath).encode();
      } else if (path.endsWith("/token")) {
        JsonObject tokens = new JsonObject(body);
        tokens.put("id_token", forged(tokens.getString("id_token")));
        body = tokens.encode();
      }
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      response.headers().firstValue("content-type").ifPresent(type -> exchange.getResponseHeaders().set("Content-Type", type));
      response.headers().firstValue("location").ifPresent(location -> exchange.getResponseHeaders().set("Location", location));
      exchange.sendResponseHeaders(response.statusCode(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(bytes);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The same token with the login claim changed to the administrator's, the signature left as it was. */
  private static String forged(String idToken) {
    String[] parts = idToken.split("\\.");
    JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    claims.put("preferred_username", "root@localhost");
    parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(claims.encode().getBytes(StandardCharsets.UTF_8));
    return String.join(".", parts);
  }

  @Override
  public void close() {
    forger.stop(0);
    server.shutdown();
  }
}
