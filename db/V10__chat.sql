-- =====================================================================
-- GOTRS V10: live chat
--
-- A chat is a ticket (source 'chat') plus this row, which tracks who is
-- talking: waiting for an agent, active with one, or closed. Messages are
-- articles on the ticket; this table holds no text. Accepting is one
-- conditional UPDATE (... WHERE state = 'waiting'), so among agents
-- accepting at once, on any node, exactly one wins.
-- The customer's resume token is kept only as its SHA-256 (hex).
-- A waiting chat whose customer has had no socket open for a while is
-- closed, so the waiting line and the wallboard only count people waiting.
-- =====================================================================

CREATE TABLE chat (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    queue_id INTEGER NOT NULL REFERENCES queue(id),
    state VARCHAR(10) NOT NULL DEFAULT 'waiting' CHECK (state IN ('waiting', 'active', 'closed')),
    customer_name VARCHAR(200) NOT NULL,
    customer_email VARCHAR(255) NOT NULL,
    customer_user_id UUID REFERENCES customer_user(id) ON DELETE SET NULL,
    agent_user_id UUID REFERENCES users(id) ON DELETE SET NULL,
    resume_token_hash CHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    accepted_at TIMESTAMP,
    closed_at TIMESTAMP,
    last_customer_read_article_id BIGINT,
    last_agent_read_article_id BIGINT,
    -- renewed while the customer has a socket open on some node; a waiting chat
    -- whose customer has been gone too long is closed (it left the line)
    customer_seen_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE UNIQUE INDEX idx_chat_resume_token ON chat (resume_token_hash);
CREATE INDEX idx_chat_ticket ON chat (ticket_id);
-- the waiting line per queue (lists, queue positions, the wallboard's longest wait)
CREATE INDEX idx_chat_waiting ON chat (queue_id, created_at, id) WHERE state = 'waiting';
-- seats in use per agent
CREATE INDEX idx_chat_active_agent ON chat (agent_user_id) WHERE state = 'active';
