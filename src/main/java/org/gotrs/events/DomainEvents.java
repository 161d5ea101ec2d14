package org.gotrs.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * The one event writer. Features call {@link #record} inside their transaction; the event is written to
 * {@code event_log} and becomes visible only when (and if) the transaction commits — so no event ever describes a
 * change that did not happen. Features never talk to sockets: {@link EventRelay} hands what was committed to the
 * node's consumers.
 *
 * <p>Stamped (the default): the event is written with its transaction's id and no sequence number, and writers never
 * wait for one another; {@link Sequencer} looks for committed events every few milliseconds, numbers them once every
 * older transaction has ended and announces them with {@code pg_notify}. Writers do not notify themselves: PostgreSQL
 * commits the transactions that notify one at a time (each holds a database-wide lock until its commit is on disk),
 * which would make every event writer in the cluster queue behind the one before it. Locked (kept to measure the
 * difference): the writer takes one cluster-wide lock, draws the number itself and notifies, so every event writer in
 * the cluster commits one at a time. Both kinds of writer may run side by side (see db/V100).
 */
public final class DomainEvents {

  /** PostgreSQL channel every node listens on: events were numbered (or, by a locked writer, committed). */
  public static final String CHANNEL = "gotrs_events";

  /** The lock a locked writer holds to commit, and a stamping transaction while it numbers events. */
  static final long ORDER_LOCK = 7400501;

  /** An event as recorded; {@code id} is its own from the moment it is written, its place in the order comes later. */
  public record Recorded(long id, EventName name, List<Topic> topics) {}

  private static final String STAMPED = """
      WITH cause AS (SELECT nullif(current_setting('gotrs.cause', true), '') AS value)
      INSERT INTO event_log (xid, name, topics, data)
      SELECT pg_current_xact_id(), $1, $2,
             CASE WHEN cause.value IS NULL THEN $3::jsonb
                  ELSE $3::jsonb || jsonb_build_object('cause', cause.value::jsonb) END
        FROM cause
      RETURNING id""";

  private static final String LOCKED = """
      WITH serialised AS (SELECT pg_advisory_xact_lock(7400501) AS locked),
           cause AS (SELECT nullif(current_setting('gotrs.cause', true), '') AS value),
           written AS (
             INSERT INTO event_log (seq, name, topics, data)
             SELECT nextval('event_seq'), $1, $2,
                    CASE WHEN cause.value IS NULL THEN $3::jsonb
                         ELSE $3::jsonb || jsonb_build_object('cause', cause.value::jsonb) END
               FROM serialised, cause
             RETURNING id, seq)
      SELECT id, pg_notify($4, seq::text) FROM written""";

  private static final String STAMPED_EACH = """
      WITH cause AS (SELECT nullif(current_setting('gotrs.cause', true), '') AS value)
      INSERT INTO event_log (xid, name, topics, data)
      SELECT pg_current_xact_id(), $1, ARRAY[event.topic],
             CASE WHEN cause.value IS NULL THEN event.data::jsonb
                  ELSE event.data::jsonb || jsonb_build_object('cause', cause.value::jsonb) END
        FROM cause, unnest($2::text[], $3::text[]) WITH ORDINALITY AS event(topic, data, n)
       ORDER BY event.n""";

  private static final String LOCKED_EACH = """
      WITH serialised AS (SELECT pg_advisory_xact_lock(7400501) AS locked),
           cause AS (SELECT nullif(current_setting('gotrs.cause', true), '') AS value),
           written AS (
             INSERT INTO event_log (seq, name, topics, data)
             SELECT nextval('event_seq'), $1, ARRAY[event.topic],
                    CASE WHEN cause.value IS NULL THEN event.data::jsonb
                         ELSE event.data::jsonb || jsonb_build_object('cause', cause.value::jsonb) END
               FROM serialised, cause, unnest($2::text[], $3::text[]) WITH ORDINALITY AS event(topic, data, n)
              ORDER BY event.n
             RETURNING seq)
      SELECT pg_notify($4, max(seq)::text) FROM written""";

  private final boolean locked;

  /** @param locked whether writers take the cluster-wide lock and number their events themselves */
  public DomainEvents(boolean locked) {
    this.locked = locked;
  }

  /** Writes one event in the caller's transaction. */
  public Future<Recorded> record(SqlClient tx, EventName name, List<Topic> topics, JsonObject data) {
    String[] names = topics.stream().map(Topic::name).distinct().toArray(String[]::new);
    return tx.preparedQuery(locked ? LOCKED : STAMPED)
        .execute(locked ? Tuple.of(name.wire(), names, data, CHANNEL) : Tuple.of(name.wire(), names, data))
        .map(rows -> new Recorded(rows.iterator().next().getLong("id"), name, topics));
  }

  /**
   * Writes one event of this name per topic, each with its own data, in the caller's transaction and in one
   * statement (a locked writer then waits for the lock once, not once per event).
   */
  public Future<Void> recordEach(SqlClient tx, EventName name, List<Map.Entry<Topic, JsonObject>> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] topics = events.stream().map(event -> event.getKey().name()).toArray(String[]::new);
    String[] data = events.stream().map(event -> event.getValue().encode()).toArray(String[]::new);
    return tx.preparedQuery(locked ? LOCKED_EACH : STAMPED_EACH)
        .execute(locked ? Tuple.of(name.wire(), topics, data, CHANNEL) : Tuple.of(name.wire(), topics, data))
        .mapEmpty();
  }

  /**
   * Marks every event the transaction records from here on with {@code "cause": cause} (e.g. the workflow run
   * that made the change), whichever feature records it; the mark ends with the transaction.
   */
  public Future<Void> causedBy(SqlClient tx, JsonObject cause) {
    return tx.preparedQuery("SELECT set_config('gotrs.cause', $1, true)").execute(Tuple.of(cause.encode())).mapEmpty();
  }
}
