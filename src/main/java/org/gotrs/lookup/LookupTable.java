package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.util.List;
import java.util.function.Function;
import org.gotrs.http.Input;
import org.gotrs.permission.Permissions;
import org.gotrs.permission.Principal;

/**
 * One lookup table as the API serves it ({@link LookupService}, {@link LookupRoutes}): its SQL, how a row becomes
 * the view and a body the checked fields, what the fields refer to, who sees which rows, and its names.
 *
 * @param table      the table, for DELETE's {@code valid_id = 2}
 * @param alias      the table's alias in {@code select}
 * @param select     the view's {@code SELECT ... FROM}; lists add the validity filter and order by name
 * @param written    the columns a create and a PATCH set, in the order of {@link Fields}: a column's name, or
 *                   {@code name = expression} where its parameter needs more than {@code $n} ({@code $} stands for it)
 * @param audit      the audit's object type and action prefix ({@code "type"} for {@code type.create})
 * @param label      the entry's name in messages ({@code "ticket type"})
 * @param nameColumn the column an entry is named by, which lists are ordered by: {@code name} but for a system
 *                   address, named by its e-mail address
 * @param <T>        the view
 * @param <F>        what a create sets and a PATCH, merged over the current view, sets
 */
public record LookupTable<T, F extends LookupTable.Fields>(String table, String alias, String select,
                                                             List<String> written, Function<Row, T> view,
                                                             Function<Input, F> fields, Checks<F> checks,
                                                             Visibility visibility, String audit, String label,
                                                             String nameColumn) {

  /** A lookup named by its {@code name} column, as most are. */
  public LookupTable(String table, String alias, String select, List<String> written, Function<Row, T> view,
                     Function<Input, F> fields, Checks<F> checks, Visibility visibility, String audit, String label) {
    this(table, alias, select, written, view, fields, checks, visibility, audit, label, "name");
  }

  /**
   * The fields of a write: a record whose components are the {@code written} columns' values, in that order, and
   * whose name a clash is reported with.
   */
  public interface Fields {

    String name();
  }

  /** What the fields refer to must exist (and not loop); {@code id} is null on a create. */
  @FunctionalInterface
  public interface Checks<F> {

    Future<Void> check(SqlClient client, Integer id, F fields);

    static <F> Checks<F> none() {
      return (client, id, fields) -> Future.succeededFuture();
    }
  }

  /** The rows a caller sees, as a SQL condition on the alias whose parameters start at {@code firstParameter}. */
  @FunctionalInterface
  public interface Visibility {

    Visibility ALL_ROWS = (principal, firstParameter) -> new Permissions.Predicate("TRUE", List.of());

    Permissions.Predicate rowsFor(Principal principal, int firstParameter);
  }
}
