package org.gotrs.apikey;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.auth.Authenticator;
import org.gotrs.db.Rows;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * API keys an agent creates for themselves: shown once, stored as a hash, optionally expiring or read-only. Keys are
 * made and changed only from a signed-in session: a key that could mint or widen keys would hand out credentials
 * that outlive its own revocation (those made that way before are revoked with their parent, db/V51).
 * Administrators, signed in, list every agent's keys and revoke any of them.
 */
public final class ApiKeyService {

  /** A key as listed: never the key itself. */
  public record ApiKey(UUID id, String name, List<String> permissions, Instant expiresAt, Instant lastUsed,
                       Instant createdAt) {}

  /** The answer to a create: the only time {@code key} is shown. */
  public record CreatedKey(UUID id, String name, String key, List<String> permissions, Instant expiresAt,
                           Instant createdAt) {}

  /** A key as administrators list them: with whose it is. */
  public record OwnedKey(UUID id, String name, List<String> permissions, Instant expiresAt, Instant lastUsed,
                         Instant createdAt, UUID userId, String owner) {}

  public record Changes(String name, List<String> permissions, Instant expiresAt, boolean clearExpiry) {}

  private static final String COLUMNS = "id, name, permissions, expires_at, last_used, created_at";

  private final Pool pool;
  private final AuditLog audit;

  public ApiKeyService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.audit = audit;
  }

  public Future<CreatedKey> create(Actor actor, String name, List<String> permissions, Instant expiresAt) {
    UUID owner = signedIn(actor);
    String key = "gotrs_" + randomKey();
    return pool.withTransaction(tx -> tx.preparedQuery(
                "INSERT INTO api_keys (user_id, name, key_hash, permissions, expires_at) VALUES ($1, $2, $3, $4, $5)"
                    + " RETURNING " + COLUMNS)
        .execute(Tuple.of(owner, name, Authenticator.hashApiKey(key), permissions == null ? null : new JsonArray(permissions),
            utc(expiresAt)))
        .compose(rows -> {
          ApiKey created = toKey(rows.iterator().next());
          return audit.record(tx, actor, AuditLog.Entry.success("api_key.create", "api_key", created.id(), null,
                  Map.of("name", name, "permissions", permissions == null ? List.of() : permissions)))
              .map(new CreatedKey(created.id(), created.name(), key, created.permissions(), created.expiresAt(),
                  created.createdAt()));
        }));
  }

  public Future<List<ApiKey>> list(Actor actor) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE user_id = $1 ORDER BY created_at, id")
        .execute(Tuple.of(agent(actor)))
        .map(ApiKeyService::toKeys);
  }

  /** Every agent's keys, by owner: for administrators. */
  public Future<List<OwnedKey>> listAll(Actor actor) {
    requireAdministrator(actor);
    return pool.query("""
            SELECT k.id, k.name, k.permissions, k.expires_at, k.last_used, k.created_at, k.user_id, u.login AS owner
              FROM api_keys k JOIN users u ON u.id = k.user_id
             ORDER BY u.login, k.created_at, k.id""").execute()
        .map(rows -> java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(row -> {
          ApiKey key = toKey(row);
          return new OwnedKey(key.id(), key.name(), key.permissions(), key.expiresAt(), key.lastUsed(),
              key.createdAt(), row.getUUID("user_id"), row.getString("owner"));
        }).toList());
  }

  public Future<ApiKey> get(Actor actor, UUID id) {
    return pool.preparedQuery("SELECT " + COLUMNS + " FROM api_keys WHERE id = $1 AND user_id = $2")
        .execute(Tuple.of(id, agent(actor)))
        .map(rows -> single(rows, id));
  }

  public Future<ApiKey> update(Actor actor, UUID id, Changes changes) {
    UUID owner = signedIn(actor);
    return pool.withTransaction(tx -> tx.preparedQuery("""
                UPDATE api_keys
                   SET name = coalesce($3, name),
                       permissions = CASE WHEN $4::jsonb IS NULL THEN permissions ELSE $4::jsonb END,
                       expires_at = CASE WHEN $6 THEN NULL ELSE coalesce($5, expires_at) END
                 WHERE id = $1 AND user_id = $2
             RETURNING\s""" + COLUMNS)
        .execute(Tuple.from(new Object[] {id, owner, changes.name(),
            changes.permissions() == null ? null : new JsonArray(changes.permissions()), utc(changes.expiresAt()),
            changes.clearExpiry()}))
        .map(rows -> single(rows, id))
        .compose(key -> audit.record(tx, actor, AuditLog.Entry.success("api_key.update", "api_key", id, null,
            Map.of("name", key.name(), "permissions", key.permissions()))).map(key)));
  }

  /** Revokes the key, the caller's own or, for a signed-in administrator, anyone's: it stops working at once. */
  public Future<Void> revoke(Actor actor, UUID id) {
    UUID caller = agent(actor);
    boolean anyone = actor.principal().admin() && actor.principal().apiKeyId() == null;
    return pool.withTransaction(tx -> tx.preparedQuery("""
                DELETE FROM api_keys WHERE id = $1 AND (user_id = $2 OR $3) RETURNING name, user_id""")
        .execute(Tuple.of(id, caller, anyone))
        .compose(rows -> rows.size() == 0 ? Future.failedFuture(notFound(id))
            : audit.record(tx, actor, AuditLog.Entry.success("api_key.revoke", "api_key", id,
                Map.of("name", rows.iterator().next().getString("name"), "user_id",
                    rows.iterator().next().getUUID("user_id").toString()), null))));
  }

  private static void requireAdministrator(Actor actor) {
    if (!actor.principal().isAgent() || !actor.principal().admin()) {
      throw Problem.forbidden("every agent's keys are for administrators");
    }
  }

  /** The agent, when signed in with a session rather than an API key: who may create or change keys. */
  public static UUID signedIn(Actor actor) {
    UUID owner = agent(actor);
    if (actor.principal().apiKeyId() != null) {
      throw Problem.forbidden("API keys are created and changed from a signed-in session, not with an API key");
    }
    return owner;
  }

  private static UUID agent(Actor actor) {
    if (!actor.principal().isAgent()) {
      throw Problem.forbidden("API keys are for agents");
    }
    return actor.principal().userId();
  }

  private static ApiKey single(RowSet<Row> rows, UUID id) {
    if (rows.size() == 0) {
      throw notFound(id);
    }
    return toKey(rows.iterator().next());
  }

  private static Problem notFound(UUID id) {
    return Problem.notFound("API key " + id + " not found");
  }

  private static List<ApiKey> toKeys(RowSet<Row> rows) {
    return java.util.stream.StreamSupport.stream(rows.spliterator(), false).map(ApiKeyService::toKey).toList();
  }

  private static ApiKey toKey(Row row) {
    Object permissions = row.getValue("permissions");
    List<String> scopes = permissions instanceof JsonArray array
        ? array.stream().map(String::valueOf).toList() : List.of();
    return new ApiKey(row.getUUID("id"), row.getString("name"), scopes, Rows.instant(row, "expires_at"),
        Rows.instant(row, "last_used"), Rows.instant(row, "created_at"));
  }

  private static LocalDateTime utc(Instant instant) {
    return instant == null ? null : LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
  }

  private static String randomKey() {
    byte[] random = new byte[32];
    new java.security.SecureRandom().nextBytes(random);
    return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random);
  }
}
