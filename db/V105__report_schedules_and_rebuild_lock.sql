-- =====================================================================
-- GOTRS V105: reports sent by e-mail on a schedule; a rebuild that cannot deadlock
--
-- report_schedule: a report an agent of the group stats has sent weekly
-- (Mondays, the week before) or monthly (on the 1st, the month before),
-- at 06:00 in its time zone, as CSV or XLSX to a list of addresses. The
-- scheduler's job scheduled_reports sends the due ones through the mail
-- outbox (mail_queue), each file in mail_queue_attachment, and moves
-- next_run_at on; a schedule whose owner may no longer report is skipped.
-- =====================================================================

CREATE TABLE report_schedule (
    id BIGSERIAL PRIMARY KEY,
    owner_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(200) NOT NULL,
    report VARCHAR(30) NOT NULL,
    group_by VARCHAR(10) NOT NULL,
    queue_id INTEGER REFERENCES queue(id) ON DELETE CASCADE,
    frequency VARCHAR(10) NOT NULL CHECK (frequency IN ('weekly', 'monthly')),
    format VARCHAR(4) NOT NULL CHECK (format IN ('csv', 'xlsx')),
    recipients TEXT[] NOT NULL,
    time_zone VARCHAR(64) NOT NULL,
    next_run_at TIMESTAMP NOT NULL,  -- UTC
    last_run_at TIMESTAMP,
    last_outcome TEXT,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX report_schedule_due ON report_schedule (next_run_at);
CREATE INDEX report_schedule_owner ON report_schedule (owner_id);

CREATE TABLE mail_queue_attachment (
    mail_id BIGINT NOT NULL REFERENCES mail_queue(id) ON DELETE CASCADE,
    filename VARCHAR(250) NOT NULL,
    content_type VARCHAR(250) NOT NULL,
    content BYTEA NOT NULL
);
CREATE INDEX mail_queue_attachment_mail ON mail_queue_attachment (mail_id);

-- report_rebuild() takes a share lock on ticket before the exclusive locks on the facts: a ticket written while the
-- rebuild began would otherwise hold its row while its trigger waits for the facts, and the rebuild, checking
-- report_ticket's key against that row, wait for it (a deadlock). Now the rebuild waits for such writers to commit,
-- and later writers wait for the rebuild.
CREATE OR REPLACE FUNCTION report_rebuild() RETURNS BIGINT
LANGUAGE plpgsql AS $$
DECLARE
    written BIGINT;
BEGIN
    LOCK TABLE ticket IN SHARE MODE;
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
