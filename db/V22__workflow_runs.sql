-- =====================================================================
-- GOTRS V22: workflow runs
--
-- Event-triggered workflows read the event log after a cursor that moves
-- in the same transaction as the workflows' changes, so each event is acted
-- on once across the cluster. Time-triggered workflows remember their next
-- scheduled run. workflow_history says what started each run.
-- =====================================================================

ALTER TABLE workflow_history ADD COLUMN trigger VARCHAR(50);  -- the event name, 'time' or 'manual'
ALTER TABLE workflow_history ADD COLUMN event_seq BIGINT;
CREATE INDEX idx_workflow_history_workflow_started ON workflow_history (workflow_id, started_at DESC);

ALTER TABLE workflows ADD COLUMN next_run TIMESTAMP;
CREATE INDEX idx_workflows_next_run ON workflows (next_run) WHERE trigger_type = 'time';

CREATE TABLE workflow_cursor (
    id SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO workflow_cursor (id, last_seq) SELECT 1, coalesce(max(seq), 0) FROM event_log;
