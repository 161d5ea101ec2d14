-- =====================================================================
-- GOTRS V5: the durable event log behind the live stream
--
-- Every domain event (ticket.created, article.created, ...) is written here
-- in the same transaction as the change it describes, so an event exists if
-- and only if its change committed. seq is cluster-wide (one sequence in the
-- shared database). Writers take a transaction-level advisory lock before
-- drawing seq, so seq order is commit order: a reader that has seen seq N
-- has seen every committed event below N, and a client resuming "since N"
-- misses nothing. Rows are pruned after the configured retention.
-- =====================================================================

CREATE SEQUENCE event_seq;

CREATE TABLE event_log (
    seq BIGINT PRIMARY KEY,
    name VARCHAR(64) NOT NULL,
    topics TEXT[] NOT NULL,
    data JSONB NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX idx_event_log_topics ON event_log USING gin (topics);
CREATE INDEX idx_event_log_created ON event_log (created_at);
