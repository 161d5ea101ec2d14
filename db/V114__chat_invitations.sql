-- =====================================================================
-- GOTRS V114: proactive chat invitations
--
-- Administrators keep rules that open the chat widget with a greeting:
-- on a page whose address matches url_pattern (a glob, * for any run of
-- characters), after the visitor has been there for seconds_on_page,
-- optionally only while an agent of the rule's queue (else the widget's
-- queue) is free to take a chat. The widget uses the first active rule
-- that matches, in the order the rules were made.
--
-- chat_agent_free is the one answer to "could an agent take a chat of
-- this queue now": the widget's availability and the invitations ask it.
-- =====================================================================

CREATE TABLE chat_invitation (
    id                   SERIAL PRIMARY KEY,
    name                 VARCHAR(200) NOT NULL UNIQUE,
    url_pattern          VARCHAR(500) NOT NULL,
    seconds_on_page      INTEGER NOT NULL CHECK (seconds_on_page BETWEEN 0 AND 3600),
    greeting             VARCHAR(1000) NOT NULL,
    queue_id             INTEGER REFERENCES queue (id),
    active               BOOLEAN NOT NULL DEFAULT TRUE,
    only_when_agent_free BOOLEAN NOT NULL DEFAULT TRUE,
    create_time          TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_time          TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);

CREATE FUNCTION chat_agent_free(p_queue INTEGER, p_seats INTEGER) RETURNS BOOLEAN
LANGUAGE sql STABLE AS $$
    SELECT EXISTS (
      SELECT 1 FROM (SELECT DISTINCT user_id FROM live_presence
                      WHERE ticket_id IS NULL AND expires_at > now() AT TIME ZONE 'UTC') online
       WHERE p_queue = ANY (permitted_queue_ids(online.user_id, 'note'))
         AND (SELECT count(*) FROM chat c WHERE c.agent_user_id = online.user_id AND c.state = 'active') < p_seats)
$$;
