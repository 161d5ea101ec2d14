package org.gotrs.auth;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.commons.codec.binary.Base32;

/** RFC 6238 time-based one-time passwords: HMAC-SHA1, 30-second steps, 6 digits, one step of drift allowed. */
public final class Totp {

  private static final int STEP_SECONDS = 30;
  private static final int DIGITS = 6;

  private final Clock clock;

  public Totp(Clock clock) {
    this.clock = clock;
  }

  public static String newSecret() {
    byte[] secret = new byte[20];
    new SecureRandom().nextBytes(secret);
    return new Base32().encodeToString(secret).replace("=", "");
  }

  public static String otpauthUrl(String issuer, String account, String secret) {
    String label = java.net.URLEncoder.encode(issuer + ":" + account, java.nio.charset.StandardCharsets.UTF_8);
    return "otpauth://totp/" + label + "?secret=" + secret + "&issuer="
        + java.net.URLEncoder.encode(issuer, java.nio.charset.StandardCharsets.UTF_8) + "&digits=6&period=30";
  }

  public boolean verify(String secret, String code) {
    if (secret == null || code == null || !code.matches("\\d{" + DIGITS + "}")) {
      return false;
    }
    long step = clock.millis() / 1000 / STEP_SECONDS;
    for (long candidate = step - 1; candidate <= step + 1; candidate++) {
      if (java.security.MessageDigest.isEqual(code(secret, candidate).getBytes(), code.getBytes())) {
        return true;
      }
    }
    return false;
  }

  /** The code for the current step (for tests and enrolment checks). */
  public String now(String secret) {
    return code(secret, clock.millis() / 1000 / STEP_SECONDS);
  }

  static String code(String secret, long step) {
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec(new Base32().decode(secret), "HmacSHA1"));
      byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
      int offset = hash[hash.length - 1] & 0x0f;
      int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
          | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
      return String.format("%0" + DIGITS + "d", binary % 1_000_000);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is unavailable", e);
    }
  }
}
