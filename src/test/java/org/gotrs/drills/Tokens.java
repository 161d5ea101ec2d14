package org.gotrs.drills;

import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Forged access tokens: the real claims with no signature ({@code alg: none}) or signed with the wrong key. */
final class Tokens {

  private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();

  private Tokens() {}

  static JsonObject claims(String token) {
    return new JsonObject(new String(URL_DECODER.decode(token.split("\\.")[1]), StandardCharsets.UTF_8));
  }

  /** The token's claims under {@code {"alg":"none"}} and an empty signature. */
  static String unsigned(String token) {
    return encode(new JsonObject().put("alg", "none").put("typ", "JWT")) + "." + encode(claims(token)) + ".";
  }

  /** The token's claims, signed HS256 with a key the server does not have. */
  static String signedWith(String token, String key) {
    String unsigned = encode(new JsonObject().put("alg", "HS256").put("typ", "JWT")) + "." + encode(claims(token));
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return unsigned + "." + URL.encodeToString(mac.doFinal(unsigned.getBytes(StandardCharsets.US_ASCII)));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The claims with a later expiry, keeping the original signature (a tampered token). */
  static String tampered(String token) {
    String[] parts = token.split("\\.");
    JsonObject claims = claims(token).put("exp", claims(token).getLong("exp", 0L) + 86_400);
    return parts[0] + "." + encode(claims) + "." + parts[2];
  }

  private static String encode(JsonObject json) {
    return URL.encodeToString(json.encode().getBytes(StandardCharsets.UTF_8));
  }
}
