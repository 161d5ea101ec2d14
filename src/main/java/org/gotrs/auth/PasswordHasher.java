package org.gotrs.auth;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Argon2id password hashing (OWASP parameters). Blocking and deliberately slow: run on a worker. */
public final class PasswordHasher {

  private static final Argon2Function ARGON2ID = Argon2Function.getInstance(19_456, 2, 1, 32, Argon2.ID);

  public String hash(String password) {
    return Password.hash(password).addRandomSalt(16).with(ARGON2ID).getResult();
  }

  public boolean verify(String password, String hash) {
    if (hash == null || password == null) {
      return false;
    }
    return Password.check(password, hash).with(Argon2Function.getInstanceFromHash(hash));
  }
}
