-- =====================================================================
-- GOTRS V45: an event's time is when it was recorded, not when its transaction began
--
-- event_log.created_at (the "at" of every live event) defaulted to now(), the
-- start of the writing transaction. Under load a transaction can wait tens of
-- milliseconds between its first statement and the event it records last, so
-- "at" told more about the transaction than about the change. clock_timestamp()
-- is the moment the event row is written, just before the commit; sequence
-- numbers still give the order.
-- =====================================================================

ALTER TABLE event_log ALTER COLUMN created_at SET DEFAULT (clock_timestamp() AT TIME ZONE 'UTC');
