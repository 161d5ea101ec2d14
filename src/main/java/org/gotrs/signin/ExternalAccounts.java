package org.gotrs.signin;

import io.vertx.core.Future;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordDirectory;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Principal;

/**
 * The SQL of the sign-in backends: the agents and customer users a directory or provider keeps, created or updated
 * from what it says, their roles from its groups, and their revocation once it stops knowing them.
 */
final class ExternalAccounts {

  /**
   * What a directory or provider says of a person, by GOTRS field.
   *
   * @param roles the role names its groups or claims map to; {@code managedRoles} those the mapping may give or take
   * @param defaultRole the role a new agent gets when {@code roles} names none; null for none
   */
  record Profile(Principal.Kind kind, String source, String externalId, String login, String email,
                 String firstName, String lastName, String phone, String customerId, Collection<String> roles,
                 Collection<String> managedRoles, String defaultRole) {
    static Profile of(Principal.Kind kind, String source, String externalId, Map<String, String> fields,
                      Collection<String> roles, Collection<String> managedRoles, String defaultRole) {
      String login = fields.get("login");
      String email = fields.getOrDefault("email", login.contains("@") ? login : login + "@invalid");
      return new Profile(kind, source, externalId, login, email, fields.get("first_name"), fields.get("last_name"),
          fields.get("phone"), fields.get("customer_id"), roles, managedRoles, defaultRole);
    }

    /** The roles to give: the mapped ones, or the default one for a new account the mapping gives none. */
    Collection<String> rolesFor(boolean created) {
      return created && roles.isEmpty() && defaultRole != null && !defaultRole.isBlank() ? List.of(defaultRole)
          : roles;
    }
  }

  private final AuditLog audit;

  ExternalAccounts(AuditLog audit) {
    this.audit = audit;
  }

  /**
   * The account a profile names (by its link to the source, else by login), created when {@code create}; null when
   * there is none and none may be created. Its fields, validity and mapped roles follow the profile.
   */
  Future<UUID> sync(SqlClient tx, Actor actor, Profile profile, boolean create) {
    if (PasswordDirectory.ALWAYS_LOCAL.equals(profile.login())) {
      return Future.failedFuture(Problem.forbidden(PasswordDirectory.ALWAYS_LOCAL + " signs in with its password only"));
    }
    return find(tx, profile).compose(existing -> {
      if (existing == null && !create) {
        return Future.succeededFuture((UUID) null);
      }
      Future<UUID> written = existing == null ? insert(tx, profile) : update(tx, profile, existing);
      return written.compose(id -> link(tx, profile, id)
              .compose(linked -> profile.kind() == Principal.Kind.AGENT
                  ? roles(tx, id, profile.managedRoles(), profile.rolesFor(existing == null))
                  : Future.succeededFuture())
              .compose(done -> audit.record(tx, actor, AuditLog.Entry.success(existing == null ? "auth.provisioned"
                  : "auth.synced", objectType(profile.kind()), id, null, Map.of("login", profile.login(),
                  "source", profile.source(), "roles", List.copyOf(profile.roles())))))
              .map(id))
          .recover(failure -> failure instanceof PgException pg && "23505".equals(pg.getSqlState())
              ? Future.failedFuture(Problem.conflict("the e-mail address " + profile.email() + " from "
                  + profile.source() + " belongs to another account"))
              : Future.failedFuture(failure));
    });
  }

  private Future<UUID> find(SqlClient tx, Profile profile) {
    String sql = profile.kind() == Principal.Kind.AGENT
        ? """
          SELECT coalesce((SELECT user_id FROM external_accounts WHERE source = $1 AND external_id = $2),
                          (SELECT id FROM users WHERE login = $3)) AS id"""
        : """
          SELECT coalesce((SELECT customer_user_id FROM external_accounts WHERE source = $1 AND external_id = $2),
                          (SELECT id FROM customer_user WHERE login = $3)) AS id""";
    return tx.preparedQuery(sql).execute(Tuple.of(profile.source(), profile.externalId(), profile.login()))
        .map(rows -> rows.iterator().next().getUUID("id"));
  }

  private Future<UUID> insert(SqlClient tx, Profile profile) {
    if (profile.kind() == Principal.Kind.AGENT) {
      return tx.preparedQuery("""
              INSERT INTO users (login, email, first_name, last_name, phone, valid_id)
              VALUES ($1, $2, $3, $4, $5, 1) RETURNING id""")
          .execute(Tuple.of(profile.login(), profile.email(), profile.firstName(), profile.lastName(), profile.phone()))
          .map(rows -> rows.iterator().next().getUUID("id"));
    }
    return company(tx, profile.customerId()).compose(ignored -> tx.preparedQuery("""
            INSERT INTO customer_user (login, email, first_name, last_name, phone, customer_id, valid_id)
            VALUES ($1, $2, $3, $4, $5, $6, 1) RETURNING id""")
        .execute(Tuple.from(new Object[] {profile.login(), profile.email(), profile.firstName(), profile.lastName(),
            profile.phone(), profile.customerId()}))
        .map(rows -> rows.iterator().next().getUUID("id")));
  }

  /** What the source says wins; what it does not say stays as it was. */
  private Future<UUID> update(SqlClient tx, Profile profile, UUID id) {
    if (profile.kind() == Principal.Kind.AGENT) {
      return tx.preparedQuery("""
              UPDATE users SET login = $2, email = $3, first_name = coalesce($4, first_name),
                               last_name = coalesce($5, last_name), phone = coalesce($6, phone), valid_id = 1,
                               change_time = now()
               WHERE id = $1""")
          .execute(Tuple.from(new Object[] {id, profile.login(), profile.email(), profile.firstName(),
              profile.lastName(), profile.phone()}))
          .map(id);
    }
    return company(tx, profile.customerId()).compose(ignored -> tx.preparedQuery("""
            UPDATE customer_user SET login = $2, email = $3, first_name = coalesce($4, first_name),
                                     last_name = coalesce($5, last_name), phone = coalesce($6, phone),
                                     customer_id = coalesce($7, customer_id), valid_id = 1, change_time = now()
             WHERE id = $1""")
        .execute(Tuple.from(new Object[] {id, profile.login(), profile.email(), profile.firstName(),
            profile.lastName(), profile.phone(), profile.customerId()}))
        .map(id));
  }

  /** A customer company the directory names and GOTRS does not know yet is created under that id. */
  private static Future<Void> company(SqlClient tx, String customerId) {
    if (customerId == null) {
      return Future.succeededFuture();
    }
    return tx.preparedQuery("""
            INSERT INTO customer_company (customer_id, name) VALUES ($1, $1) ON CONFLICT (customer_id) DO NOTHING""")
        .execute(Tuple.of(customerId)).mapEmpty();
  }

  private static Future<Void> link(SqlClient tx, Profile profile, UUID id) {
    boolean agent = profile.kind() == Principal.Kind.AGENT;
    return tx.preparedQuery("""
            INSERT INTO external_accounts (source, external_id, user_id, customer_user_id)
            VALUES ($1, $2, $3, $4)
            ON CONFLICT (source, external_id) DO UPDATE
               SET user_id = excluded.user_id, customer_user_id = excluded.customer_user_id, synced_at = now()""")
        .execute(Tuple.of(profile.source(), profile.externalId(), agent ? id : null, agent ? null : id))
        .mapEmpty();
  }

  /** Gives the mapped roles the profile names and takes the other mapped ones; roles set by hand stay. */
  private static Future<Void> roles(SqlClient tx, UUID userId, Collection<String> managedRoles,
                                    Collection<String> roles) {
    String[] granted = roles.toArray(String[]::new);
    String[] managed = managedRoles.toArray(String[]::new);
    return tx.preparedQuery("""
            DELETE FROM role_user
             WHERE user_id = $1
               AND role_id IN (SELECT id FROM roles WHERE name = ANY($2) AND NOT name = ANY($3))""")
        .execute(Tuple.of(userId, managed, granted))
        .compose(deleted -> tx.preparedQuery("""
                INSERT INTO role_user (user_id, role_id)
                SELECT $1, id FROM roles WHERE name = ANY($2) AND valid_id = 1
                ON CONFLICT DO NOTHING""")
            .execute(Tuple.tuple().addUUID(userId).addArrayOfString(granted)))
        .mapEmpty();
  }

  /**
   * The local account of a login that one of the {@code sources} keeps; null when none does (the database alone
   * knows it, or nobody does).
   */
  Future<UUID> keptBy(SqlClient client, Principal.Kind kind, String login, List<String> sources) {
    String sql = kind == Principal.Kind.AGENT
        ? """
          SELECT u.id FROM external_accounts e JOIN users u ON u.id = e.user_id
           WHERE u.login = $1 AND e.source = ANY($2) LIMIT 1"""
        : """
          SELECT c.id FROM external_accounts e JOIN customer_user c ON c.id = e.customer_user_id
           WHERE c.login = $1 AND e.source = ANY($2) LIMIT 1""";
    return client.preparedQuery(sql).execute(Tuple.tuple().addString(login).addArrayOfString(sources.toArray(String[]::new)))
        .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getUUID("id"));
  }

  /**
   * The source disabled or no longer knows the account: it is made invalid and loses every session, refresh token
   * and API key now.
   */
  Future<Void> revoke(SqlClient tx, Actor actor, Principal.Kind kind, UUID id, String source, String reason) {
    boolean agent = kind == Principal.Kind.AGENT;
    String invalidate = agent ? "UPDATE users SET valid_id = 2, change_time = now() WHERE id = $1 AND valid_id = 1"
        : "UPDATE customer_user SET valid_id = 2, change_time = now() WHERE id = $1 AND valid_id = 1";
    String sessions = agent ? "DELETE FROM sessions WHERE user_id = $1" : "DELETE FROM sessions WHERE customer_user_id = $1";
    return tx.preparedQuery(invalidate).execute(Tuple.of(id))
        .compose(invalidated -> tx.preparedQuery(sessions).execute(Tuple.of(id)))
        .compose(endedSessions -> (agent
            ? tx.preparedQuery("DELETE FROM api_keys WHERE user_id = $1").execute(Tuple.of(id)).map(RowSet::rowCount)
            : Future.succeededFuture(0))
            .compose(keyCount -> audit.record(tx, actor, AuditLog.Entry.success("auth.revoked", objectType(kind), id,
                null, Map.of("source", source, "reason", reason, "sessions", endedSessions.rowCount(),
                    "api_keys", keyCount)))));
  }

  private static String objectType(Principal.Kind kind) {
    return kind == Principal.Kind.AGENT ? "user" : "customer_user";
  }
}
