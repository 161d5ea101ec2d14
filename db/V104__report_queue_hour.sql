-- =====================================================================
-- GOTRS V104: a rollup of the report facts per hour and queue
--
-- report_queue_hour holds report_hour's counters without the agent and the
-- channel: at most one row per hour and queue once compacted, so a year of
-- a report that neither groups by nor filters on an agent or a channel
-- reads up to 8,760 rows per queue, however many agents wrote articles.
-- It is kept the same way as report_hour: a statement trigger on
-- report_hour adds each statement's new, not yet compacted rows summed
-- per hour and queue (append-only again), report_compact() compacts both
-- tables, report_rebuild() fills it from the rebuilt report_hour.
-- Compacted rows of report_hour are sums of rows already counted here, so
-- the trigger skips them.
-- =====================================================================

CREATE TABLE report_queue_hour (
    hour TIMESTAMP NOT NULL,  -- UTC, truncated to the hour
    queue_id INTEGER,
    compacted BOOLEAN NOT NULL DEFAULT false,
    created INTEGER NOT NULL DEFAULT 0,
    closed INTEGER NOT NULL DEFAULT 0,
    reopened INTEGER NOT NULL DEFAULT 0,
    first_responses INTEGER NOT NULL DEFAULT 0,
    first_response_seconds BIGINT NOT NULL DEFAULT 0,
    resolutions INTEGER NOT NULL DEFAULT 0,
    resolution_seconds BIGINT NOT NULL DEFAULT 0,
    response_met INTEGER NOT NULL DEFAULT 0,
    response_breached INTEGER NOT NULL DEFAULT 0,
    update_met INTEGER NOT NULL DEFAULT 0,
    update_breached INTEGER NOT NULL DEFAULT 0,
    solution_met INTEGER NOT NULL DEFAULT 0,
    solution_breached INTEGER NOT NULL DEFAULT 0,
    ratings INTEGER NOT NULL DEFAULT 0,
    rating_sum INTEGER NOT NULL DEFAULT 0,
    rating_1 INTEGER NOT NULL DEFAULT 0,
    rating_2 INTEGER NOT NULL DEFAULT 0,
    rating_3 INTEGER NOT NULL DEFAULT 0,
    rating_4 INTEGER NOT NULL DEFAULT 0,
    rating_5 INTEGER NOT NULL DEFAULT 0,
    articles INTEGER NOT NULL DEFAULT 0,
    time_units NUMERIC(14, 2) NOT NULL DEFAULT 0,
    chats_started INTEGER NOT NULL DEFAULT 0,
    chats_answered INTEGER NOT NULL DEFAULT 0,
    chats_missed INTEGER NOT NULL DEFAULT 0,
    chat_wait_seconds BIGINT NOT NULL DEFAULT 0
);
CREATE INDEX report_queue_hour_hour ON report_queue_hour (hour);
CREATE INDEX report_queue_hour_loose ON report_queue_hour (hour) WHERE NOT compacted;

CREATE FUNCTION report_on_hour() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_queue_hour (hour, queue_id, compacted, created, closed, reopened, first_responses,
                                   first_response_seconds, resolutions, resolution_seconds, response_met,
                                   response_breached, update_met, update_breached, solution_met, solution_breached,
                                   ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
                                   time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, queue_id, false, sum(created), sum(closed), sum(reopened), sum(first_responses),
           sum(first_response_seconds), sum(resolutions), sum(resolution_seconds), sum(response_met),
           sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached),
           sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM added WHERE NOT compacted
     GROUP BY hour, queue_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_hour AFTER INSERT ON report_hour
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION report_on_hour();

-- V80's compaction of report_hour, then the same for the rollup: an hour with loose rows becomes one row per queue.
ALTER FUNCTION report_compact(TIMESTAMP) RENAME TO report_compact_facts;

CREATE FUNCTION report_compact(p_before TIMESTAMP) RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT := report_compact_facts(p_before);
    rolled BIGINT;
BEGIN
    WITH loose AS (
        SELECT DISTINCT hour FROM report_queue_hour WHERE NOT compacted AND hour < p_before),
    gone AS (
        DELETE FROM report_queue_hour r USING loose l WHERE r.hour = l.hour RETURNING r.*)
    INSERT INTO report_queue_hour (hour, queue_id, compacted, created, closed, reopened, first_responses,
                                   first_response_seconds, resolutions, resolution_seconds, response_met,
                                   response_breached, update_met, update_breached, solution_met, solution_breached,
                                   ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
                                   time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, queue_id, true, sum(created), sum(closed), sum(reopened), sum(first_responses),
           sum(first_response_seconds), sum(resolutions), sum(resolution_seconds), sum(response_met),
           sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached),
           sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM gone
     GROUP BY hour, queue_id;
    GET DIAGNOSTICS rolled = ROW_COUNT;
    RETURN written + rolled;
END
$$;

-- V81's rebuild of the facts, then the rollup summed from them.
ALTER FUNCTION report_rebuild() RENAME TO report_rebuild_facts;

CREATE FUNCTION report_rebuild() RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE report_hour, report_ticket, report_queue_hour IN EXCLUSIVE MODE;
    written := report_rebuild_facts();
    DELETE FROM report_queue_hour;
    INSERT INTO report_queue_hour (hour, queue_id, compacted, created, closed, reopened, first_responses,
                                   first_response_seconds, resolutions, resolution_seconds, response_met,
                                   response_breached, update_met, update_breached, solution_met, solution_breached,
                                   ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
                                   time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
    SELECT hour, queue_id, true, sum(created), sum(closed), sum(reopened), sum(first_responses),
           sum(first_response_seconds), sum(resolutions), sum(resolution_seconds), sum(response_met),
           sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached),
           sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
           sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
           sum(chat_wait_seconds)
      FROM report_hour
     GROUP BY hour, queue_id;
    RETURN written;
END
$$;

-- The facts kept so far, each hour and queue as one row.
INSERT INTO report_queue_hour (hour, queue_id, compacted, created, closed, reopened, first_responses,
                               first_response_seconds, resolutions, resolution_seconds, response_met,
                               response_breached, update_met, update_breached, solution_met, solution_breached,
                               ratings, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5, articles,
                               time_units, chats_started, chats_answered, chats_missed, chat_wait_seconds)
SELECT hour, queue_id, true, sum(created), sum(closed), sum(reopened), sum(first_responses),
       sum(first_response_seconds), sum(resolutions), sum(resolution_seconds), sum(response_met),
       sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met), sum(solution_breached),
       sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3), sum(rating_4), sum(rating_5),
       sum(articles), sum(time_units), sum(chats_started), sum(chats_answered), sum(chats_missed),
       sum(chat_wait_seconds)
  FROM report_hour
 GROUP BY hour, queue_id;
