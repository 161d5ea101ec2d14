-- =====================================================================
-- GOTRS V43: an open chat is in the queue of its ticket
--
-- A chat's queue_id decides whose waiting list holds it and which agents
-- see its events on the live `chats` topic (those with ro on that queue).
-- Moving the chat's ticket to another queue through the ticket API left
-- the chat in the old queue: agents of the new queue never saw it, those
-- of the old one went on seeing it. The chat now follows its ticket for
-- every writer; a closed chat keeps the queue it ended in.
-- =====================================================================

CREATE FUNCTION chat_follow_ticket_queue() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE chat SET queue_id = NEW.queue_id
     WHERE ticket_id = NEW.id AND state <> 'closed' AND queue_id IS DISTINCT FROM NEW.queue_id;
    RETURN NULL;
END
$$;

CREATE TRIGGER chat_follow_ticket_queue AFTER UPDATE OF queue_id ON ticket
    FOR EACH ROW WHEN (NEW.queue_id IS DISTINCT FROM OLD.queue_id)
    EXECUTE FUNCTION chat_follow_ticket_queue();
