package org.gotrs.account;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.commons.codec.digest.DigestUtils;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.PasswordHasher;
import org.gotrs.auth.SessionCache;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.mail.MailQueue;
import org.gotrs.permission.Actor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A customer's forgotten password: a request mails a link with a single-use token (only its SHA-256 is stored) that
 * works for an hour; confirming it sets the new password, retires the customer's other reset tokens and ends all
 * their sessions, in one transaction. Whether an address belongs to anyone is never told: the request is answered
 * before any of this is looked up ({@link #request}).
 */
public final class PasswordResets {

  private static final Logger LOG = LoggerFactory.getLogger(PasswordResets.class);
  static final Duration TOKEN_LIFETIME = Duration.ofHours(1);
  private static final SecureRandom RANDOM = new SecureRandom();

  private record Recipient(UUID id, String login, String email, String firstName, String language) {}

  private final Vertx vertx;
  private final Pool pool;
  private final PasswordHasher hasher;
  private final AuditLog audit;
  private final SessionCache sessions;
  private final String portalUrl;

  public PasswordResets(Vertx vertx, Pool pool, PasswordHasher hasher, AuditLog audit, SessionCache sessions,
                        String publicUrl) {
    this.vertx = vertx;
    this.pool = pool;
    this.hasher = hasher;
    this.audit = audit;
    this.sessions = sessions;
    this.portalUrl = publicUrl + "/portal/";
  }

  /**
   * Queues a reset mail to each valid customer user with this address and audits the request. The caller answers
   * without waiting for it, so an address on file takes no longer to answer than one that is not.
   */
  public Future<Void> request(Actor actor, String email) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                SELECT id, login, email, first_name, language FROM customer_user
                 WHERE lower(email) = lower($1) AND valid_id = 1""")
            .execute(Tuple.of(email))
            .map(rows -> Rows.all(rows, PasswordResets::recipient))
            .compose(recipients -> recipients.isEmpty()
                ? audit.record(tx, actor, new AuditLog.Entry("auth.password_reset.request", "customer_user", null,
                    null, Map.of("email", email), "failure", "no customer user with this address"))
                : Future.join(recipients.stream().map(recipient -> issue(tx, actor, recipient)).toList()).mapEmpty()))
        .onFailure(failure -> LOG.warn("password reset for {} not sent: {}", email, failure.getMessage()))
        .mapEmpty();
  }

  private Future<Void> issue(SqlClient tx, Actor actor, Recipient recipient) {
    String token = randomToken();
    return tx.preparedQuery("DELETE FROM customer_password_reset WHERE customer_user_id = $1 AND used_time IS NULL")
        .execute(Tuple.of(recipient.id()))
        .compose(retired -> tx.preparedQuery("""
                INSERT INTO customer_password_reset (token_hash, customer_user_id, expires_time)
                VALUES ($1, $2, (now() AT TIME ZONE 'UTC') + make_interval(secs => $3))""")
            .execute(Tuple.of(DigestUtils.sha256Hex(token), recipient.id(), (double) TOKEN_LIFETIME.toSeconds())))
        .compose(inserted -> MailQueue.enqueue(tx, List.of(mail(recipient, token))))
        .compose(queued -> audit.record(tx, actor, AuditLog.Entry.success("auth.password_reset.request",
            "customer_user", recipient.id(), null, Map.of("login", recipient.login()))));
  }

  /** Sets the new password if the token is known, unused and not expired; else a 422 and nothing changes. */
  public Future<Void> confirm(Actor actor, String token, String password) {
    return vertx.executeBlocking(() -> hasher.hash(password))
        .compose(hash -> pool.withTransaction(tx -> tx.preparedQuery("""
                    SELECT r.customer_user_id, c.login FROM customer_password_reset r
                      JOIN customer_user c ON c.id = r.customer_user_id AND c.valid_id = 1
                     WHERE r.token_hash = $1 AND r.used_time IS NULL
                       AND r.expires_time > (now() AT TIME ZONE 'UTC')
                       FOR UPDATE OF r""")
            .execute(Tuple.of(DigestUtils.sha256Hex(token)))
            .map(rows -> Rows.one(rows, row -> row, () -> Problem.invalid("token",
                "is unknown, already used or expired; ask for a new link")))
            .compose(row -> reset(tx, actor, row.getUUID("customer_user_id"), row.getString("login"), hash))))
        .onSuccess(done -> sessions.forgetAll());
  }

  private Future<Void> reset(SqlClient tx, Actor actor, UUID customerUserId, String login, String hash) {
    return tx.preparedQuery("""
            UPDATE customer_user SET password_hash = $2, pw = NULL, change_time = now() AT TIME ZONE 'UTC'
             WHERE id = $1""").execute(Tuple.of(customerUserId, hash))
        .compose(updated -> tx.preparedQuery("""
            UPDATE customer_password_reset SET used_time = now() AT TIME ZONE 'UTC'
             WHERE customer_user_id = $1 AND used_time IS NULL""").execute(Tuple.of(customerUserId)))
        .compose(used -> tx.preparedQuery("DELETE FROM sessions WHERE customer_user_id = $1")
            .execute(Tuple.of(customerUserId)))
        .compose(ended -> audit.record(tx, actor, AuditLog.Entry.success("auth.password_reset", "customer_user",
            customerUserId, null, Map.of("login", login, "sessions_ended", ended.rowCount()))));
  }

  private MailQueue.Message mail(Recipient recipient, String token) {
    String link = portalUrl + "#/reset/" + token;
    String name = recipient.firstName() == null || recipient.firstName().isBlank() ? recipient.login()
        : recipient.firstName();
    boolean german = recipient.language() != null && recipient.language().toLowerCase(Locale.ROOT).startsWith("de");
    String subject = german ? "Passwort zurücksetzen" : "Reset your password";
    String body = german ? """
        Hallo %s,

        jemand – hoffentlich Sie – möchte das Passwort Ihres Kontos „%s“ im Kundenportal zurücksetzen.
        Um ein neues Passwort zu wählen, öffnen Sie innerhalb einer Stunde diesen Link:

        %s

        Der Link funktioniert nur einmal. Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail;
        Ihr Passwort bleibt dann, wie es ist.
        """ : """
        Hello %s,

        someone – hopefully you – asked to reset the password of your customer portal account "%s".
        To choose a new password, open this link within the hour:

        %s

        The link works once. If you did not ask for this, ignore this e-mail; your password stays as it is.
        """;
    return new MailQueue.Message(null, "customer:password-reset", recipient.email(), subject,
        body.formatted(name, recipient.login(), link), true);
  }

  private static Recipient recipient(Row row) {
    return new Recipient(row.getUUID("id"), row.getString("login"), row.getString("email"),
        row.getString("first_name"), row.getString("language"));
  }

  /** 256 random bits, URL-safe: a token mailed in a link, of which only the SHA-256 is kept. */
  static String randomToken() {
    byte[] random = new byte[32];
    RANDOM.nextBytes(random);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
