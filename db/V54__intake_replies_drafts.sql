-- =====================================================================
-- GOTRS V54: where each channel's tickets land, Bcc on replies, drafts
--
-- Intake: a ticket that a customer opens in the portal, a chat started
-- from the widget and a ticket created through the API without a queue
-- go to the queue an administrator chose for that channel
-- (PATCH /api/v1/settings/intake). Until one is chosen, to the queue
-- customers may choose that the most valid agents may read, else Raw.
-- intake_queue_id() is that rule, in one place: ticket creation, chat
-- and the settings page all ask it.
-- =====================================================================

CREATE TABLE intake_queue (
    channel VARCHAR(20) PRIMARY KEY CHECK (channel IN ('portal', 'chat', 'api')),
    queue_id INTEGER NOT NULL REFERENCES queue(id) ON DELETE CASCADE,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id)
);

-- Valid agents who may read the queue: 'rw' implies 'ro', and a missing 'ro' row reads as the 'rw' row (V46).
CREATE FUNCTION queue_reader_count(p_queue INTEGER) RETURNS BIGINT
LANGUAGE sql STABLE AS $$
    SELECT count(DISTINCT p.user_id)
      FROM queue q
      JOIN user_permitted_groups p ON p.permission_key IN ('ro', 'rw') AND q.group_id = ANY (p.group_ids)
      JOIN users u ON u.id = p.user_id AND u.valid_id = 1
     WHERE q.id = p_queue
$$;

-- Valid agents who can work the queue: 'rw' on its group, administrators like anyone else.
CREATE FUNCTION queue_worker_count(p_queue INTEGER) RETURNS BIGINT
LANGUAGE sql STABLE AS $$
    SELECT count(*)
      FROM queue q
      JOIN user_permitted_groups p ON p.permission_key = 'rw' AND q.group_id = ANY (p.group_ids)
      JOIN users u ON u.id = p.user_id AND u.valid_id = 1
     WHERE q.id = p_queue
$$;

-- The queue a channel's tickets go to when no one chose one: the administrator's choice while it is valid,
-- else the customer-selectable queue most valid agents may read (by name on a tie), else Raw.
CREATE FUNCTION intake_queue_id(p_channel TEXT) RETURNS INTEGER
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT q.id FROM intake_queue i JOIN queue q ON q.id = i.queue_id AND q.valid_id = 1
          WHERE i.channel = p_channel),
        (SELECT q.id FROM queue q WHERE q.valid_id = 1 AND q.customer_selectable
          ORDER BY queue_reader_count(q.id) DESC, q.name LIMIT 1),
        (SELECT q.id FROM queue q WHERE q.valid_id = 1 AND q.name = 'Raw'))
$$;

-- Bcc of an agent's e-mail: sent, kept for agents, never shown to customers.
ALTER TABLE article ADD COLUMN bcc_address TEXT;

-- What an agent is writing on a ticket, kept until it is sent or discarded: one per agent and ticket.
CREATE TABLE article_draft (
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    content JSONB NOT NULL,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX idx_article_draft_user ON article_draft (user_id);
