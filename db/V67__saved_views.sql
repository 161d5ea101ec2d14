-- Saved views (overviews): a name, the ticket list's own filters as a JSON object of query parameters, a sort and
-- columns. An agent's own view has its owner; a view without an owner is a default every agent has. A view may be
-- shared to roles: their agents see it too.
CREATE TABLE saved_view (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    owner_id UUID REFERENCES users(id) ON DELETE CASCADE,
    filters JSONB NOT NULL DEFAULT '{}',
    sort VARCHAR(30),
    columns JSONB NOT NULL DEFAULT '[]',
    create_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    change_time TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX idx_saved_view_owner ON saved_view (owner_id, id);

CREATE TABLE saved_view_role (
    view_id BIGINT NOT NULL REFERENCES saved_view(id) ON DELETE CASCADE,
    role_id INTEGER NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (view_id, role_id)
);
CREATE INDEX idx_saved_view_role_role ON saved_view_role (role_id);

INSERT INTO saved_view (name, owner_id, filters, sort) VALUES
    ('My open tickets', NULL, '{"owner_id": "me", "state_type": "new,open,pending"}', '-changed'),
    ('Unassigned in my queues', NULL, '{"owner_id": "none", "state_type": "new,open"}', 'created'),
    ('Escalated', NULL, '{"escalated": "true"}', 'escalation'),
    ('Pending reached', NULL, '{"pending_reached": "true"}', 'created');
