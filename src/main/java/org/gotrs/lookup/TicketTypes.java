package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Instant;
import java.util.List;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;

/**
 * {@code /types}: ticket types ({@code Unclassified}, {@code Incident}, ...), each optionally with a default
 * priority. Everyone signed in may read them; administrators manage them.
 */
public final class TicketTypes {

  public record TicketType(int id, String name, String comments, String icon, Integer defaultPriorityId,
                           Integer validId, Instant createTime, Instant changeTime) {}

  public record Fields(String name, String comments, String icon, Integer defaultPriorityId, int validId)
      implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(input.string("name", true, 200), input.string("comments", false, 250),
          input.string("icon", false, 50), input.integer("default_priority_id", false), Validity.read(input));
      input.validate();
      return fields;
    }
  }

  private static final String SELECT = """
      SELECT t.id, t.name, t.comments, t.icon, t.default_priority_id, t.valid_id, t.create_time, t.change_time
        FROM ticket_type t
      """;


  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "comments", "icon", "default_priority_id", "valid_id");

  static final LookupTable<TicketType, Fields> TABLE = new LookupTable<>("ticket_type", "t", SELECT, WRITTEN,
      TicketTypes::toType, Fields::read, TicketTypes::checkReferences, LookupTable.Visibility.ALL_ROWS,
      "type", "ticket type");

  private TicketTypes() {}

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    return References.requireExisting(client, List.of(
        References.to("default_priority_id", "ticket_priority", "priority", fields.defaultPriorityId())));
  }

  private static TicketType toType(Row row) {
    return new TicketType(row.getInteger("id"), row.getString("name"), row.getString("comments"),
        row.getString("icon"), row.getInteger("default_priority_id"), row.getInteger("valid_id"),
        Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
