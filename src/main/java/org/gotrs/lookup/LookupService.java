package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BinaryOperator;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * A lookup's reads and writes, as every admin lookup does them: lists filtered by {@code valid_id} and ordered by
 * name, each write in one transaction with its audit row, a clashing name answered as 409, DELETE marking the entry
 * invalid. An entry the caller may not see is answered like a missing one.
 */
final class LookupService<T, F extends LookupTable.Fields> {

  private static final String LIST = """
      %1$s WHERE ($1::int IS NULL OR %2$s.valid_id = $1) AND %3$s
       ORDER BY %2$s.%4$s, %2$s.id""";
  private static final String VISIBLE_BY_ID = "%1$s WHERE %2$s.id = $1 AND %3$s";
  private static final String BY_ID = "%1$s WHERE %2$s.id = $1";
  private static final String LOCKED = " FOR UPDATE OF %s";
  private static final String INSERT = """
      INSERT INTO %1$s (%2$s, create_by, change_by)
      VALUES (%3$s, $%4$d, $%4$d)
      RETURNING id""";
  private static final String UPDATE = """
      UPDATE %1$s
         SET %2$s, change_by = $%3$d, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $%4$d""";

  private final Pool pool;
  private final AuditLog audit;
  private final LookupTable<T, F> table;
  private final String insert;
  private final String update;

  LookupService(Pool pool, AuditLog audit, LookupTable<T, F> table) {
    this.pool = pool;
    this.audit = audit;
    this.table = table;
    List<String> written = table.written();
    int by = written.size() + 1;
    this.insert = INSERT.formatted(table.table(), each(written, (column, parameter) -> column),
        each(written, (column, parameter) -> parameter), by);
    this.update = UPDATE.formatted(table.table(), each(written, (column, parameter) -> column + " = " + parameter),
        by, by + 1);
  }

  Future<List<T>> list(Principal principal, Integer validId) {
    Permissions.Predicate visible = table.visibility().rowsFor(principal, 2);
    return pool.preparedQuery(LIST.formatted(table.select(), table.alias(), visible.sql(), table.nameColumn()))
        .execute(parameters(validId, visible))
        .map(rows -> Rows.all(rows, table.view()));
  }

  Future<T> get(Principal principal, int id) {
    Permissions.Predicate visible = table.visibility().rowsFor(principal, 2);
    return pool.preparedQuery(VISIBLE_BY_ID.formatted(table.select(), table.alias(), visible.sql()))
        .execute(parameters(id, visible))
        .map(rows -> Rows.one(rows, table.view(), () -> notFound(id)));
  }

  /** Reads and checks a body; a 422 names every wrong field. */
  F read(Input input) {
    return table.fields().apply(input);
  }

  /** Inserts the entry and answers it as it reads back. */
  Future<T> create(Actor actor, F fields) {
    return pool.withTransaction(tx -> table.checks().check(tx, null, fields)
            .compose(checked -> tx.preparedQuery(insert).execute(parameters(fields, actor.principal().userId())))
            .map(rows -> rows.iterator().next().getInteger("id"))
            .compose(id -> byId(tx, id, false).compose(created -> audit.record(tx, actor,
                AuditLog.Entry.success(table.audit() + ".create", table.audit(), id, null, Rows.json(created).getMap()))
                .map(created))))
        .recover(Rows.duplicate("a " + table.label() + " named '" + fields.name() + "' already exists"));
  }

  /** Locks the entry, merges the PATCH over it, checks the result like a create and answers it as it reads back. */
  Future<T> update(Actor actor, int id, JsonObject patch) {
    return pool.withTransaction(tx -> byId(tx, id, true).compose(before -> {
          F fields = read(Input.of(Rows.json(before).mergeIn(patch)));
          return table.checks().check(tx, id, fields)
              .compose(checked -> tx.preparedQuery(update)
                  .execute(parameters(fields, actor.principal().userId()).addInteger(id)))
              .compose(written -> byId(tx, id, false))
              .compose(after -> audit.record(tx, actor, AuditLog.Entry.success(table.audit() + ".update",
                  table.audit(), id, Rows.json(before).getMap(), Rows.json(after).getMap())).map(after));
        }))
        .recover(Rows.duplicate("another " + table.label() + " has this name"));
  }

  /** Marks the entry invalid: tickets and their history keep referring to it. */
  Future<Void> invalidate(Actor actor, int id) {
    return pool.withTransaction(tx -> Validity.invalidate(tx, table.table(), id, actor.principal().userId(),
            () -> notFound(id))
        .compose(before -> audit.record(tx, actor, AuditLog.Entry.success(table.audit() + ".delete", table.audit(),
            id, Map.of("valid_id", before), Map.of("valid_id", Validity.INVALID)))));
  }

  /** One entry whoever asks, locked for update when asked; a failed future with a 404 when there is none. */
  Future<T> byId(SqlClient client, int id, boolean forUpdate) {
    String sql = BY_ID.formatted(table.select(), table.alias())
        + (forUpdate ? LOCKED.formatted(table.alias()) : "");
    return client.preparedQuery(sql)
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, table.view(), () -> notFound(id)));
  }

  Problem notFound(int id) {
    return Problem.notFound(table.label() + " " + id + " not found");
  }

  /** The written columns as a list, each made of its name and its parameter ({@code $1} for the first). */
  private static String each(List<String> written, BinaryOperator<String> part) {
    return IntStream.range(0, written.size()).mapToObj(i -> {
      String[] column = written.get(i).split(" = ", 2);
      String parameter = column.length == 1 ? "$" : column[1];
      return part.apply(column[0], parameter.replace("$", "$" + (i + 1)));
    }).collect(Collectors.joining(", "));
  }

  /** The parameters of INSERT and UPDATE: the fields' values in their record's order, then the writer's id. */
  private static Tuple parameters(LookupTable.Fields fields, UUID by) {
    Tuple parameters = Tuple.tuple();
    for (RecordComponent component : fields.getClass().getRecordComponents()) {
      try {
        parameters.addValue(component.getAccessor().invoke(fields));
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component, e);
      }
    }
    return parameters.addValue(by);
  }

  private static Tuple parameters(Object first, Permissions.Predicate visible) {
    List<Object> parameters = new ArrayList<>();
    parameters.add(first);
    parameters.addAll(visible.parameters());
    return Tuple.from(parameters);
  }
}
