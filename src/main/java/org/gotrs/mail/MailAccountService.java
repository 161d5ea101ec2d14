package org.gotrs.mail;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.SecretBox;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.lookup.Lookups;
import org.gotrs.db.Rows;
import org.gotrs.permission.Actor;

/** The mailboxes the channel polls (administrators only). Passwords are sealed and never returned. */
final class MailAccountService {

  private static final Set<String> TYPES = Set.of(MailAccount.IMAP, MailAccount.POP3);

  /** A create, or a PATCH merged over the current account; {@code password} null keeps the stored one. */
  record Fields(String type, String host, int port, String login, String password, boolean tls, String folder,
                Integer queueId, String queue, int pollSeconds, String comments, int validId) {

    static Fields read(Input input, boolean passwordRequired) {
      String type = input.string("type", true, 10);
      if (type != null && !TYPES.contains(type)) {
        input.error("type", "must be imap or pop3");
      }
      Boolean tls = input.bool("tls", false);
      boolean secure = tls != null && tls;
      Integer port = input.integer("port", false);
      if (port != null && (port < 1 || port > 65535)) {
        input.error("port", "must be between 1 and 65535");
      }
      Integer pollSeconds = input.integer("poll_seconds", false);
      if (pollSeconds != null && (pollSeconds < 1 || pollSeconds > 86_400)) {
        input.error("poll_seconds", "must be between 1 and 86400");
      }
      Integer validId = input.integer("valid_id", false);
      if (validId != null && (validId < 1 || validId > 3)) {
        input.error("valid_id", "must be 1 (valid), 2 (invalid) or 3 (invalid-temporarily)");
      }
      Integer queueId = input.integer("queue_id", false);
      String queue = input.string("queue", false, 200);
      if (queueId == null && queue == null) {
        input.error("queue_id", "is required (as queue_id or queue)");
      }
      String folder = input.string("folder", false, 200);
      Fields fields = new Fields(type, input.string("host", true, 200),
          port != null ? port : defaultPort(type, secure), input.string("login", true, 200),
          input.string("password", passwordRequired, 1000), secure, folder == null || folder.isBlank() ? "INBOX" : folder,
          queueId, queue, pollSeconds != null ? pollSeconds : 60, input.string("comments", false, 250),
          validId != null ? validId : 1);
      input.validate();
      return fields;
    }

    private static int defaultPort(String type, boolean tls) {
      return MailAccount.POP3.equals(type) ? (tls ? 995 : 110) : (tls ? 993 : 143);
    }

    /** What the audit trail keeps of it: everything but the password. */
    Map<String, Object> audited(int queueId) {
      return Map.of("type", type, "host", host, "port", port, "login", login, "tls", tls, "folder", folder,
          "queue_id", queueId, "poll_seconds", pollSeconds, "valid_id", validId);
    }
  }

  private final Pool pool;
  private final AuditLog audit;
  private final SecretBox secrets;

  MailAccountService(Pool pool, AuditLog audit, SecretBox secrets) {
    this.pool = pool;
    this.audit = audit;
    this.secrets = secrets;
  }

  Future<List<MailAccount>> list() {
    return pool.query(MailAccount.SELECT + " ORDER BY m.id").execute().map(rows -> Rows.all(rows, MailAccount::from));
  }

  Future<MailAccount> get(int id) {
    return byId(pool, id);
  }

  Future<MailAccount> create(Actor actor, Fields fields) {
    return pool.withTransaction(tx -> Lookups.requireValidQueue(tx, fields.queueId(), fields.queue())
        .compose(queueId -> tx.preparedQuery("""
                INSERT INTO mail_account (type, host, port, login, password_sealed, tls, folder, queue_id, poll_seconds,
                                          comments, valid_id, create_by, change_by)
                VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)
                RETURNING id""")
            .execute(Tuple.from(new Object[] {fields.type(), fields.host(), fields.port(), fields.login(),
                secrets.seal(fields.password()), fields.tls(), fields.folder(), queueId, fields.pollSeconds(),
                fields.comments(), fields.validId(), actor.principal().userId()}))
            .compose(rows -> {
              int id = rows.iterator().next().getInteger("id");
              return audit.record(tx, actor, AuditLog.Entry.success("mail_account.create", "mail_account", id, null,
                  fields.audited(queueId))).compose(audited -> byId(tx, id));
            })));
  }

  Future<MailAccount> update(Actor actor, int id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id).compose(before -> {
      JsonObject merged = Rows.json(before).mergeIn(patch);
      if (patch.containsKey("queue") && !patch.containsKey("queue_id")) {
        merged.remove("queue_id");
      }
      Fields fields = Fields.read(Input.of(merged), false);
      return Lookups.requireValidQueue(tx, fields.queueId(), fields.queue())
          .compose(queueId -> tx.preparedQuery("""
                  UPDATE mail_account
                     SET type = $1, host = $2, port = $3, login = $4, password_sealed = coalesce($5, password_sealed),
                         tls = $6, folder = $7, queue_id = $8, poll_seconds = $9, comments = $10, valid_id = $11,
                         change_by = $12, change_time = (now() AT TIME ZONE 'UTC')
                   WHERE id = $13""")
              .execute(Tuple.from(new Object[] {fields.type(), fields.host(), fields.port(), fields.login(),
                  fields.password() == null ? null : secrets.seal(fields.password()), fields.tls(), fields.folder(),
                  queueId, fields.pollSeconds(), fields.comments(), fields.validId(), actor.principal().userId(), id}))
              .compose(updated -> audit.record(tx, actor, AuditLog.Entry.success("mail_account.update",
                  "mail_account", id, Rows.json(before).getMap(), fields.audited(queueId))))
              .compose(audited -> byId(tx, id)));
    }));
  }

  Future<Void> delete(Actor actor, int id) {
    return pool.withTransaction(tx -> byId(tx, id)
        .compose(before -> tx.preparedQuery("DELETE FROM mail_account WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("mail_account.delete", "mail_account",
                id, Rows.json(before).getMap(), null)))));
  }

  /** Valid accounts whose poll interval has passed since their last poll. */
  Future<List<Integer>> due() {
    return pool.query("""
            SELECT id FROM mail_account
             WHERE valid_id = 1
               AND (last_poll_time IS NULL
                    OR last_poll_time <= (now() AT TIME ZONE 'UTC') - make_interval(secs => poll_seconds))
             ORDER BY id""")
        .execute()
        .map(rows -> Rows.all(rows, row -> row.getInteger("id")));
  }

  /**
   * Marks the start of a poll and returns where to connect; empty when the account is gone or invalid, or
   * (unless {@code force}) was polled within its interval by another node meanwhile.
   */
  Future<MailAccount.Connection> startPoll(SqlClient client, int id, boolean force) {
    return client.preparedQuery("""
            UPDATE mail_account SET last_poll_time = (now() AT TIME ZONE 'UTC')
             WHERE id = $1 AND valid_id = 1
               AND ($2 OR last_poll_time IS NULL
                    OR last_poll_time <= (now() AT TIME ZONE 'UTC') - make_interval(secs => poll_seconds))
            RETURNING id, type, host, port, login, password_sealed, tls, folder, queue_id""")
        .execute(Tuple.of(id, force))
        .map(rows -> rows.size() == 0 ? null : connection(rows.iterator().next()));
  }

  /** Remembers how the poll ended: null clears the last error. */
  Future<Void> finishPoll(int id, String error) {
    return pool.preparedQuery("UPDATE mail_account SET last_error = $2 WHERE id = $1")
        .execute(Tuple.of(id, error)).mapEmpty();
  }

  private MailAccount.Connection connection(Row row) {
    return new MailAccount.Connection(row.getInteger("id"), row.getString("type"), row.getString("host"),
        row.getInteger("port"), row.getString("login"), secrets.open(row.getString("password_sealed")),
        row.getBoolean("tls"), row.getString("folder"), row.getInteger("queue_id"));
  }

  private static Future<MailAccount> byId(SqlClient client, int id) {
    return client.preparedQuery(MailAccount.SELECT + " WHERE m.id = $1").execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, MailAccount::from, () -> Problem.notFound("mail account " + id + " not found")));
  }
}
