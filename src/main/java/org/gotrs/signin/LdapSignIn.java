package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.gotrs.auth.PasswordDirectory;
import org.gotrs.auth.SessionCache;
import org.gotrs.config.Config;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * The LDAP directories in front of the database ({@code auth.ldap}), for agents and for customer users. The first
 * directory that knows a login decides: it checks the password, and the account is synced from its entry (fields,
 * groups → roles) in the transaction that signs it in. An account a directory once kept that it now disables or no
 * longer knows is revoked at that login attempt. A login no directory keeps is the database's.
 */
public final class LdapSignIn implements PasswordDirectory {

  /** A directory's answer for one login, without writing anything: what a sign-in would sync. */
  public record Preview(String directory, boolean found, boolean disabled, Boolean passwordAccepted, String dn,
                        Map<String, String> fields, List<String> groups, List<String> roles) {}

  private record Found(LdapDirectory directory, LdapDirectory.Lookup lookup) {}

  private final Vertx vertx;
  private final Pool pool;
  private final ExternalAccounts accounts;
  private final SignInBackends backends;
  private final SessionCache sessions;

  public LdapSignIn(Vertx vertx, Pool pool, org.gotrs.audit.AuditLog audit, SessionCache sessions,
                    SignInBackends backends) {
    this.vertx = vertx;
    this.pool = pool;
    this.sessions = sessions;
    this.accounts = new ExternalAccounts(audit);
    this.backends = backends;
  }

  /** The directories as they are now: an administrator's change applies to the next login. */
  private List<LdapDirectory> directories() {
    return backends.ldap().stream().map(LdapDirectory::new).toList();
  }

  @Override
  public Future<Answer> check(Actor actor, Principal.Kind kind, String login, String password) {
    List<LdapDirectory> mine = directoriesFor(kind);
    if (mine.isEmpty()) {
      return Future.succeededFuture(Answer.NOT_HERE);
    }
    return vertx.executeBlocking(() -> {
      for (LdapDirectory directory : mine) {
        LdapDirectory.Lookup lookup = directory.lookup(login, password);
        if (lookup.entry() != null) {
          return new Found(directory, lookup);
        }
      }
      return null;
    }, false).compose(found -> found == null ? forgotten(actor, kind, login, mine)
        : answer(actor, kind, found.directory(), found.lookup()));
  }

  private Future<Answer> answer(Actor actor, Principal.Kind kind, LdapDirectory directory,
                                LdapDirectory.Lookup lookup) {
    String source = directory.source();
    LdapDirectory.Entry entry = lookup.entry();
    String login = entry.fields().get("login");
    if (entry.disabled()) {
      return pool.withTransaction(tx -> accounts.keptBy(tx, kind, login, List.of(source))
              .compose(id -> id == null ? Future.succeededFuture()
                  : accounts.revoke(tx, actor, kind, id, source, "disabled in the directory")))
          .map(revoked -> revoked(new Answer(Verdict.DISABLED, source)));
    }
    if (!lookup.passwordAccepted()) {
      return Future.succeededFuture(new Answer(Verdict.WRONG_PASSWORD, source));
    }
    ExternalAccounts.Profile profile = profile(kind, directory, entry);
    return pool.withTransaction(tx -> accounts.sync(tx, actor, profile, true))
        .map(id -> new Answer(Verdict.ACCEPTED, source));
  }

  /** No directory knows the login: if one of them kept its account, that account is revoked. */
  private Future<Answer> forgotten(Actor actor, Principal.Kind kind, String login, List<LdapDirectory> mine) {
    List<String> sources = mine.stream().map(LdapDirectory::source).toList();
    return pool.withTransaction(tx -> accounts.keptBy(tx, kind, login, sources)
        .compose(id -> id == null ? Future.succeededFuture(Answer.NOT_HERE)
            : accounts.revoke(tx, actor, kind, id, String.join(",", sources), "no longer in the directory")
                .map(new Answer(Verdict.DISABLED, String.join(",", sources)))))
        .map(this::revoked);
  }

  /** This node forgets its sessions at once; the others hear of it from the database (V48). */
  private Answer revoked(Answer answer) {
    if (answer.verdict() == Verdict.DISABLED) {
      sessions.forgetAll();
    }
    return answer;
  }

  static ExternalAccounts.Profile profile(Principal.Kind kind, LdapDirectory directory,
                                                  LdapDirectory.Entry entry) {
    Map<String, String> groupRoles = directory.settings().groupRoles();
    TreeSet<String> roles = new TreeSet<>();
    entry.groups().forEach(group -> {
      String role = groupRoles.get(group);
      if (role != null) {
        roles.add(role);
      }
    });
    return ExternalAccounts.Profile.of(kind, directory.source(), entry.fields().get("login"), entry.fields(), roles,
        new TreeSet<>(groupRoles.values()), null);
  }

  /** The directory in force under that name; 404 when there is none. */
  Config.Ldap named(String name) {
    return backends.ldap().stream().filter(d -> d.name().equals(name)).findFirst()
        .orElseThrow(() -> Problem.notFound("no directory named " + name));
  }

  /**
   * What a directory (saved or only filled in) says of a login (and of its password, when given), for the
   * administrator's test button: nothing is written.
   */
  public Future<Preview> preview(Config.Ldap settings, String login, String password) {
    LdapDirectory directory = new LdapDirectory(settings);
    String name = settings.name();
    return vertx.executeBlocking(() -> directory.lookup(login, password), false).map(lookup -> {
      LdapDirectory.Entry entry = lookup.entry();
      if (entry == null) {
        return new Preview(name, false, false, null, null, Map.of(), List.of(), List.of());
      }
      Principal.Kind kind = directory.settings().forCustomers() ? Principal.Kind.CUSTOMER : Principal.Kind.AGENT;
      return new Preview(name, true, entry.disabled(), password == null ? null : lookup.passwordAccepted(),
          entry.dn(), new LinkedHashMap<>(entry.fields()), List.copyOf(entry.groups()),
          List.copyOf(profile(kind, directory, entry).roles()));
    });
  }

  /** The scheduler's {@code directory_sync} job over these directories. */
  public org.gotrs.scheduler.Job syncJob() {
    return new DirectorySync(vertx, pool, accounts, sessions, this::directories);
  }

  private List<LdapDirectory> directoriesFor(Principal.Kind kind) {
    boolean customers = kind == Principal.Kind.CUSTOMER;
    return directories().stream().filter(d -> d.settings().forCustomers() == customers).toList();
  }
}
