-- Links between tickets, with OTRS's link types: Normal (no direction; kept once, whichever ticket it was made on)
-- and ParentChild (source is the parent). Watchers: agents who follow a ticket they do not own (OTRS ticket_watcher).
CREATE TABLE ticket_link (
    source_ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    target_ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    link_type VARCHAR(20) NOT NULL CHECK (link_type IN ('Normal', 'ParentChild')),
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id) ON DELETE SET NULL,
    CHECK (source_ticket_id <> target_ticket_id),
    PRIMARY KEY (source_ticket_id, target_ticket_id)
);
-- two tickets are linked at most once, in either direction
CREATE UNIQUE INDEX ticket_link_pair ON ticket_link (least(source_ticket_id, target_ticket_id),
                                                     greatest(source_ticket_id, target_ticket_id));
CREATE INDEX ticket_link_target ON ticket_link (target_ticket_id);

CREATE TABLE ticket_watcher (
    ticket_id BIGINT NOT NULL REFERENCES ticket(id) ON DELETE CASCADE,
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    PRIMARY KEY (ticket_id, user_id)
);
CREATE INDEX ticket_watcher_user ON ticket_watcher (user_id, ticket_id);
