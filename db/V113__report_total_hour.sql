-- =====================================================================
-- GOTRS V113: a rollup of the report facts per hour alone
--
-- report_total_hour holds report_queue_hour's counters summed over every
-- queue: one row per hour once compacted, so a year of a report over every
-- queue (what members of stats see unless they ask for one queue) reads up
-- to 8,760 rows however many queues there are. At 1M tickets in 50 queues a
-- year of report_queue_hour held 271,000 rows, and `volume` by week took
-- 230 ms alone and 640 ms at 4 in flight.
-- Kept as V104 keeps report_queue_hour: a statement trigger on
-- report_queue_hour adds each statement's new, not yet compacted rows summed
-- per hour (compacted rows there are sums of rows already counted here);
-- report_compact() compacts it too, report_rebuild() refills it.
-- =====================================================================

CREATE TABLE report_total_hour (LIKE report_queue_hour INCLUDING DEFAULTS);
ALTER TABLE report_total_hour DROP COLUMN queue_id;
CREATE INDEX report_total_hour_hour ON report_total_hour (hour);
CREATE INDEX report_total_hour_loose ON report_total_hour (hour) WHERE NOT compacted;

CREATE FUNCTION report_on_queue_hour() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_total_hour (
    hour, compacted, created, closed, reopened, first_responses, first_response_seconds, resolutions,
    resolution_seconds, response_met, response_breached, update_met, update_breached, solution_met,
    solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
    time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, false,
           sum(created), sum(closed), sum(reopened), sum(first_responses), sum(first_response_seconds),
           sum(resolutions), sum(resolution_seconds), sum(response_met), sum(response_breached),
           sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached), sum(ratings),
           sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM added
     WHERE NOT compacted
     GROUP BY hour;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_queue_hour AFTER INSERT ON report_queue_hour
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_on_queue_hour();

-- V104's compaction (facts and the rollup per queue), then the same for this rollup.
ALTER FUNCTION report_compact(TIMESTAMP) RENAME TO report_compact_queues;

CREATE FUNCTION report_compact(p_before TIMESTAMP) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT := report_compact_queues(p_before);
    rolled BIGINT;
BEGIN
    WITH loose AS (
        SELECT DISTINCT hour FROM report_total_hour WHERE NOT compacted AND hour < p_before),
    gone AS (
        DELETE FROM report_total_hour r USING loose l WHERE r.hour = l.hour RETURNING r.*)
    INSERT INTO report_total_hour (
    hour, compacted, created, closed, reopened, first_responses, first_response_seconds, resolutions,
    resolution_seconds, response_met, response_breached, update_met, update_breached, solution_met,
    solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
    time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, true,
           sum(created), sum(closed), sum(reopened), sum(first_responses), sum(first_response_seconds),
           sum(resolutions), sum(resolution_seconds), sum(response_met), sum(response_breached),
           sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached), sum(ratings),
           sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM gone
     GROUP BY hour;
    GET DIAGNOSTICS rolled = ROW_COUNT;
    RETURN written + rolled;
END
$$;

-- V105's rebuild (facts and the rollup per queue, written compacted, so the trigger adds nothing), then this rollup.
ALTER FUNCTION report_rebuild() RENAME TO report_rebuild_queues;

CREATE FUNCTION report_rebuild() RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT := report_rebuild_queues();
BEGIN
    LOCK TABLE report_total_hour IN EXCLUSIVE MODE;
    DELETE FROM report_total_hour;
    INSERT INTO report_total_hour (
    hour, compacted, created, closed, reopened, first_responses, first_response_seconds, resolutions,
    resolution_seconds, response_met, response_breached, update_met, update_breached, solution_met,
    solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
    time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, true,
           sum(created), sum(closed), sum(reopened), sum(first_responses), sum(first_response_seconds),
           sum(resolutions), sum(resolution_seconds), sum(response_met), sum(response_breached),
           sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached), sum(ratings),
           sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM report_queue_hour
     GROUP BY hour;
    RETURN written;
END
$$;

-- The rollup per queue so far, each hour as one row.
INSERT INTO report_total_hour (
    hour, compacted, created, closed, reopened, first_responses, first_response_seconds, resolutions,
    resolution_seconds, response_met, response_breached, update_met, update_breached, solution_met,
    solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
    time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, true,
           sum(created), sum(closed), sum(reopened), sum(first_responses), sum(first_response_seconds),
           sum(resolutions), sum(resolution_seconds), sum(response_met), sum(response_breached),
           sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached), sum(ratings),
           sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM report_queue_hour
     GROUP BY hour;

-- First-response and resolution reports read one row per ticket: their indexes now carry every column those reports
-- read (the queue and agent too), so a year of them is read from the index alone instead of the whole table.
DROP INDEX report_ticket_first_response;
CREATE INDEX report_ticket_first_response ON report_ticket (first_response_at)
    INCLUDE (first_response_seconds, first_response_queue_id, first_response_by) WHERE first_response_at IS NOT NULL;
DROP INDEX report_ticket_first_closed;
CREATE INDEX report_ticket_first_closed ON report_ticket (first_closed_at)
    INCLUDE (resolution_seconds, closed_queue_id, closed_by) WHERE first_closed_at IS NOT NULL;
