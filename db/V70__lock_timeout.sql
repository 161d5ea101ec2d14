-- The unlock timeout job (scheduler.LockTimeouts) looks only at locked tickets, oldest lock first.
CREATE INDEX idx_ticket_locked_timeout ON ticket (timeout) WHERE ticket_lock_id = 2;
