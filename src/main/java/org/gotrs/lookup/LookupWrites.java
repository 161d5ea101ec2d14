package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlClient;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.ToIntFunction;
import org.gotrs.audit.AuditLog;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/**
 * Create, change and DELETE as every admin lookup does them: each in one transaction with its audit row, a
 * clashing name answered as 409, DELETE marking the entry invalid. A lookup says only how to read one entry and
 * what its INSERT and UPDATE are.
 *
 * @param <T> the lookup's view
 */
public final class LookupWrites<T> {

  /** One entry by id, locked for update when asked; a failed future with the lookup's 404 when there is none. */
  @FunctionalInterface
  public interface Reader<T> {
    Future<T> byId(SqlClient client, int id, boolean forUpdate);
  }

  private final Pool pool;
  private final AuditLog audit;
  private final String table;
  private final String kind;
  private final String label;
  private final Reader<T> reader;
  private final ToIntFunction<T> idOf;
  private final IntFunction<Problem> missing;

  /**
   * @param kind the audit's object type and action prefix ({@code "type"} for {@code type.create})
   * @param label the entry's name in messages ({@code "ticket type"})
   */
  public LookupWrites(Pool pool, AuditLog audit, String table, String kind, String label, Reader<T> reader,
               ToIntFunction<T> idOf, IntFunction<Problem> missing) {
    this.pool = pool;
    this.audit = audit;
    this.table = table;
    this.kind = kind;
    this.label = label;
    this.reader = reader;
    this.idOf = idOf;
    this.missing = missing;
  }

  /** Runs {@code insert} (a statement {@code RETURNING id}) and answers the new entry as it reads back. */
  public Future<T> create(Actor actor, String name, Function<SqlClient, Future<RowSet<Row>>> insert) {
    return pool.withTransaction(tx -> insert.apply(tx)
            .compose(rows -> reader.byId(tx, rows.iterator().next().getInteger("id"), false))
            .compose(created -> audit.record(tx, actor, AuditLog.Entry.success(kind + ".create", kind,
                idOf.applyAsInt(created), null, Rows.json(created).getMap())).map(created)))
        .recover(Rows.duplicate("a " + label + " named '" + name + "' already exists"));
  }

  /** Locks the entry, runs {@code write} with it as it was, and answers it as it reads back. */
  public Future<T> update(Actor actor, int id, BiFunction<SqlClient, T, Future<?>> write) {
    return pool.withTransaction(tx -> reader.byId(tx, id, true).compose(before -> write.apply(tx, before)
            .compose(written -> reader.byId(tx, id, false))
            .compose(after -> audit.record(tx, actor, AuditLog.Entry.success(kind + ".update", kind, id,
                Rows.json(before).getMap(), Rows.json(after).getMap())).map(after))))
        .recover(Rows.duplicate("another " + label + " has this name"));
  }

  /** Marks the entry invalid: tickets and their history keep referring to it. */
  public Future<Void> invalidate(Actor actor, int id) {
    return pool.withTransaction(tx -> Validity.invalidate(tx, table, id, actor.principal().userId(),
            () -> missing.apply(id))
        .compose(before -> audit.record(tx, actor, AuditLog.Entry.success(kind + ".delete", kind, id,
            Map.of("valid_id", before), Map.of("valid_id", Validity.INVALID)))));
  }
}
