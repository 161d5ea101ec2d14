package org.gotrs.auth;

import org.gotrs.http.Input;

/** What a new password must be, wherever one is set: by an administrator, by its owner, or through a reset. */
public final class PasswordRule {

  public static final int MIN_LENGTH = 8;
  public static final int MAX_LENGTH = 1024;

  private PasswordRule() {}

  /** The new password in {@code field}, at least {@value #MIN_LENGTH} characters; null (with an error) otherwise. */
  public static String newPassword(Input input, String field, boolean required) {
    String password = input.string(field, required, MAX_LENGTH);
    if (password != null && password.length() < MIN_LENGTH) {
      input.error(field, "must be at least " + MIN_LENGTH + " characters");
      return null;
    }
    return password;
  }
}
