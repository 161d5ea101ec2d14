-- Counters behind ticket numbers (org.gotrs.ticket.number).
--
-- Why a table of our own: OTRS has a ticket_number_counter too, but keyed by counter_uid: it inserts one row
-- per ticket and derives the number from that row's position, which needs several statements and a cleanup
-- job. Here there is one row per counter and the next number is a single atomic upsert
--   INSERT ... ON CONFLICT (counter_date) DO UPDATE SET value = ticket_number_counter.value + 1 RETURNING value
-- so several nodes can create tickets at the same time without handing out a number twice.
--
-- counter_date is the (UTC) day of the daily counters (DateChecksum, Date); the never-reset AutoIncrement
-- counter uses the single row DATE '1970-01-01'.
CREATE TABLE ticket_number_counter (
    counter_date DATE   NOT NULL PRIMARY KEY,
    value        BIGINT NOT NULL CHECK (value > 0)
);
