-- =====================================================================
-- GOTRS V46: each agent's permitted groups, kept by trigger
--
-- permitted_group_ids (V9) walked the agent's grants, roles and the group
-- tree on every call: 0.3-0.9 ms, paid by every request twice or more
-- (is_admin when the caller signs in, permitted_queue_ids in the
-- permission predicate) -- about half the database time of a 50-ticket
-- queue page. The answer only changes when an administrator changes
-- grants, roles, groups or an agent's validity, so it is now stored per
-- agent and permission key, recomputed by trigger on those changes with
-- V9's rules unchanged (compute_permitted_group_ids), and read by key.
--
-- Keys: OTRS's seven (ro, move_into, create, note, owner, priority, rw).
-- A key without a row holds nothing beyond rw, so a missing row reads as
-- the rw row (an unknown key as rw, as V9 answered it).
--
-- Concurrency: a refresh takes a transaction lock on its agent first, so
-- two transactions changing the same agent's grants refresh one after the
-- other, the second seeing the first's committed grants (READ COMMITTED:
-- each statement in the refresh takes a new snapshot).
-- =====================================================================

CREATE TABLE user_permitted_groups (
    user_id UUID NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    permission_key VARCHAR(20) NOT NULL,
    group_ids INTEGER[] NOT NULL,
    PRIMARY KEY (user_id, permission_key)
);

-- V9's permitted_group_ids keeps its body under a new name: the rules, computed from the grants.
-- (permitted_queue_ids and is_admin call permitted_group_ids by name, so they read the stored answer below.)
ALTER FUNCTION permitted_group_ids(UUID, TEXT) RENAME TO compute_permitted_group_ids;

CREATE FUNCTION refresh_permitted_groups(p_user UUID) RETURNS VOID
LANGUAGE plpgsql AS $$
BEGIN
    IF p_user IS NULL THEN
        RETURN;
    END IF;
    PERFORM pg_advisory_xact_lock(hashtext('user_permitted_groups'), hashtext(p_user::text));
    DELETE FROM user_permitted_groups WHERE user_id = p_user;
    INSERT INTO user_permitted_groups (user_id, permission_key, group_ids)
    SELECT p_user, k.key, granted.ids
      FROM unnest(ARRAY['ro', 'move_into', 'create', 'note', 'owner', 'priority', 'rw']) AS k(key)
     CROSS JOIN LATERAL compute_permitted_group_ids(p_user, k.key) AS granted(ids)
     WHERE cardinality(granted.ids) > 0;
END
$$;

-- Every agent holding a grant directly or through a role: after a change to groups, or a bulk load.
CREATE FUNCTION refresh_all_permitted_groups() RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    agent UUID;
BEGIN
    FOR agent IN SELECT user_id FROM group_user UNION SELECT user_id FROM role_user
                 UNION SELECT user_id FROM user_permitted_groups ORDER BY 1 LOOP
        PERFORM refresh_permitted_groups(agent);
    END LOOP;
END
$$;

CREATE FUNCTION permitted_groups_agent_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP <> 'INSERT' THEN
        PERFORM refresh_permitted_groups(OLD.user_id);
    END IF;
    IF TG_OP = 'INSERT' OR (TG_OP = 'UPDATE' AND NEW.user_id IS DISTINCT FROM OLD.user_id) THEN
        PERFORM refresh_permitted_groups(NEW.user_id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER group_user_permitted_groups AFTER INSERT OR UPDATE OR DELETE ON group_user
    FOR EACH ROW EXECUTE FUNCTION permitted_groups_agent_changed();
CREATE TRIGGER role_user_permitted_groups AFTER INSERT OR UPDATE OR DELETE ON role_user
    FOR EACH ROW EXECUTE FUNCTION permitted_groups_agent_changed();

CREATE FUNCTION permitted_groups_validity_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.valid_id IS DISTINCT FROM OLD.valid_id THEN
        PERFORM refresh_permitted_groups(NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER users_permitted_groups AFTER UPDATE OF valid_id ON users
    FOR EACH ROW EXECUTE FUNCTION permitted_groups_validity_changed();

CREATE FUNCTION permitted_groups_role_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
DECLARE
    agent UUID;
    changed INTEGER[];
BEGIN
    IF TG_TABLE_NAME = 'roles' THEN
        changed := ARRAY[OLD.id];
    ELSIF TG_OP = 'INSERT' THEN
        changed := ARRAY[NEW.role_id];
    ELSIF TG_OP = 'DELETE' THEN
        changed := ARRAY[OLD.role_id];
    ELSE
        changed := ARRAY[OLD.role_id, NEW.role_id];
    END IF;
    FOR agent IN SELECT DISTINCT user_id FROM role_user WHERE role_id = ANY (changed) ORDER BY 1 LOOP
        PERFORM refresh_permitted_groups(agent);
    END LOOP;
    RETURN NULL;
END
$$;

CREATE TRIGGER role_group_permitted_groups AFTER INSERT OR UPDATE OR DELETE ON role_group
    FOR EACH ROW EXECUTE FUNCTION permitted_groups_role_changed();
CREATE TRIGGER roles_permitted_groups AFTER UPDATE OF valid_id ON roles
    FOR EACH ROW WHEN (NEW.valid_id IS DISTINCT FROM OLD.valid_id) EXECUTE FUNCTION permitted_groups_role_changed();

-- A group's validity or place in the tree changes what its grants and its ancestors' grants reach. A new group
-- is reached only through its parent; a deleted one had its grants removed with it.
CREATE FUNCTION permitted_groups_tree_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM refresh_all_permitted_groups();
    RETURN NULL;
END
$$;

CREATE TRIGGER groups_permitted_groups_changed AFTER UPDATE OF valid_id, parent_id ON groups
    FOR EACH ROW WHEN (NEW.valid_id IS DISTINCT FROM OLD.valid_id OR NEW.parent_id IS DISTINCT FROM OLD.parent_id)
    EXECUTE FUNCTION permitted_groups_tree_changed();
CREATE TRIGGER groups_permitted_groups_added AFTER INSERT ON groups
    FOR EACH ROW WHEN (NEW.parent_id IS NOT NULL) EXECUTE FUNCTION permitted_groups_tree_changed();
CREATE TRIGGER groups_permitted_groups_removed AFTER DELETE ON groups
    FOR EACH ROW EXECUTE FUNCTION permitted_groups_tree_changed();

-- The stored answer, read by key. PL/pgSQL, so the lookup is planned once per connection (see V9).
CREATE OR REPLACE FUNCTION permitted_group_ids(p_user UUID, p_key TEXT) RETURNS INTEGER[]
LANGUAGE plpgsql STABLE AS $$
DECLARE
    granted INTEGER[];
BEGIN
    SELECT group_ids INTO granted FROM user_permitted_groups WHERE user_id = p_user AND permission_key = p_key;
    IF NOT FOUND THEN
        SELECT group_ids INTO granted FROM user_permitted_groups WHERE user_id = p_user AND permission_key = 'rw';
    END IF;
    RETURN coalesce(granted, '{}');
END
$$;

SELECT refresh_all_permitted_groups();
