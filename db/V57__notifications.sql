-- Notifications: what concerns an agent (a ticket assigned to them, a customer's follow-up, a mention, ...), kept per
-- agent for the console's bell and list, and mail the desk sends that is not an article (notifications to agents,
-- an agent's web answer copied to the customer). Notifications are made from committed events by one consumer per
-- cluster, which moves notification_cursor in the transaction that writes them, so each event is acted on once.

CREATE TABLE notification (
    id BIGSERIAL PRIMARY KEY,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    event VARCHAR(40) NOT NULL,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    text VARCHAR(500) NOT NULL,
    source_seq BIGINT,
    read_time TIMESTAMP,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX notification_user ON notification (user_id, id DESC);
CREATE INDEX notification_user_unread ON notification (user_id, id DESC) WHERE read_time IS NULL;
CREATE INDEX notification_age ON notification (create_time);
CREATE INDEX notification_ticket ON notification (ticket_id);
CREATE INDEX notification_source ON notification (source_seq);

-- An agent's choices; no row (or an event missing from events) means the administrators' defaults (below).
-- queue_ids NULL: "my queues" are the queues the agent holds rw on.
CREATE TABLE notification_preference (
    user_id UUID PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    events JSONB NOT NULL DEFAULT '{}',
    queue_ids INTEGER[],
    quiet BOOLEAN NOT NULL DEFAULT false,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

-- The administrators' defaults per event, for agents who did not choose; a mandatory event is sent as the default
-- says, whatever the agent chose. No row: on in the app and by mail, not mandatory.
CREATE TABLE notification_default (
    event VARCHAR(40) PRIMARY KEY,
    email BOOLEAN NOT NULL,
    in_app BOOLEAN NOT NULL,
    mandatory BOOLEAN NOT NULL DEFAULT false,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id) ON DELETE SET NULL
);

-- The last event the notification consumer has acted on; it starts at the present, not at the log's beginning.
CREATE TABLE notification_cursor (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq BIGINT NOT NULL
);
INSERT INTO notification_cursor (id, last_seq) SELECT 1, coalesce(max(seq), 0) FROM event_log;

-- When a recipient last got a mail about a ticket for an event kind: at most one such mail a minute.
CREATE TABLE notification_mail_window (
    recipient VARCHAR(255) NOT NULL,
    ticket_id BIGINT NOT NULL,
    event VARCHAR(40) NOT NULL,
    sent_time TIMESTAMP NOT NULL,
    PRIMARY KEY (recipient, ticket_id, event)
);

-- Mail that is not an article, sent by the outbox with the same retries as email articles.
CREATE TABLE mail_queue (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    kind VARCHAR(60) NOT NULL,
    to_address VARCHAR(500) NOT NULL,
    subject VARCHAR(500) NOT NULL,
    body TEXT NOT NULL,
    auto_submitted BOOLEAN NOT NULL DEFAULT true,
    status VARCHAR(10) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'retry', 'sent', 'failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    last_error TEXT,
    sent_time TIMESTAMP,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX mail_queue_due ON mail_queue (next_attempt_time) WHERE status IN ('queued', 'retry');
CREATE INDEX mail_queue_ticket ON mail_queue (ticket_id);

-- In-app notifications are kept 90 days by the retention job; administrators may change or disable the policy.
INSERT INTO data_retention_policy (table_name, column_name, retention_days, action, conditions, enabled)
VALUES ('notification', 'create_time', 90, 'delete', '{}', true);
