-- =====================================================================
-- GOTRS V20: escalation alerts
--
-- The alerts a ticket's deadlines will raise: a warning when the SLA's
-- *_notify percentage of a time is used up, the breach at the deadline.
-- Rows are rewritten in the transaction that changes the ticket (see
-- org.gotrs.escalation.EscalationIndex), so they always match the ticket's
-- escalation_* columns. Each node keeps one timer for the earliest unfired
-- row (partial index below); firing sets fired_at with a conditional
-- UPDATE in the transaction that writes the history entry and the event,
-- so an alert goes out exactly once across nodes and restarts. A fired row
-- stays as long as its deadline is the ticket's, so it is never sent again.
-- =====================================================================

CREATE TABLE escalation_alert (
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    kind VARCHAR(10) NOT NULL CHECK (kind IN ('response', 'update', 'solution')),
    level VARCHAR(10) NOT NULL CHECK (level IN ('warning', 'breached')),
    due_at INTEGER NOT NULL,    -- epoch seconds, like the OTRS escalation columns
    deadline INTEGER NOT NULL,  -- the deadline the alert is about
    fired_at TIMESTAMP,
    PRIMARY KEY (ticket_id, kind, level, deadline)
);
CREATE INDEX idx_escalation_alert_due ON escalation_alert (due_at) WHERE fired_at IS NULL;
