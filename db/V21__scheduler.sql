-- =====================================================================
-- GOTRS V21: the cluster-wide job scheduler
--
-- Each job runs on one node at a time (pg_try_advisory_lock per job) and
-- at most once per interval across the cluster (last_started_at, checked
-- and set while holding the lock). Runs are kept for a week for admins.
-- =====================================================================

CREATE TABLE scheduler_job (
    name VARCHAR(100) PRIMARY KEY,
    last_started_at TIMESTAMP,
    last_finished_at TIMESTAMP,
    last_node UUID,
    last_outcome VARCHAR(20),
    last_detail TEXT,
    runs BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE scheduler_job_run (
    id BIGSERIAL PRIMARY KEY,
    job VARCHAR(100) NOT NULL,
    node UUID NOT NULL,
    started_at TIMESTAMP NOT NULL,
    finished_at TIMESTAMP,
    outcome VARCHAR(20),
    detail TEXT
);
CREATE INDEX idx_scheduler_job_run_job ON scheduler_job_run (job, started_at DESC);
CREATE INDEX idx_scheduler_job_run_started ON scheduler_job_run (started_at);

-- Pending tickets whose time has come, without reading the others.
CREATE INDEX idx_ticket_pending_until ON ticket (until_time) WHERE until_time > 0;

-- A pending reminder is sent once per pending time: the row is the claim.
CREATE TABLE pending_reminder (
    ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
    until_time INTEGER NOT NULL,
    sent_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
