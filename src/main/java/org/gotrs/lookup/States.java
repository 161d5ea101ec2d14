package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;

/**
 * {@code /states}: ticket states, each of a state type (1 new, 2 open, 3 pending, 4 closed, 5 removed, 6 merged).
 * Everyone signed in may read them; administrators manage them.
 */
public final class States {

  /** {@code autoTransitionTime} is an ISO-8601 duration such as {@code PT2H}. */
  public record State(int id, String name, int typeId, String typeName, String color, String icon,
                      Integer autoTransitionTo, String autoTransitionTime, String comments, Integer validId,
                      Instant createTime, Instant changeTime) {}

  public record Fields(String name, Integer typeId, String color, String icon, Integer autoTransitionTo,
                       Long autoTransitionSeconds, String comments, int validId) implements LookupTable.Fields {

    public static Fields read(Input input) {
      Fields fields = new Fields(
          input.string("name", true, 200),
          input.integer("type_id", true),
          LookupInput.color(input),
          input.string("icon", false, 50),
          input.integer("auto_transition_to", false),
          seconds(input),
          input.string("comments", false, 250),
          Validity.read(input));
      if (fields.autoTransitionSeconds() != null && fields.autoTransitionTo() == null) {
        input.error("auto_transition_time", "needs auto_transition_to, the state to move to");
      }
      input.validate();
      return fields;
    }

    /** {@code auto_transition_time}: an ISO-8601 duration ({@code "PT2H"}, {@code "P1D"}) or a number of seconds. */
    private static Long seconds(Input input) {
      Object value = input.json().getValue("auto_transition_time");
      Long seconds = null;
      if (value instanceof String text) {
        try {
          seconds = Duration.parse(text).getSeconds();
        } catch (DateTimeParseException e) {
          input.error("auto_transition_time", "must be an ISO-8601 duration such as PT2H, or a number of seconds");
          return null;
        }
      } else if (value != null) {
        seconds = input.longValue("auto_transition_time", false);
      }
      if (seconds != null && seconds <= 0) {
        input.error("auto_transition_time", "must be longer than zero");
        return null;
      }
      return seconds;
    }
  }

  private static final String SELECT = """
      SELECT s.id, s.name, s.type_id, st.name AS type_name, s.color, s.icon, s.auto_transition_to,
             extract(epoch FROM s.auto_transition_time)::bigint AS auto_transition_seconds,
             s.comments, s.valid_id, s.create_time, s.change_time
        FROM ticket_state s
        JOIN ticket_state_type st ON st.id = s.type_id
      """;

  /** What a create and a PATCH write, in the order of {@link Fields}. */
  private static final List<String> WRITTEN = List.of("name", "type_id", "color", "icon", "auto_transition_to",
      "auto_transition_time = $::bigint * interval '1 second'", "comments", "valid_id");

  static final LookupTable<State, Fields> TABLE = new LookupTable<>("ticket_state", "s", SELECT, WRITTEN,
      States::toState, Fields::read, States::checkReferences, LookupTable.Visibility.ALL_ROWS, "state", "state");

  private States() {}

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    if (id != null && id.equals(fields.autoTransitionTo())) {
      return Future.failedFuture(Problem.invalid("auto_transition_to", "cannot be the state itself"));
    }
    return References.requireExisting(client, List.of(
        References.to("type_id", "ticket_state_type", "state type", fields.typeId()),
        References.to("auto_transition_to", "ticket_state", "state", fields.autoTransitionTo())));
  }

  private static State toState(Row row) {
    Long seconds = row.getLong("auto_transition_seconds");
    return new State(row.getInteger("id"), row.getString("name"), row.getInteger("type_id"),
        row.getString("type_name"), row.getString("color"), row.getString("icon"), row.getInteger("auto_transition_to"),
        seconds == null ? null : Duration.ofSeconds(seconds).toString(), row.getString("comments"),
        row.getInteger("valid_id"), Rows.instant(row, "create_time"), Rows.instant(row, "change_time"));
  }
}
