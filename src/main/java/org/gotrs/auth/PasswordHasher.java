package org.gotrs.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.apache.commons.codec.digest.Crypt;
import org.apache.commons.codec.digest.DigestUtils;
import org.apache.commons.codec.digest.Md5Crypt;
import org.apache.commons.codec.digest.UnixCrypt;

/**
 * Argon2id password hashing (OWASP parameters), and verification of the legacy formats OTRS keeps in
 * {@code pw} (crypt, MD5/APR1 crypt, SHA-1/SHA-256/SHA-512 hex, OTRS's {@code BCRYPT:cost:salt:hash})
 * so imported agents log in with their OTRS password and are re-hashed on success.
 * Blocking and deliberately slow: run on a worker.
 */
public final class PasswordHasher {

  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);
  /** A fixed hash to verify against when the login is unknown, so both cases cost the same time. */
  private static final String DUMMY_HASH = Password.hash("gotrs-no-such-user").addRandomSalt(16).with(ARGON2ID).getResult();
  private static final String BCRYPT_ALPHABET = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  /** The outcome of a check: whether it matched and whether the stored form should be replaced. */
  public record Check(boolean matches, boolean needsRehash) {
    static final Check NO = new Check(false, false);
  }

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  /** Checks against {@code password_hash} when set, else against the legacy OTRS {@code pw}. */
  public Check check(String password, String passwordHash, String legacyPw) {
    if (password == null) {
      return Check.NO;
    }
    if (passwordHash != null && !passwordHash.isBlank()) {
      return new Check(verifyModern(password, passwordHash), !passwordHash.startsWith("$argon2id$"));
    }
    if (legacyPw != null && !legacyPw.isBlank()) {
      return new Check(verifyLegacy(password, legacyPw), true);
    }
    return Check.NO;
  }

  /** Spends the time a real check would, for an unknown login. */
  public void checkDummy(String password) {
    verifyModern(password == null ? "" : password, DUMMY_HASH);
  }

  private static boolean verifyModern(String password, String hash) {
    try {
      if (hash.startsWith("$argon2")) {
        return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
      }
      if (hash.startsWith("$2")) {
        return Password.check(password, hash).withBcrypt();
      }
    } catch (RuntimeException malformed) {
      return false;
    }
    return false;
  }

  /** The formats of OTRS's Kernel::System::Auth::DB, recognised by shape as OTRS does. */
  static boolean verifyLegacy(String password, String stored) {
    try {
      if (stored.startsWith("BCRYPT:")) {
        return verifyModern(password, otrsBcryptToStandard(stored));
      }
      if (stored.startsWith("$apr1$")) {
        return equal(Md5Crypt.apr1Crypt(password, stored), stored);
      }
      if (stored.startsWith("$1$")) {
        return equal(Md5Crypt.md5Crypt(password.getBytes(StandardCharsets.UTF_8), stored), stored);
      }
      if (stored.startsWith("$5$") || stored.startsWith("$6$")) {
        return equal(Crypt.crypt(password, stored), stored);
      }
      if (stored.startsWith("$2")) {
        return verifyModern(password, stored);
      }
      if (stored.matches("[0-9a-fA-F]{128}")) {
        return equal(DigestUtils.sha512Hex(password.getBytes(StandardCharsets.UTF_8)), stored.toLowerCase());
      }
      if (stored.matches("[0-9a-fA-F]{64}")) {
        return equal(DigestUtils.sha256Hex(password.getBytes(StandardCharsets.UTF_8)), stored.toLowerCase());
      }
      if (stored.matches("[0-9a-fA-F]{40}")) {
        return equal(DigestUtils.sha1Hex(password.getBytes(StandardCharsets.UTF_8)), stored.toLowerCase());
      }
      if (stored.length() == 13) {
        return equal(UnixCrypt.crypt(password, stored.substring(0, 2)), stored);
      }
    } catch (RuntimeException malformed) {
      return false;
    }
    return false;
  }

  /**
   * OTRS stores {@code BCRYPT:cost:salt:hash} where salt is 16 raw characters and hash the bcrypt
   * base64 of the 23-byte digest (Crypt::Eksblowfish with key_nul), which is exactly a standard
   * {@code $2a$} string once the salt is base64-encoded the bcrypt way.
   */
  static String otrsBcryptToStandard(String stored) {
    String[] parts = stored.split(":", 4);
    int cost = Integer.parseInt(parts[1]);
    byte[] salt = parts[2].getBytes(StandardCharsets.ISO_8859_1);
    return String.format("$2a$%02d$%s%s", cost, bcryptBase64(salt), parts[3]);
  }

  static String bcryptBase64(byte[] data) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < data.length) {
      int c1 = data[i++] & 0xff;
      out.append(BCRYPT_ALPHABET.charAt((c1 >> 2) & 0x3f));
      c1 = (c1 & 0x03) << 4;
      if (i >= data.length) {
        out.append(BCRYPT_ALPHABET.charAt(c1 & 0x3f));
        break;
      }
      int c2 = data[i++] & 0xff;
      c1 |= (c2 >> 4) & 0x0f;
      out.append(BCRYPT_ALPHABET.charAt(c1 & 0x3f));
      c1 = (c2 & 0x0f) << 2;
      if (i >= data.length) {
        out.append(BCRYPT_ALPHABET.charAt(c1 & 0x3f));
        break;
      }
      c2 = data[i++] & 0xff;
      c1 |= (c2 >> 6) & 0x03;
      out.append(BCRYPT_ALPHABET.charAt(c1 & 0x3f));
      out.append(BCRYPT_ALPHABET.charAt(c2 & 0x3f));
    }
    return out.toString();
  }

  private static boolean equal(String a, String b) {
    return MessageDigest.isEqual(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8));
  }
}
