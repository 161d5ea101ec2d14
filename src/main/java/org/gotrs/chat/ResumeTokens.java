package org.gotrs.chat;

import java.security.SecureRandom;
import java.util.Base64;
import org.apache.commons.codec.digest.DigestUtils;

/** The customer's key back into a chat: 256 random bits, shown once; the database keeps only its SHA-256. */
final class ResumeTokens {

  private final SecureRandom random = new SecureRandom();

  String issue() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  String hash(String token) {
    return DigestUtils.sha256Hex(token);
  }
}
