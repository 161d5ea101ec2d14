package org.gotrs.escalation;

/** The escalation feature's SQL, in one place. */
final class EscalationSql {

  private EscalationSql() {}

  /**
   * Everything a ticket's deadlines depend on, in one round trip: its SLA (or its queue's), whether an agent
   * has answered, when the last customer contact was (see {@link EscalationCalculator}), its state changes, and
   * the alerts it has now. The article and history parts are skipped for tickets without an SLA.
   */
  static final String FACTS = """
      SELECT t.create_time, s.type_id AS state_type,
             t.escalation_response_time, t.escalation_update_time, t.escalation_solution_time, t.escalation_time,
             sla.id AS sla_id, sla.first_response_time, sla.first_response_notify, sla.update_time, sla.update_notify,
             sla.solution_time, sla.solution_notify, sla.business_hours, sla.holidays,
             coalesce(art.responded, false) AS responded,
             coalesce(cust.first_after_agent, art.last_agent, art.newest) AS update_start,
             hist.times AS state_times, hist.types AS state_types,
             alerts.kinds AS alert_kinds, alerts.levels AS alert_levels, alerts.due AS alert_due,
             alerts.deadlines AS alert_deadlines, alerts.fired AS alert_fired
        FROM ticket t
        JOIN ticket_state s ON s.id = t.ticket_state_id
        LEFT JOIN queue q ON q.id = t.queue_id
        LEFT JOIN sla ON sla.id = coalesce(t.sla_id, q.sla_id)
        LEFT JOIN LATERAL (
               SELECT bool_or(a.article_sender_type_id = 1 AND a.is_visible_for_customer = 1) AS responded,
                      max(a.create_time) FILTER (WHERE a.article_sender_type_id = 1 AND a.is_visible_for_customer = 1)
                        AS last_agent,
                      max(a.create_time) AS newest
                 FROM article a
                WHERE a.ticket_id = t.id AND sla.id IS NOT NULL) art ON true
        LEFT JOIN LATERAL (
               SELECT min(c.create_time) AS first_after_agent
                 FROM article c
                WHERE c.ticket_id = t.id AND sla.id IS NOT NULL AND c.article_sender_type_id = 3
                  AND c.is_visible_for_customer = 1 AND c.create_time > coalesce(art.last_agent, '-infinity'::timestamp)
             ) cust ON true
        LEFT JOIN LATERAL (
               SELECT array_agg(h.create_time ORDER BY h.id) AS times, array_agg(hs.type_id ORDER BY h.id) AS types
                 FROM ticket_history h
                 JOIN ticket_history_type ht ON ht.id = h.history_type_id AND ht.name IN ('NewTicket', 'StateUpdate')
                 JOIN ticket_state hs ON hs.id = h.state_id
                WHERE h.ticket_id = t.id AND sla.id IS NOT NULL) hist ON true
        LEFT JOIN LATERAL (
               SELECT array_agg(e.kind) AS kinds, array_agg(e.level) AS levels, array_agg(e.due_at) AS due,
                      array_agg(e.deadline) AS deadlines, array_agg(e.fired_at IS NOT NULL) AS fired
                 FROM escalation_alert e
                WHERE e.ticket_id = t.id) alerts ON true
       WHERE t.id = $1""";

  /**
   * Writes the deadlines and replaces the ticket's alerts by the wanted ones: alerts no longer wanted go (fired
   * or not), new ones are added, and a pending alert whose time moved (the warning percentage changed) follows.
   * An alert that already fired for the same deadline stays fired, so it is never sent twice.
   */
  static final String WRITE = """
      WITH wanted AS (
             SELECT * FROM unnest($2::text[], $3::text[], $4::int[], $5::int[]) AS w(kind, level, due_at, deadline)),
           cleared AS (
             DELETE FROM escalation_alert a
              WHERE a.ticket_id = $1
                AND NOT EXISTS (SELECT 1 FROM wanted w
                                 WHERE w.kind = a.kind AND w.level = a.level AND w.deadline = a.deadline)),
           added AS (
             INSERT INTO escalation_alert (ticket_id, kind, level, due_at, deadline)
             SELECT $1, kind, level, due_at, deadline FROM wanted
             ON CONFLICT (ticket_id, kind, level, deadline)
             DO UPDATE SET due_at = excluded.due_at WHERE escalation_alert.fired_at IS NULL)
      UPDATE ticket
         SET escalation_response_time = $6, escalation_update_time = $7, escalation_solution_time = $8,
             escalation_time = $9
       WHERE id = $1""";

  /** When the next unfired alert is due, from the partial index on {@code due_at}. */
  static final String NEXT_DUE = "SELECT min(due_at) AS due FROM escalation_alert WHERE fired_at IS NULL";

  /**
   * Locks the tickets with due alerts, earliest first, skipping tickets another node (or a writer) holds. Tickets
   * are locked before their alerts, in the same order every ticket writer uses, so firing never deadlocks.
   */
  static final String LOCK_DUE_TICKETS = """
      SELECT t.id
        FROM ticket t
       WHERE t.id IN (SELECT due.ticket_id
                        FROM (SELECT a.ticket_id, min(a.due_at) AS first_due
                                FROM escalation_alert a
                               WHERE a.fired_at IS NULL AND a.due_at <= $1
                               GROUP BY a.ticket_id
                               ORDER BY first_due
                               LIMIT $2) due)
       ORDER BY t.id
         FOR UPDATE OF t SKIP LOCKED""";

  /** Claims the due alerts of the locked tickets: only an alert still unfired is claimed, so each fires once. */
  static final String CLAIM = """
      UPDATE escalation_alert a
         SET fired_at = (now() AT TIME ZONE 'UTC')
        FROM ticket t
       WHERE t.id = a.ticket_id AND a.ticket_id = ANY ($1) AND a.fired_at IS NULL AND a.due_at <= $2
      RETURNING a.ticket_id, a.kind, a.level, a.due_at, a.deadline, t.tn, t.title, t.queue_id, t.user_id,
                t.escalation_response_time, t.escalation_update_time, t.escalation_solution_time""";
}
