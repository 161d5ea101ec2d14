-- =====================================================================
-- GOTRS V96: customers sign themselves up when portal.self_registration
-- is on. A sign-up waits here until its e-mail address is confirmed with
-- the mailed token (only its SHA-256 is kept; it works once, for a day);
-- only then does the customer user exist and may sign in.
-- =====================================================================

CREATE TABLE customer_registration (
    token_hash VARCHAR(64) PRIMARY KEY,
    email VARCHAR(255) NOT NULL,
    first_name VARCHAR(100) NOT NULL,
    last_name VARCHAR(100) NOT NULL,
    language VARCHAR(10),
    password_hash VARCHAR(255) NOT NULL,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    expires_time TIMESTAMP NOT NULL
);
CREATE INDEX customer_registration_email ON customer_registration (lower(email));
CREATE INDEX customer_registration_expires ON customer_registration (expires_time);
CREATE INDEX customer_password_reset_expires ON customer_password_reset (expires_time);

-- Expired password-reset links and unconfirmed sign-ups go; run by the scheduler with the session cleanup.
CREATE FUNCTION purge_expired_customer_tokens() RETURNS integer LANGUAGE sql AS $$
    WITH resets AS (DELETE FROM customer_password_reset WHERE expires_time < (now() AT TIME ZONE 'UTC') RETURNING 1),
         signups AS (DELETE FROM customer_registration WHERE expires_time < (now() AT TIME ZONE 'UTC') RETURNING 1)
    SELECT ((SELECT count(*) FROM resets) + (SELECT count(*) FROM signups))::integer
$$;
