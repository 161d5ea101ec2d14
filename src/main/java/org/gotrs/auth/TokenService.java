package org.gotrs.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.auth.JWTOptions;
import io.vertx.ext.auth.PubSecKeyOptions;
import io.vertx.ext.auth.authentication.TokenCredentials;
import io.vertx.ext.auth.jwt.JWTAuth;
import io.vertx.ext.auth.jwt.JWTAuthOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import org.gotrs.config.Config;
import org.gotrs.permission.Principal;

/**
 * Short-lived HS256 access tokens carrying the subject, its kind and the session id. The key comes from
 * {@code GOTRS_JWT_SECRET}, {@code GOTRS_JWT_KEY_FILE}, or is generated once into the data dir.
 */
public final class TokenService {

  /** What an access token says: its session, the kind of account ({@code agent} or {@code customer}) and its id. */
  public record Claims(String sessionId, String kind, String subject) {}

  private record Verified(Claims claims, Duration left) {}

  private static final String ISSUER = "gotrs";
  private static final long VERIFIED_KEPT = 20_000;

  private final JWTAuth jwt;
  private final int accessTtlSeconds;
  private final byte[] key;
  /**
   * Tokens already verified, until they expire: a client sends the same token with every request, and checking
   * its signature and parsing its JSON again was a sixth of what a queue page allocated. Whether its session is
   * still open is asked on every request all the same ({@link Authenticator}).
   */
  private final Cache<String, Verified> verified = Caffeine.newBuilder()
      .maximumSize(VERIFIED_KEPT)
      .expireAfter(Expiry.creating((String token, Verified entry) -> entry.left()))
      .build();

  private TokenService(JWTAuth jwt, int accessTtlSeconds, byte[] key) {
    this.jwt = jwt;
    this.accessTtlSeconds = accessTtlSeconds;
    this.key = key;
  }

  public static Future<TokenService> create(Vertx vertx, Config config) {
    return vertx.executeBlocking(() -> signingKey(config)).map(key -> {
      JWTAuth jwt = JWTAuth.create(vertx, new JWTAuthOptions()
          .addPubSecKey(new PubSecKeyOptions().setAlgorithm("HS256").setBuffer(
              io.vertx.core.buffer.Buffer.buffer(key)))
          .setJWTOptions(new JWTOptions().setIssuer(ISSUER).setLeeway(5)));
      return new TokenService(jwt, (int) config.jwt().accessTtlSeconds(), key);
    });
  }

  private static byte[] signingKey(Config config) throws IOException {
    Config.Jwt settings = config.jwt();
    if (settings.secret() != null && !settings.secret().isBlank()) {
      return settings.secret().getBytes(StandardCharsets.UTF_8);
    }
    if (settings.keyFile() != null && !settings.keyFile().isBlank()) {
      return Files.readString(Path.of(settings.keyFile())).trim().getBytes(StandardCharsets.UTF_8);
    }
    Path generated = config.dataPath().resolve("jwt.key");
    if (!Files.exists(generated)) {
      Files.createDirectories(generated.getParent());
      byte[] random = new byte[64];
      new SecureRandom().nextBytes(random);
      Files.writeString(generated, Base64.getEncoder().encodeToString(random));
      try {
        Files.setPosixFilePermissions(generated, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system; the data dir's own permissions apply
      }
    }
    return Files.readString(generated).trim().getBytes(StandardCharsets.UTF_8);
  }

  public String accessToken(Principal.Kind kind, String subject, String sessionId) {
    JsonObject claims = new JsonObject()
        .put("sub", subject)
        .put("kind", kind.name().toLowerCase())
        .put("sid", sessionId);
    return jwt.generateToken(claims, new JWTOptions()
        .setAlgorithm("HS256")
        .setIssuer(ISSUER)
        .setExpiresInSeconds(accessTtlSeconds));
  }

  /** The token's claims; fails for a forged, malformed or expired token. */
  public Future<Claims> verify(String token) {
    Verified known = verified.getIfPresent(token);
    if (known != null) {
      return Future.succeededFuture(known.claims());
    }
    return jwt.authenticate(new TokenCredentials(token)).map(user -> {
      JsonObject principal = user.principal();
      Claims claims = new Claims(principal.getString("sid"), principal.getString("kind"), principal.getString("sub"));
      Duration left = Duration.between(Instant.now(), Instant.ofEpochSecond(principal.getLong("exp", 0L)));
      if (!left.isNegative() && !left.isZero()) {
        verified.put(token, new Verified(claims, left));
      }
      return claims;
    });
  }

  public int accessTtlSeconds() {
    return accessTtlSeconds;
  }

  /** Key material for other server-side secrets (e.g. encrypting MFA secrets), derived from the signing key. */
  public byte[] keyMaterial() {
    return key.clone();
  }
}
