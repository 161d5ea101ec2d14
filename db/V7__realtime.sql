-- =====================================================================
-- GOTRS V7: live stream bookkeeping
-- =====================================================================

-- How far the event log has been pruned: a client resuming "since" an older
-- sequence number is told to resync instead of silently missing events.
CREATE TABLE event_log_horizon (
    id SMALLINT PRIMARY KEY DEFAULT 1 CHECK (id = 1),
    pruned_through BIGINT NOT NULL DEFAULT 0
);
INSERT INTO event_log_horizon (id, pruned_through) VALUES (1, 0);

-- Who is connected and what they look at, cluster-wide. Each live connection
-- has a row (ticket_id NULL) and one per ticket it views or composes on.
-- Rows carry an expiry that the owning node keeps pushing forward; when a node
-- dies its rows simply expire and any node's sweeper removes them.
CREATE TABLE live_presence (
    connection_id UUID NOT NULL,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    node_id UUID NOT NULL,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    state VARCHAR(20) NOT NULL DEFAULT 'online',
    expires_at TIMESTAMP NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE UNIQUE INDEX idx_live_presence_key ON live_presence (connection_id, coalesce(ticket_id, 0));
CREATE INDEX idx_live_presence_ticket ON live_presence (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX idx_live_presence_expires ON live_presence (expires_at);
CREATE INDEX idx_live_presence_node ON live_presence (node_id);
