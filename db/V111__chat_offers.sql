-- =====================================================================
-- GOTRS V111: a waiting chat is offered to one free agent first
--
-- The choice of agent for automatic assignment (V72) becomes one
-- function, auto_assign_candidates, used by new tickets and new chats
-- alike: the queue's agents (owner) who are online (live_presence), not
-- out of office on the day and under the queue's max_open_per_agent,
-- each with their turn (1 = next) by the queue's rule. The caller passes
-- the queue's rule, last agent and limit as read from the queue row it
-- locked, so turns taken at once follow one another.
--
-- A chat in a queue that assigns automatically is offered to one of
-- them (offered_to) until offered_until; declined or run out, it goes to
-- the next who has not had it (offer_passed), else it waits for everyone.
-- The offer lives on the chat row, so every node sees it and a restart
-- keeps it; any node's sweep moves an offer on once it has run out.
-- =====================================================================

CREATE FUNCTION auto_assign_candidates(p_queue INTEGER, p_day DATE, p_rule TEXT, p_last_user UUID, p_max_open INTEGER)
RETURNS TABLE (user_id UUID, open_tickets BIGINT, turn BIGINT)
LANGUAGE sql STABLE AS $$
    WITH candidates AS (
           SELECT u.id,
                  (SELECT count(*) FROM ticket t
                    WHERE t.user_id = u.id AND t.ticket_state_id IN (
                          SELECT s.id FROM ticket_state s JOIN ticket_state_type st ON st.id = s.type_id
                           WHERE st.name IN ('new', 'open', 'pending'))) AS open_tickets
             FROM user_permitted_groups p
             JOIN users u ON u.id = p.user_id AND u.valid_id = 1
            WHERE p.permission_key = 'owner'
              AND (SELECT q.group_id FROM queue q WHERE q.id = p_queue) = ANY (p.group_ids)
              AND EXISTS (SELECT 1 FROM live_presence lp
                           WHERE lp.user_id = u.id AND lp.ticket_id IS NULL
                             AND lp.expires_at > now() AT TIME ZONE 'UTC')
              AND NOT EXISTS (SELECT 1 FROM agent_out_of_office(u.id) o WHERE p_day BETWEEN o.starts_on AND o.ends_on))
    SELECT c.id, c.open_tickets,
           row_number() OVER (ORDER BY CASE WHEN p_rule = 'least_open' THEN c.open_tickets ELSE 0 END,
                                       CASE WHEN p_rule = 'round_robin'
                                            THEN c.id::text <= coalesce(p_last_user::text, '') ELSE false END,
                                       c.id::text)
      FROM candidates c
     WHERE p_rule IN ('round_robin', 'least_open') AND (p_max_open = 0 OR c.open_tickets < p_max_open)
$$;

ALTER TABLE chat
    ADD COLUMN offered_to UUID REFERENCES users(id) ON DELETE SET NULL,
    ADD COLUMN offered_until TIMESTAMP,
    ADD COLUMN offer_passed UUID[] NOT NULL DEFAULT '{}';

-- the offers the sweep moves on once they run out
CREATE INDEX idx_chat_offered_until ON chat (offered_until) WHERE offered_to IS NOT NULL;
