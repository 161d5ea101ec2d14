-- =====================================================================
-- GOTRS V40: the email channel
--
-- Mailboxes that are polled into queues, the ledger of every message taken
-- from them (so nothing is imported twice), messages that could not be
-- read (kept with their raw bytes), postmaster filters, the outbound
-- delivery queue and the auto-response log used for loop protection.
-- TIMESTAMP columns hold UTC (see V1).
-- =====================================================================

-- IMAP or POP3 mailboxes; each delivers into one queue. The password is
-- sealed with the server's secret box and never leaves the server.
CREATE TABLE mail_account (
    id SERIAL PRIMARY KEY,
    type VARCHAR(10) NOT NULL CHECK (type IN ('imap', 'pop3')),
    host VARCHAR(200) NOT NULL,
    port INTEGER NOT NULL CHECK (port BETWEEN 1 AND 65535),
    login VARCHAR(200) NOT NULL,
    password_sealed TEXT NOT NULL,
    tls BOOLEAN NOT NULL DEFAULT FALSE,
    folder VARCHAR(200) NOT NULL DEFAULT 'INBOX',
    queue_id INTEGER NOT NULL REFERENCES queue(id),
    poll_seconds INTEGER NOT NULL DEFAULT 60 CHECK (poll_seconds > 0),
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    last_poll_time TIMESTAMP,
    last_error TEXT,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- Every message taken from a mailbox, keyed like article.message_id_md5
-- (the MD5 of its Message-ID, or of its bytes when it has none). Written in
-- the transaction that stores the message, so a message fetched again after
-- a crash between storing and deleting it is recognised and not imported twice.
CREATE TABLE mail_message (
    message_id_md5 VARCHAR(32) PRIMARY KEY,
    message_id TEXT,
    mail_account_id INTEGER REFERENCES mail_account(id) ON DELETE SET NULL,
    outcome VARCHAR(20) NOT NULL CHECK (outcome IN ('imported', 'dropped', 'failed')),
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE SET NULL,
    article_id BIGINT REFERENCES article(id) ON DELETE SET NULL,
    received_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- Messages that could not be read or stored, kept whole for an administrator.
CREATE TABLE mail_failed (
    id BIGSERIAL PRIMARY KEY,
    mail_account_id INTEGER REFERENCES mail_account(id) ON DELETE SET NULL,
    message_id_md5 VARCHAR(32) NOT NULL,
    subject TEXT,
    from_address TEXT,
    error TEXT NOT NULL,
    raw BYTEA NOT NULL,
    received_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_mail_failed_received ON mail_failed (received_time DESC);

-- Rules on the headers of incoming mail, applied in position order:
-- matches = [{"header","pattern","negate"}] (all must hold, patterns are
-- case-insensitive regular expressions), actions = {"queue_id",
-- "priority_id","state_id","tags":[...],"drop":bool}.
CREATE TABLE postmaster_filter (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    position INTEGER NOT NULL DEFAULT 0,
    stop BOOLEAN NOT NULL DEFAULT FALSE,
    matches JSONB NOT NULL,
    actions JSONB NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- Outbound mail: an article with delivery_status 'queued' gets a row here
-- when the sender first sees it; senders claim due rows with SKIP LOCKED and
-- a lease (next_attempt_time), so one node sends each and a crashed
-- sender's mail is retried.
CREATE TABLE mail_delivery (
    article_id BIGINT PRIMARY KEY REFERENCES article(id) ON DELETE CASCADE,
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_time TIMESTAMP NOT NULL,
    done BOOLEAN NOT NULL DEFAULT FALSE,
    last_error TEXT,
    sent_time TIMESTAMP
);
CREATE INDEX idx_mail_delivery_due ON mail_delivery (next_attempt_time) WHERE NOT done;
CREATE INDEX idx_article_delivery_queued ON article (id) WHERE delivery_status = 'queued';

-- Auto-responses sent, per lower-cased address: the per-address rate limit.
CREATE TABLE mail_auto_response_log (
    id BIGSERIAL PRIMARY KEY,
    address VARCHAR(255) NOT NULL,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    sent_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_mail_auto_response_log_address ON mail_auto_response_log (address, sent_time);

-- Incoming mail is matched to customer users by address, whatever its case.
CREATE INDEX idx_customer_user_email_lower ON customer_user (lower(email));
