-- OTRS's time_accounting: the time units agents account on a ticket, one row per article that carried them (or
-- none, for time accounted without an article). time_unit as OTRS keeps it: DECIMAL(10,2), possibly negative (a
-- correction). A merged ticket's rows move with its articles.
CREATE TABLE time_accounting (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    article_id BIGINT REFERENCES article(id) ON DELETE SET NULL,
    time_unit NUMERIC(10, 2) NOT NULL,
    create_time TIMESTAMP(0) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id) ON DELETE SET NULL,
    change_time TIMESTAMP(0) NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id) ON DELETE SET NULL
);
CREATE INDEX time_accounting_ticket_id ON time_accounting (ticket_id);
CREATE INDEX time_accounting_article_id ON time_accounting (article_id);
CREATE INDEX time_accounting_create_time ON time_accounting (create_time);

-- Per queue, as OTRS's Ticket::Frontend::NeedAccountedTime (there one switch for all queues): an agent's article in
-- the queue must say how much time it took. And the rule that a parent ticket stays open while a child is open.
ALTER TABLE queue
    ADD COLUMN time_units_required BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN close_needs_children_closed BOOLEAN NOT NULL DEFAULT false;
