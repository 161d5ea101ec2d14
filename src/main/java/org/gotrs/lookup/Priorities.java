package org.gotrs.lookup;

import io.vertx.sqlclient.Row;
import java.time.Instant;
import java.util.List;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;

/**
 * {@code /priorities}: ticket priorities ({@code "3 normal"} and friends). Everyone signed in may read them;
 * administrators manage them.
 */
public final class Priorities {

  public record Priority(int id, String name, String color, Integer validId, Instant createTime, Instant changeTime) {}

  public record Fields(String name, String color, int validId) implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), LookupInput.color(input), Validity.read(input));
      input.validate();
      return fields;
    }
  }

  private static final String SELECT = """
      SELECT p.id, p.name, p.color, p.valid_id, p.create_time, p.change_time
        FROM ticket_priority p
      """;


  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "color", "valid_id");

  static final LookupTable<Priority, Fields> TABLE = new LookupTable<>("ticket_priority", "p", SELECT, WRITTEN,
      Priorities::toPriority, Fields::read, LookupTable.Checks.none(), LookupTable.Visibility.ALL_ROWS,
      "priority", "priority");

  private Priorities() {}

  private static Priority toPriority(Row row) {
    return new Priority(row.getInteger("id"), row.getString("name"), row.getString("color"),
        row.getInteger("valid_id"), Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
