-- A customer's rating of their ticket once it is closed: one per ticket, 1 to 5 with an optional comment.
CREATE TABLE ticket_rating (
    ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
    customer_user_id UUID REFERENCES customer_user(id) ON DELETE SET NULL,
    score SMALLINT NOT NULL CHECK (score BETWEEN 1 AND 5),
    comment TEXT,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE INDEX ticket_rating_create_time ON ticket_rating (create_time);
