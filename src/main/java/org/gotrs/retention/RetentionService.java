package org.gotrs.retention;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.db.Rows;
import org.gotrs.permission.Actor;

/** Retention policies: create, read, change, delete. A new or changed policy is due at the next retention run. */
public final class RetentionService {

  private static final String SELECT = "SELECT " + RetentionPolicy.COLUMNS + " FROM data_retention_policy";

  private final Pool pool;
  private final AuditLog audit;
  private final Clock clock;

  public RetentionService(Pool pool, AuditLog audit, Clock clock) {
    this.pool = pool;
    this.audit = audit;
    this.clock = clock;
  }

  public Future<List<RetentionPolicy>> list() {
    return pool.query(SELECT + " ORDER BY table_name, retention_days, id").execute()
        .map(rows -> Rows.all(rows, RetentionPolicy::from));
  }

  public Future<RetentionPolicy> get(UUID id) {
    return byId(pool, id, false);
  }

  Future<RetentionPolicy> create(Actor actor, RetentionPolicy.Fields fields) {
    return pool.withTransaction(tx -> tx.preparedQuery("""
            INSERT INTO data_retention_policy (table_name, column_name, retention_days, action, conditions, enabled,
                                               next_run)
            VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id""")
        .execute(Tuple.of(fields.tableName(), fields.columnName(), fields.retentionDays(), fields.action(),
            fields.conditions(), fields.enabled(), now()))
        .compose(rows -> byId(tx, rows.iterator().next().getUUID("id"), false))
        .compose(policy -> audit.record(tx, actor, AuditLog.Entry.success("retention_policy.create",
            "data_retention_policy", policy.id(), null, Rows.json(policy).getMap())).map(policy)));
  }

  Future<RetentionPolicy> update(Actor actor, UUID id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
      RetentionPolicy.Fields fields = RetentionPolicy.Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return tx.preparedQuery("""
              UPDATE data_retention_policy
                 SET table_name = $1, column_name = $2, retention_days = $3, action = $4, conditions = $5,
                     enabled = $6, next_run = least(next_run, $7)
               WHERE id = $8""")
          .execute(Tuple.from(new Object[] {fields.tableName(), fields.columnName(), fields.retentionDays(),
              fields.action(), fields.conditions(), fields.enabled(), now(), id}))
          .compose(updated -> byId(tx, id, false))
          .compose(after -> audit.record(tx, actor, AuditLog.Entry.success("retention_policy.update",
              "data_retention_policy", id, Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
    }));
  }

  Future<Void> delete(Actor actor, UUID id) {
    return pool.withTransaction(tx -> byId(tx, id, true)
        .compose(before -> tx.preparedQuery("DELETE FROM data_retention_policy WHERE id = $1").execute(Tuple.of(id))
            .compose(deleted -> audit.record(tx, actor, AuditLog.Entry.success("retention_policy.delete",
                "data_retention_policy", id, Rows.json(before).getMap(), null)))));
  }

  static Future<RetentionPolicy> byId(SqlClient client, UUID id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE id = $1" + (forUpdate ? " FOR UPDATE" : "")).execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, RetentionPolicy::from, () -> Problem.notFound("retention policy " + id + " not found")));
  }

  private LocalDateTime now() {
    return LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
  }
}
