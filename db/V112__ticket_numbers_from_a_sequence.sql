-- =====================================================================
-- GOTRS V112: ticket numbers drawn from a sequence, not a locked row
--
-- V3 kept one row per counter and drew the next number with an upsert,
-- which locks that row until the drawing transaction commits: every ticket
-- created on a day waited for the one before it to commit, so creates
-- could never commit in parallel (at a commit latency of 10 ms, at most
-- 100 creates a second however many nodes and cores).
--
-- Now every number comes from one sequence, which takes no lock and is not
-- given back on rollback, and a counter is the sequence value less its
-- day's base: counter = nextval('ticket_number_seq') - base. A day's row
-- is written by the first number drawn for it (base = that value - 1, so
-- the day starts at 1) and only read after that. Numbers stay unique and
-- rise within a day; a rolled-back create leaves a gap, as it already did
-- for tickets created through the API. AutoIncrement's one counter is
-- the row of 1970-01-01, as before.
-- =====================================================================

CREATE SEQUENCE ticket_number_seq;

CREATE TABLE ticket_number_day (
    counter_date DATE   NOT NULL PRIMARY KEY,
    base         BIGINT NOT NULL
);

-- The counters so far carry on: the sequence starts at 1, so base = -value makes the next counter value + 1.
INSERT INTO ticket_number_day (counter_date, base)
SELECT counter_date, -value FROM ticket_number_counter;

DROP TABLE ticket_number_counter;
