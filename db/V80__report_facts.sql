-- =====================================================================
-- GOTRS V80: the facts reports are read from
--
-- Reports (org.gotrs.report) never scan tickets per request. They read:
--   report_hour    counters per UTC hour, queue, agent and channel: tickets
--                  created, closed, reopened, first responses, resolutions,
--                  SLA met/breached, ratings, agents' articles, time units,
--                  chats. Grouped into the reader's days, weeks and months
--                  in its time zone at read time.
--   report_ticket  one row per ticket: its first response and first close,
--                  for the medians and 90th percentiles of those times.
--   report_sla     each SLA outcome as it happened (met or breached), since
--                  a deadline of the past cannot be computed again.
-- Triggers on ticket, article, ticket_rating, time_accounting and chat keep
-- them in the writing transaction. report_hour is append-only (a trigger
-- never updates a row, so concurrent writers never wait on each other);
-- report_compact() sums the rows of past hours into one per key.
-- report_rebuild() computes all of it again from the tickets, their
-- history, articles, ratings, time accounting and chats (the command
-- rebuild-reports, after an import).
--
-- Which agent a fact counts for: the owner for created, reopened and
-- ratings; the agent who did it for closes, resolutions, first responses,
-- SLA outcomes, articles and time units; the accepting agent for answered
-- chats. The queue is the ticket's queue at the time.
-- =====================================================================

CREATE TABLE report_hour (
    hour TIMESTAMP NOT NULL,  -- UTC, truncated to the hour
    queue_id INTEGER,
    agent_id UUID,
    channel VARCHAR(50) NOT NULL,
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
CREATE INDEX report_hour_hour ON report_hour (hour);
CREATE INDEX report_hour_loose ON report_hour (hour) WHERE NOT compacted;

CREATE TABLE report_ticket (
    ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
    channel VARCHAR(50) NOT NULL,
    opening_article_id BIGINT,
    first_response_at TIMESTAMP,
    first_response_seconds BIGINT,
    first_response_by UUID,
    first_response_queue_id INTEGER,
    first_closed_at TIMESTAMP,
    resolution_seconds BIGINT,
    closed_by UUID,
    closed_queue_id INTEGER
);
CREATE INDEX report_ticket_first_response ON report_ticket (first_response_at) INCLUDE (first_response_seconds)
    WHERE first_response_at IS NOT NULL;
CREATE INDEX report_ticket_first_closed ON report_ticket (first_closed_at) INCLUDE (resolution_seconds)
    WHERE first_closed_at IS NOT NULL;

CREATE TABLE report_sla (
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    kind VARCHAR(10) NOT NULL CHECK (kind IN ('response', 'update', 'solution')),
    at TIMESTAMP NOT NULL,
    met BOOLEAN NOT NULL,
    queue_id INTEGER,
    agent_id UUID,
    channel VARCHAR(50) NOT NULL
);
CREATE INDEX report_sla_ticket ON report_sla (ticket_id);

-- One SLA outcome: the row that keeps it and its counter.
CREATE FUNCTION report_sla_outcome(p_ticket BIGINT, p_kind TEXT, p_at TIMESTAMP, p_deadline INTEGER,
                                   p_queue INTEGER, p_agent UUID, p_channel TEXT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    met BOOLEAN := extract(epoch FROM p_at) <= p_deadline;
BEGIN
    INSERT INTO report_sla (ticket_id, kind, at, met, queue_id, agent_id, channel)
    VALUES (p_ticket, p_kind, p_at, met, p_queue, p_agent, p_channel);
    INSERT INTO report_hour (hour, queue_id, agent_id, channel, response_met, response_breached, update_met,
                             update_breached, solution_met, solution_breached)
    VALUES (date_trunc('hour', p_at), p_queue, p_agent, p_channel,
            (p_kind = 'response' AND met)::int, (p_kind = 'response' AND NOT met)::int,
            (p_kind = 'update' AND met)::int, (p_kind = 'update' AND NOT met)::int,
            (p_kind = 'solution' AND met)::int, (p_kind = 'solution' AND NOT met)::int);
END
$$;

CREATE FUNCTION report_on_ticket() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
    channel TEXT := coalesce(NEW.source, 'web');
    was_closed BOOLEAN;
    is_closed BOOLEAN;
    facts report_ticket;
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_ticket (ticket_id, channel) VALUES (NEW.id, channel);
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, created)
        VALUES (date_trunc('hour', NEW.create_time), NEW.queue_id, NEW.user_id, channel, 1);
        RETURN NULL;
    END IF;
    SELECT s.type_id = 4 INTO was_closed FROM ticket_state s WHERE s.id = OLD.ticket_state_id;
    SELECT s.type_id = 4 INTO is_closed FROM ticket_state s WHERE s.id = NEW.ticket_state_id;
    IF is_closed AND NOT coalesce(was_closed, false) THEN
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, closed)
        VALUES (date_trunc('hour', NEW.change_time), NEW.queue_id, NEW.change_by, channel, 1);
        SELECT * INTO facts FROM report_ticket WHERE ticket_id = NEW.id FOR UPDATE;
        IF FOUND AND facts.first_closed_at IS NULL THEN
            UPDATE report_ticket
               SET first_closed_at = NEW.change_time, closed_by = NEW.change_by, closed_queue_id = NEW.queue_id,
                   resolution_seconds = extract(epoch FROM NEW.change_time - NEW.create_time)::bigint
             WHERE ticket_id = NEW.id;
            INSERT INTO report_hour (hour, queue_id, agent_id, channel, resolutions, resolution_seconds)
            VALUES (date_trunc('hour', NEW.change_time), NEW.queue_id, NEW.change_by, channel, 1,
                    extract(epoch FROM NEW.change_time - NEW.create_time)::bigint);
            IF coalesce(OLD.escalation_solution_time, 0) > 0 THEN
                PERFORM report_sla_outcome(NEW.id, 'solution', NEW.change_time, OLD.escalation_solution_time,
                                           NEW.queue_id, NEW.change_by, channel);
            END IF;
        END IF;
    ELSIF was_closed AND NOT coalesce(is_closed, false) THEN
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, reopened)
        VALUES (date_trunc('hour', NEW.change_time), NEW.queue_id, NEW.user_id, channel, 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_ticket_insert AFTER INSERT ON ticket
    FOR EACH ROW EXECUTE FUNCTION report_on_ticket();
CREATE TRIGGER report_on_ticket_state AFTER UPDATE OF ticket_state_id ON ticket
    FOR EACH ROW WHEN (NEW.ticket_state_id IS DISTINCT FROM OLD.ticket_state_id) EXECUTE FUNCTION report_on_ticket();

-- An agent's article counts for them; the first one the customer sees after the opening article is the first
-- response, and every one the customer sees meets or breaches a pending update deadline.
CREATE FUNCTION report_on_article() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
    t ticket;
    facts report_ticket;
    channel TEXT;
BEGIN
    SELECT * INTO t FROM ticket WHERE id = NEW.ticket_id;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    channel := coalesce(t.source, 'web');
    SELECT * INTO facts FROM report_ticket WHERE ticket_id = NEW.ticket_id FOR UPDATE;
    IF NOT FOUND THEN
        INSERT INTO report_ticket (ticket_id, channel, opening_article_id) VALUES (NEW.ticket_id, channel, NEW.id);
        facts.opening_article_id := NEW.id;
    ELSIF facts.opening_article_id IS NULL THEN
        UPDATE report_ticket SET opening_article_id = NEW.id WHERE ticket_id = NEW.ticket_id;
        facts.opening_article_id := NEW.id;
    END IF;
    IF NEW.article_sender_type_id IS DISTINCT FROM 1 THEN
        RETURN NULL;
    END IF;
    INSERT INTO report_hour (hour, queue_id, agent_id, channel, articles)
    VALUES (date_trunc('hour', NEW.create_time), t.queue_id, NEW.create_by, channel, 1);
    IF NEW.is_visible_for_customer IS DISTINCT FROM 1 OR facts.opening_article_id = NEW.id THEN
        RETURN NULL;
    END IF;
    IF facts.first_response_at IS NULL THEN
        UPDATE report_ticket
           SET first_response_at = NEW.create_time, first_response_by = NEW.create_by,
               first_response_queue_id = t.queue_id,
               first_response_seconds = extract(epoch FROM NEW.create_time - t.create_time)::bigint
         WHERE ticket_id = NEW.ticket_id;
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, first_responses, first_response_seconds)
        VALUES (date_trunc('hour', NEW.create_time), t.queue_id, NEW.create_by, channel, 1,
                extract(epoch FROM NEW.create_time - t.create_time)::bigint);
        IF coalesce(t.escalation_response_time, 0) > 0 THEN
            PERFORM report_sla_outcome(t.id, 'response', NEW.create_time, t.escalation_response_time, t.queue_id,
                                       NEW.create_by, channel);
        END IF;
    END IF;
    IF coalesce(t.escalation_update_time, 0) > 0 THEN
        PERFORM report_sla_outcome(t.id, 'update', NEW.create_time, t.escalation_update_time, t.queue_id,
                                   NEW.create_by, channel);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_article AFTER INSERT ON article
    FOR EACH ROW EXECUTE FUNCTION report_on_article();

CREATE FUNCTION report_on_rating() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_hour (hour, queue_id, agent_id, channel, ratings, rating_sum, rating_1, rating_2, rating_3,
                             rating_4, rating_5)
    SELECT date_trunc('hour', NEW.create_time), t.queue_id, t.user_id, coalesce(t.source, 'web'), 1, NEW.score,
           (NEW.score = 1)::int, (NEW.score = 2)::int, (NEW.score = 3)::int, (NEW.score = 4)::int, (NEW.score = 5)::int
      FROM ticket t WHERE t.id = NEW.ticket_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_rating AFTER INSERT ON ticket_rating
    FOR EACH ROW EXECUTE FUNCTION report_on_rating();

CREATE FUNCTION report_on_time_accounting() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO report_hour (hour, queue_id, agent_id, channel, time_units)
    SELECT date_trunc('hour', NEW.create_time), t.queue_id, NEW.create_by, coalesce(t.source, 'web'), NEW.time_unit
      FROM ticket t WHERE t.id = NEW.ticket_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_time_accounting AFTER INSERT ON time_accounting
    FOR EACH ROW EXECUTE FUNCTION report_on_time_accounting();

-- A chat counts in the hour it started: started, then answered (with its wait) or missed (closed unanswered).
CREATE FUNCTION report_on_chat() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO report_hour (hour, queue_id, channel, chats_started)
        VALUES (date_trunc('hour', NEW.created_at), NEW.queue_id, 'chat', 1);
    ELSIF NEW.accepted_at IS NOT NULL AND OLD.accepted_at IS NULL THEN
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, chats_answered, chat_wait_seconds)
        VALUES (date_trunc('hour', NEW.created_at), NEW.queue_id, NEW.agent_user_id, 'chat', 1,
                extract(epoch FROM NEW.accepted_at - NEW.created_at)::bigint);
    ELSIF NEW.state = 'closed' AND OLD.state <> 'closed' AND NEW.accepted_at IS NULL THEN
        INSERT INTO report_hour (hour, queue_id, channel, chats_missed)
        VALUES (date_trunc('hour', NEW.created_at), NEW.queue_id, 'chat', 1);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER report_on_chat AFTER INSERT OR UPDATE OF accepted_at, state ON chat
    FOR EACH ROW EXECUTE FUNCTION report_on_chat();

-- Sums the rows of hours before p_before into one row per hour, queue, agent and channel.
CREATE FUNCTION report_compact(p_before TIMESTAMP) RETURNS BIGINT
LANGUAGE sql AS $$
    WITH loose AS (
        SELECT DISTINCT hour FROM report_hour WHERE NOT compacted AND hour < p_before),
    gone AS (
        DELETE FROM report_hour r USING loose l WHERE r.hour = l.hour RETURNING r.*),
    summed AS (
        INSERT INTO report_hour (hour, queue_id, agent_id, channel, compacted, created, closed, reopened,
                                 first_responses, first_response_seconds, resolutions, resolution_seconds,
                                 response_met, response_breached, update_met, update_breached, solution_met,
                                 solution_breached, ratings, rating_sum, rating_1, rating_2, rating_3, rating_4,
                                 rating_5, articles, time_units, chats_started, chats_answered, chats_missed,
                                 chat_wait_seconds)
        SELECT hour, queue_id, agent_id, channel, true, sum(created), sum(closed), sum(reopened),
               sum(first_responses), sum(first_response_seconds), sum(resolutions), sum(resolution_seconds),
               sum(response_met), sum(response_breached), sum(update_met), sum(update_breached), sum(solution_met),
               sum(solution_breached), sum(ratings), sum(rating_sum), sum(rating_1), sum(rating_2), sum(rating_3),
               sum(rating_4), sum(rating_5), sum(articles), sum(time_units), sum(chats_started),
               sum(chats_answered), sum(chats_missed), sum(chat_wait_seconds)
          FROM gone GROUP BY hour, queue_id, agent_id, channel
        RETURNING 1)
    SELECT count(*) FROM summed
$$;
