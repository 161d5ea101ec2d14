package org.gotrs.intake;

/** Every statement of the intake settings; the rule itself is {@code intake_queue_id()} (db/V54). */
final class IntakeSql {

  private IntakeSql() {}

  /**
   * Each channel with the queue its tickets go to now (a queue named in the configuration first, as ticket
   * creation reads it), whether an administrator chose it, and how many valid agents can work it.
   */
  static final String CHANNELS = """
      SELECT c.channel, q.id AS queue_id, q.name AS queue, chosen.queue_id IS NOT NULL AS chosen,
             coalesce(queue_worker_count(q.id), 0) AS workers
        FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS c(channel, configured, position)
        LEFT JOIN LATERAL (SELECT i.queue_id FROM intake_queue i JOIN queue iq ON iq.id = i.queue_id
                            WHERE i.channel = c.channel AND iq.valid_id = 1) chosen ON TRUE
        LEFT JOIN queue q ON q.id = coalesce((SELECT id FROM queue WHERE valid_id = 1 AND name = c.configured),
                                             intake_queue_id(c.channel))
       ORDER BY c.position""";

  /** The queues a change names, with what decides whether a channel may point at them. */
  static final String CANDIDATES = """
      SELECT q.id, q.name, q.valid_id = 1 AS valid, g.name AS group_name, queue_worker_count(q.id) AS workers
        FROM queue q LEFT JOIN groups g ON g.id = q.group_id
       WHERE q.id = ANY ($1::int[])""";

  /** The queues stored for the channels before a change, for the audit row. */
  static final String STORED = "SELECT channel, queue_id FROM intake_queue";

  static final String CHOOSE = """
      INSERT INTO intake_queue (channel, queue_id, change_by) VALUES ($1, $2, $3)
      ON CONFLICT (channel) DO UPDATE
         SET queue_id = EXCLUDED.queue_id, change_by = EXCLUDED.change_by, change_time = (now() AT TIME ZONE 'UTC')""";

  static final String CLEAR = "DELETE FROM intake_queue WHERE channel = $1";
}
