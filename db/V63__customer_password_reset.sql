-- =====================================================================
-- GOTRS V63: a customer who forgot their password asks for a link by
-- e-mail. The link carries a random token; only its SHA-256 is kept, so
-- the table alone signs nobody in. A token works once, for an hour, and
-- a newer request or a completed reset retires the older ones.
-- =====================================================================

CREATE TABLE customer_password_reset (
    token_hash VARCHAR(64) PRIMARY KEY,
    customer_user_id UUID NOT NULL REFERENCES customer_user(id) ON DELETE CASCADE,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    expires_time TIMESTAMP NOT NULL,
    used_time TIMESTAMP
);
CREATE INDEX customer_password_reset_user ON customer_password_reset (customer_user_id);
