-- =====================================================================
-- GOTRS V81: the report facts computed again from the desk's own rows
--
-- report_rebuild() (the command rebuild-reports; after an import, or for
-- tickets older than V80) replaces report_hour and report_ticket with what
-- V80's triggers would have written, by the same definitions:
--   * created: the ticket's creation, in its queue, for its owner;
--   * closed and reopened: the ticket history's state changes (OTRS writes
--     the state on every history row) into and out of a closed state;
--   * resolution: creation to the first close;
--   * first response: the first agent article the customer may see after
--     the ticket's opening article;
--   * SLA outcomes: report_sla as kept (a past deadline is not computed
--     again); ratings, time units and chats from their tables.
-- The ticket's current queue and channel stand in where the history keeps
-- no queue.
-- =====================================================================

CREATE FUNCTION report_rebuild() RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE report_hour, report_ticket IN EXCLUSIVE MODE;
    DELETE FROM report_hour;
    DELETE FROM report_ticket;

    INSERT INTO report_ticket (ticket_id, channel, opening_article_id)
    SELECT t.id, coalesce(t.source, 'web'),
           (SELECT a.id FROM article a WHERE a.ticket_id = t.id ORDER BY a.create_time, a.id LIMIT 1)
      FROM ticket t;

    UPDATE report_ticket r
       SET first_response_at = f.create_time, first_response_by = f.create_by, first_response_queue_id = f.queue_id,
           first_response_seconds = extract(epoch FROM f.create_time - f.ticket_created)::bigint
      FROM (SELECT DISTINCT ON (a.ticket_id) a.ticket_id, a.create_time, a.create_by, t.queue_id,
                   t.create_time AS ticket_created
              FROM article a JOIN ticket t ON t.id = a.ticket_id JOIN report_ticket o ON o.ticket_id = a.ticket_id
             WHERE a.article_sender_type_id = 1 AND a.is_visible_for_customer = 1
               AND a.id IS DISTINCT FROM o.opening_article_id
             ORDER BY a.ticket_id, a.create_time, a.id) f
     WHERE r.ticket_id = f.ticket_id;

    CREATE TEMP TABLE report_state_change ON COMMIT DROP AS
    SELECT h.ticket_id, h.create_time AS at, coalesce(h.queue_id, t.queue_id) AS queue_id, h.create_by,
           coalesce(h.owner_id, t.user_id) AS owner_id, coalesce(t.source, 'web') AS channel, t.create_time,
           s.type_id = 4 AS is_closed,
           lag(s.type_id = 4) OVER (PARTITION BY h.ticket_id ORDER BY h.create_time, h.id) AS was_closed,
           lag(h.state_id) OVER (PARTITION BY h.ticket_id ORDER BY h.create_time, h.id) AS was_state,
           h.state_id
      FROM ticket_history h JOIN ticket t ON t.id = h.ticket_id JOIN ticket_state s ON s.id = h.state_id;
    DELETE FROM report_state_change WHERE was_state IS NULL OR was_state = state_id OR is_closed = was_closed;

    UPDATE report_ticket r
       SET first_closed_at = c.at, closed_by = c.create_by, closed_queue_id = c.queue_id,
           resolution_seconds = extract(epoch FROM c.at - c.create_time)::bigint
      FROM (SELECT DISTINCT ON (ticket_id) * FROM report_state_change WHERE is_closed ORDER BY ticket_id, at) c
     WHERE r.ticket_id = c.ticket_id;

    INSERT INTO report_hour (hour, queue_id, agent_id, channel, compacted, created, closed, reopened,
                             first_responses, first_response_seconds, resolutions, resolution_seconds,
                             response_met, response_breached, update_met, update_breached, solution_met,
                             solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4,
                             rating_5, articles, time_units, chats_started, chats_answered, chats_missed,
                             chat_wait_seconds)
    SELECT date_trunc('hour', at), queue_id, agent_id, channel, true, sum(created), sum(closed), sum(reopened),
           sum(first_responses), sum(first_response_seconds), sum(resolutions), sum(resolution_seconds),
           sum(response_met), sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met),
           sum(solution_breached), sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3),
           sum(rating_4), sum(rating_5), sum(articles), sum(time_units), sum(chats_started), sum(chats_answered),
           sum(chats_missed), sum(chat_wait_seconds)
      FROM (
        SELECT t.create_time AS at, t.queue_id, t.user_id AS agent_id, coalesce(t.source, 'web') AS channel,
               1 AS created, 0 AS closed, 0 AS reopened, 0 AS first_responses, 0::bigint AS first_response_seconds,
               0 AS resolutions, 0::bigint AS resolution_seconds, 0 AS response_met, 0 AS response_breached,
               0 AS update_met, 0 AS update_breached, 0 AS solution_met, 0 AS solution_breached, 0 AS ratings,
               0 AS rating_sum, 0 AS rating_1, 0 AS rating_2, 0 AS rating_3, 0 AS rating_4, 0 AS rating_5,
               0 AS articles, 0::numeric AS time_units, 0 AS chats_started, 0 AS chats_answered, 0 AS chats_missed,
               0::bigint AS chat_wait_seconds
          FROM ticket t
        UNION ALL
        SELECT at, queue_id, CASE WHEN is_closed THEN create_by ELSE owner_id END, channel,
               0, is_closed::int, (NOT is_closed)::int, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
               0, 0, 0
          FROM report_state_change
        UNION ALL
        SELECT first_response_at, first_response_queue_id, first_response_by, channel,
               0, 0, 0, 1, first_response_seconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM report_ticket WHERE first_response_at IS NOT NULL
        UNION ALL
        SELECT first_closed_at, closed_queue_id, closed_by, channel,
               0, 0, 0, 0, 0, 1, resolution_seconds, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM report_ticket WHERE first_closed_at IS NOT NULL
        UNION ALL
        SELECT at, queue_id, agent_id, channel,
               0, 0, 0, 0, 0, 0, 0, (kind = 'response' AND met)::int, (kind = 'response' AND NOT met)::int,
               (kind = 'update' AND met)::int, (kind = 'update' AND NOT met)::int,
               (kind = 'solution' AND met)::int, (kind = 'solution' AND NOT met)::int,
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
          FROM report_sla
        UNION ALL
        SELECT r.create_time, t.queue_id, t.user_id, coalesce(t.source, 'web'),
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, r.score, (r.score = 1)::int, (r.score = 2)::int,
               (r.score = 3)::int, (r.score = 4)::int, (r.score = 5)::int, 0, 0, 0, 0, 0, 0
          FROM ticket_rating r JOIN ticket t ON t.id = r.ticket_id
        UNION ALL
        SELECT a.create_time, t.queue_id, a.create_by, coalesce(t.source, 'web'),
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0
          FROM article a JOIN ticket t ON t.id = a.ticket_id WHERE a.article_sender_type_id = 1
        UNION ALL
        SELECT ta.create_time, t.queue_id, ta.create_by, coalesce(t.source, 'web'),
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ta.time_unit, 0, 0, 0, 0
          FROM time_accounting ta JOIN ticket t ON t.id = ta.ticket_id
        UNION ALL
        SELECT c.created_at, c.queue_id, NULL, 'chat',
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
               (c.state = 'closed' AND c.accepted_at IS NULL)::int, 0
          FROM chat c
        UNION ALL
        SELECT c.created_at, c.queue_id, c.agent_user_id, 'chat',
               0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0,
               extract(epoch FROM c.accepted_at - c.created_at)::bigint
          FROM chat c WHERE c.accepted_at IS NOT NULL
      ) facts
     GROUP BY 1, 2, 3, 4;
    GET DIAGNOSTICS written = ROW_COUNT;
    DROP TABLE report_state_change;
    RETURN written;
END
$$;

SELECT report_rebuild();
