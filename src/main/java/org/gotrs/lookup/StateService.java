package org.gotrs.lookup;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.gotrs.audit.AuditLog;
import org.gotrs.db.Rows;
import org.gotrs.http.Input;
import org.gotrs.http.Problem;
import org.gotrs.permission.Actor;

/** Ticket states; each belongs to a state type (1 new, 2 open, 3 pending, 4 closed, 5 removed, 6 merged). */
public final class StateService {

  /** {@code autoTransitionTime} is an ISO-8601 duration such as {@code PT2H}. */
  public record State(int id, String name, int typeId, String typeName, String color, String icon,
                      Integer autoTransitionTo, String autoTransitionTime, String comments, Integer validId,
                      Instant createTime, Instant changeTime) {}

  public record Fields(String name, Integer typeId, String color, String icon, Integer autoTransitionTo,
                       Long autoTransitionSeconds, String comments, int validId) {

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

    private Tuple tuple(java.util.UUID by) {
      return Tuple.from(new Object[] {name, typeId, color, icon, autoTransitionTo, autoTransitionSeconds, comments,
          validId, by});
    }
  }

  private static final String SELECT = """
      SELECT s.id, s.name, s.type_id, st.name AS type_name, s.color, s.icon, s.auto_transition_to,
             extract(epoch FROM s.auto_transition_time)::bigint AS auto_transition_seconds,
             s.comments, s.valid_id, s.create_time, s.change_time
        FROM ticket_state s
        JOIN ticket_state_type st ON st.id = s.type_id
      """;

  private static final String INSERT = """
      INSERT INTO ticket_state (name, type_id, color, icon, auto_transition_to, auto_transition_time, comments,
                                valid_id, create_by, change_by)
      VALUES ($1, $2, $3, $4, $5, $6::bigint * interval '1 second', $7, $8, $9, $9)
      RETURNING id""";

  private static final String UPDATE = """
      UPDATE ticket_state
         SET name = $1, type_id = $2, color = $3, icon = $4, auto_transition_to = $5,
             auto_transition_time = $6::bigint * interval '1 second', comments = $7, valid_id = $8,
             change_by = $9, change_time = (now() AT TIME ZONE 'UTC')
       WHERE id = $10""";

  private final Pool pool;
  private final LookupWrites<State> writes;

  public StateService(Pool pool, AuditLog audit) {
    this.pool = pool;
    this.writes = new LookupWrites<>(pool, audit, "ticket_state", "state", "state",
        StateService::byId, State::id, StateService::notFound);
  }

  public Future<List<State>> list(Integer validId) {
    return pool.preparedQuery(SELECT + " WHERE ($1::int IS NULL OR s.valid_id = $1) ORDER BY s.name, s.id")
        .execute(Tuple.of(validId))
        .map(rows -> Rows.all(rows, StateService::toState));
  }

  public Future<State> get(int id) {
    return byId(pool, id, false);
  }

  public Future<State> create(Actor actor, Fields fields) {
    return writes.create(actor, fields.name(), tx -> checkReferences(tx, null, fields)
        .compose(checked -> tx.preparedQuery(INSERT).execute(fields.tuple(actor.principal().userId()))));
  }

  public Future<State> update(Actor actor, int id, JsonObject patch) {
    return writes.update(actor, id, (tx, before) -> {
      Fields fields = Fields.read(Input.of(Rows.json(before).mergeIn(patch)));
      return checkReferences(tx, id, fields)
          .compose(checked -> tx.preparedQuery(UPDATE)
              .execute(fields.tuple(actor.principal().userId()).addInteger(id)));
    });
  }

  public Future<Void> invalidate(Actor actor, int id) {
    return writes.invalidate(actor, id);
  }

  private static Future<Void> checkReferences(SqlClient client, Integer id, Fields fields) {
    if (id != null && id.equals(fields.autoTransitionTo())) {
      return Future.failedFuture(Problem.invalid("auto_transition_to", "cannot be the state itself"));
    }
    return References.requireExisting(client, List.of(
        References.to("type_id", "ticket_state_type", "state type", fields.typeId()),
        References.to("auto_transition_to", "ticket_state", "state", fields.autoTransitionTo())));
  }

  private static Future<State> byId(SqlClient client, int id, boolean forUpdate) {
    return client.preparedQuery(SELECT + " WHERE s.id = $1" + (forUpdate ? " FOR UPDATE OF s" : ""))
        .execute(Tuple.of(id))
        .map(rows -> Rows.one(rows, StateService::toState, () -> notFound(id)));
  }

  private static Problem notFound(int id) {
    return Problem.notFound("state " + id + " not found");
  }

  private static State toState(Row row) {
    Long seconds = row.getLong("auto_transition_seconds");
    return new State(row.getInteger("id"), row.getString("name"), row.getInteger("type_id"),
        row.getString("type_name"), row.getString("color"), row.getString("icon"), row.getInteger("auto_transition_to"),
        seconds == null ? null : Duration.ofSeconds(seconds).toString(), row.getString("comments"),
        row.getInteger("valid_id"), Rows.instant(row, "create_time"),
        Rows.instant(row, "change_time"));
  }
}
