package org.gotrs.events;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.util.List;
import java.util.Map;

/**
 * The one event writer. Features call {@link #record} inside their transaction; the event is
 * written to {@code event_log} and announced with {@code pg_notify}, which PostgreSQL delivers only
 * when (and if) the transaction commits — so no event ever describes a change that did not happen.
 * Features never talk to sockets: {@link EventRelay} hands what was committed to the node's consumers.
 */
public final class DomainEvents {

  /** PostgreSQL channel every node listens on; the payload is the new sequence number. */
  public static final String CHANNEL = "gotrs_events";

  /** An event as recorded; {@code seq} is cluster-wide and follows commit order. */
  public record Recorded(long seq, EventName name, List<Topic> topics) {}

  /**
   * Writes one event in the caller's transaction. The advisory lock serialises event writers from
   * here to commit, which makes sequence order equal commit order (see db/V5).
   */
  public Future<Recorded> record(SqlClient tx, EventName name, List<Topic> topics, JsonObject data) {
    return tx.preparedQuery("""
            WITH serialised AS (SELECT pg_advisory_xact_lock(7400501) AS locked),
                 cause AS (SELECT nullif(current_setting('gotrs.cause', true), '') AS value),
                 written AS (
                   INSERT INTO event_log (seq, name, topics, data)
                   SELECT nextval('event_seq'), $1, $2,
                          CASE WHEN cause.value IS NULL THEN $3::jsonb
                               ELSE $3::jsonb || jsonb_build_object('cause', cause.value::jsonb) END
                     FROM serialised, cause
                   RETURNING seq)
            SELECT seq, pg_notify($4, seq::text) FROM written""")
        .execute(Tuple.of(name.wire(), topics.stream().map(Topic::name).distinct().toArray(String[]::new), data,
            CHANNEL))
        .map(rows -> new Recorded(rows.iterator().next().getLong("seq"), name, topics));
  }

  /**
   * Writes one event of this name per topic, each with its own data, in the caller's transaction and in one
   * statement: the lock of {@link #record} is then held for one round trip, not one per event.
   */
  public Future<Void> recordEach(SqlClient tx, EventName name, List<Map.Entry<Topic, JsonObject>> events) {
    if (events.isEmpty()) {
      return Future.succeededFuture();
    }
    String[] topics = events.stream().map(event -> event.getKey().name()).toArray(String[]::new);
    String[] data = events.stream().map(event -> event.getValue().encode()).toArray(String[]::new);
    return tx.preparedQuery("""
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
            SELECT pg_notify($4, max(seq)::text) FROM written""")
        .execute(Tuple.of(name.wire(), topics, data, CHANNEL))
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
