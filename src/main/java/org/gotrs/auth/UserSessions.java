package org.gotrs.auth;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * An agent's sign-in sessions as administrators see them, and ending them: the agent's tokens stop working and
 * their live connections close, on every node (the sessions table's delete trigger announces it, db/V48).
 */
public final class UserSessions {

  /** One session: when it began and ends, from where; {@code current} is the asking administrator's own. */
  public record Session(String id, Instant createdAt, Instant expiresAt, String ipAddress, String userAgent,
                        boolean current) {}

  private final Pool pool;
  private final AuditLog audit;
  private final SessionCache sessions;

  public UserSessions(Pool pool, AuditLog audit, SessionCache sessions) {
    this.pool = pool;
    this.audit = audit;
    this.sessions = sessions;
  }

  public Future<List<Session>> list(Actor actor, UUID userId) {
    return pool.preparedQuery("""
            SELECT id, created_at, expires_at, host(ip_address) AS ip_address, user_agent
              FROM sessions
             WHERE user_id = $1 AND (expires_at IS NULL OR expires_at > now())
             ORDER BY created_at DESC, id""")
        .execute(Tuple.of(userId))
        .map(rows -> Rows.all(rows, row -> new Session(row.getString("id"), Rows.instant(row, "created_at"),
            Rows.instant(row, "expires_at"), row.getString("ip_address"), row.getString("user_agent"),
            row.getString("id").equals(actor.principal().sessionId()))));
  }

  /** Ends one of the agent's sessions, or all of them when {@code sessionId} is null; 404 if there was none. */
  public Future<Void> end(Actor actor, UUID userId, String sessionId) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM sessions WHERE user_id = $1 AND ($2::text IS NULL OR id = $2) RETURNING id""")
            .execute(Tuple.of(userId, sessionId))
            .compose(ended -> ended.size() == 0 && sessionId != null
                ? Future.failedFuture(Problem.notFound("no such session"))
                : audit.record(tx, actor, AuditLog.Entry.success("auth.sessions_end", "user", userId,
                    Map.of("sessions", ended.size()), null))))
        .onSuccess(done -> sessions.forgetAll());
  }
}
