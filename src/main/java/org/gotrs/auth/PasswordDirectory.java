package org.gotrs.auth;

import io.vertx.core.Future;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * Where a password is checked before the database: the LDAP directories ({@code org.gotrs.signin}). A directory
 * that cannot be reached fails the check with a 503; a wrong password is an answer, not a failure.
 */
public interface PasswordDirectory {

  /** What the directories said. */
  enum Verdict {
    /** no directory knows the login: the database decides */
    NOT_HERE,
    /** the directory accepted the password; the local account is synced */
    ACCEPTED,
    WRONG_PASSWORD,
    /** disabled or removed in the directory: the account's sessions and API keys are gone */
    DISABLED
  }

  /** @param source the directory that answered, as the audit log names it ({@code ldap:corp}) */
  record Answer(Verdict verdict, String source) {
    public static final Answer NOT_HERE = new Answer(Verdict.NOT_HERE, null);
  }

  /** The login the database alone knows: the administrator set up at installation. */
  String ALWAYS_LOCAL = "root@localhost";

  /** No directory: every login is checked against the database. */
  PasswordDirectory NONE = (actor, kind, login, password) -> Future.succeededFuture(Answer.NOT_HERE);

  Future<Answer> check(Actor actor, Principal.Kind kind, String login, String password);
}
