-- =====================================================================
-- GOTRS V4: identity and OTRS-style permissions
-- =====================================================================

-- GOTRS: customer users log in too, but sessions.user_id references users(id) (agents). A customer
-- session keeps user_id NULL and names its customer user here.
ALTER TABLE sessions ADD COLUMN customer_user_id UUID REFERENCES customer_user(id) ON DELETE CASCADE;
-- GOTRS: the refresh token is "<session id>.<secret>"; only a SHA-256 of the secret is kept, and it
-- changes on every refresh (rotation). A stale secret presented again revokes the session.
ALTER TABLE sessions ADD COLUMN refresh_hash VARCHAR(64);
CREATE INDEX idx_sessions_customer_user ON sessions (customer_user_id);

-- Groups a user holds a permission key on. OTRS semantics:
--   * a key comes from group_user directly or from role_group through role_user;
--   * 'rw' implies every other key;
--   * a key on a group also applies to its descendants (groups.parent_id);
--   * invalid (valid_id <> 1) users, groups and roles grant nothing.
-- Returned as an array so a list query evaluates it once and uses it as an index condition
-- (queue_id = ANY (...)) instead of joining per row.
CREATE FUNCTION permitted_group_ids(p_user UUID, p_key TEXT) RETURNS INTEGER[]
LANGUAGE sql STABLE AS $$
    WITH RECURSIVE granted AS (
        SELECT gu.group_id
          FROM group_user gu
         WHERE gu.user_id = p_user AND gu.permission_value = 1 AND gu.permission_key IN (p_key, 'rw')
        UNION
        SELECT rg.group_id
          FROM role_user ru
          JOIN roles r ON r.id = ru.role_id AND r.valid_id = 1
          JOIN role_group rg ON rg.role_id = ru.role_id
         WHERE ru.user_id = p_user AND rg.permission_value = 1 AND rg.permission_key IN (p_key, 'rw')
    ), tree AS (
        SELECT g.id FROM groups g JOIN granted ON granted.group_id = g.id WHERE g.valid_id = 1
        UNION
        SELECT child.id FROM groups child JOIN tree ON child.parent_id = tree.id WHERE child.valid_id = 1
    )
    SELECT coalesce(array_agg(tree.id), '{}')
      FROM tree
     WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = p_user AND u.valid_id = 1)
$$;

-- Queues whose group grants the key (see permitted_group_ids).
CREATE FUNCTION permitted_queue_ids(p_user UUID, p_key TEXT) RETURNS INTEGER[]
LANGUAGE sql STABLE AS $$
    SELECT coalesce(array_agg(q.id), '{}')
      FROM queue q
     WHERE q.group_id = ANY (permitted_group_ids(p_user, p_key))
$$;

-- An admin is an agent with 'rw' on the group 'admin', as in OTRS.
CREATE FUNCTION is_admin(p_user UUID) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (SELECT 1 FROM groups g WHERE g.name = 'admin' AND g.id = ANY (permitted_group_ids(p_user, 'rw')))
$$;

CREATE INDEX idx_role_user_role ON role_user (role_id);
CREATE INDEX idx_role_group_group ON role_group (group_id);
CREATE INDEX idx_groups_parent ON groups (parent_id);
