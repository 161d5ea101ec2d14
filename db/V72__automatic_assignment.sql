-- =====================================================================
-- GOTRS V72: automatic assignment, opt-in per queue
--
-- A queue with auto_assign 'round_robin' or 'least_open' gives each new
-- ticket without an owner to one of its agents (owner or rw) who is
-- online (live_presence), not out of office, and under the queue's
-- max_open_per_agent (0 = no limit) open tickets. Round robin goes on
-- after auto_assign_last_user.
--
-- Out of office is an agent preference, as in OTRS: OutOfOfficeStart and
-- OutOfOfficeEnd (YYYY-MM-DD, both days included) and GOTRS's
-- OutOfOfficeSubstitute (the login or id of the agent who stands in).
-- =====================================================================

ALTER TABLE queue
    ADD COLUMN auto_assign VARCHAR(20) NOT NULL DEFAULT 'off'
        CHECK (auto_assign IN ('off', 'round_robin', 'least_open')),
    ADD COLUMN max_open_per_agent INTEGER NOT NULL DEFAULT 0 CHECK (max_open_per_agent >= 0),
    ADD COLUMN auto_assign_last_user UUID REFERENCES users(id) ON DELETE SET NULL;

-- The out-of-office days an agent set, or NULL when none (or not readable as dates).
CREATE FUNCTION agent_out_of_office(agent UUID)
RETURNS TABLE (starts_on DATE, ends_on DATE, substitute_id UUID)
LANGUAGE sql STABLE AS $$
    SELECT s.preferences_value::date, e.preferences_value::date,
           CASE WHEN sub.preferences_value ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'
                THEN sub.preferences_value::uuid
                ELSE (SELECT u.id FROM users u WHERE lower(u.login) = lower(sub.preferences_value)) END
      FROM user_preferences s
      JOIN user_preferences e ON e.user_id = s.user_id AND e.preferences_key = 'OutOfOfficeEnd'
      LEFT JOIN user_preferences sub ON sub.user_id = s.user_id AND sub.preferences_key = 'OutOfOfficeSubstitute'
     WHERE s.user_id = agent AND s.preferences_key = 'OutOfOfficeStart'
       AND s.preferences_value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
       AND e.preferences_value ~ '^[0-9]{4}-[0-9]{2}-[0-9]{2}$'
$$;
