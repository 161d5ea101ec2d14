-- =====================================================================
-- GOTRS V44: the search document carries its ticket's queue and archive flag
--
-- An agent's search is driven by the GIN index of ticket_search and checks
-- each match against the permission predicate, which is about the ticket's
-- queue. For a word in ~1% of a million tickets that meant ~14,000 lookups
-- of the ticket row (70% of the query's time) only to read queue_id and
-- archive_flag. Both are now kept beside the document, exact by trigger, so
-- the permission predicate and the archive filter run on the row the index
-- scan already has; the ticket row is read only for the other filters.
-- =====================================================================

ALTER TABLE ticket_search ADD COLUMN queue_id INTEGER, ADD COLUMN archive_flag SMALLINT NOT NULL DEFAULT 0;

UPDATE ticket_search s SET queue_id = t.queue_id, archive_flag = t.archive_flag
  FROM ticket t WHERE t.id = s.ticket_id;

ALTER TABLE ticket_search ALTER COLUMN queue_id SET NOT NULL;

CREATE OR REPLACE FUNCTION ticket_search_rebuild(p_ticket BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    doc TSVECTOR := ticket_search_document(p_ticket);
BEGIN
    IF doc IS NOT NULL THEN
        INSERT INTO ticket_search (ticket_id, document, queue_id, archive_flag)
        SELECT p_ticket, doc, t.queue_id, t.archive_flag FROM ticket t WHERE t.id = p_ticket
            ON CONFLICT (ticket_id) DO UPDATE
            SET document = excluded.document, queue_id = excluded.queue_id, archive_flag = excluded.archive_flag;
    END IF;
END
$$;

CREATE OR REPLACE FUNCTION ticket_search_rebuild_range(p_from BIGINT, p_to BIGINT) RETURNS BIGINT
LANGUAGE sql AS $$
    WITH texts AS (
        SELECT a.ticket_id,
               left(string_agg(coalesce(a.subject, '') || ' ' || coalesce(a.body, ''), ' ' ORDER BY a.id), 500000) AS text
          FROM article a
         WHERE a.ticket_id BETWEEN p_from AND p_to
         GROUP BY a.ticket_id
    ), docs AS (
        SELECT t.id, t.queue_id, t.archive_flag,
               setweight(to_tsvector('english', coalesce(t.title, '')), 'A')
                 || coalesce(setweight(to_tsvector('english', x.text), 'D'), ''::tsvector) AS document
          FROM ticket t
          LEFT JOIN texts x ON x.ticket_id = t.id
         WHERE t.id BETWEEN p_from AND p_to
    ), written AS (
        INSERT INTO ticket_search (ticket_id, document, queue_id, archive_flag)
        SELECT id, document, queue_id, archive_flag FROM docs
            ON CONFLICT (ticket_id) DO UPDATE
            SET document = excluded.document, queue_id = excluded.queue_id, archive_flag = excluded.archive_flag
        RETURNING 1
    )
    SELECT count(*) FROM written
$$;

CREATE OR REPLACE FUNCTION ticket_search_on_ticket() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, document, queue_id, archive_flag)
        VALUES (NEW.id, setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A'), NEW.queue_id, NEW.archive_flag)
        ON CONFLICT (ticket_id) DO NOTHING;
    ELSIF NEW.title IS DISTINCT FROM OLD.title THEN
        PERFORM ticket_search_rebuild(NEW.id);
    ELSIF NEW.queue_id IS DISTINCT FROM OLD.queue_id OR NEW.archive_flag IS DISTINCT FROM OLD.archive_flag THEN
        UPDATE ticket_search SET queue_id = NEW.queue_id, archive_flag = NEW.archive_flag WHERE ticket_id = NEW.id;
    END IF;
    RETURN NULL;
END
$$;

DROP TRIGGER ticket_search_on_ticket ON ticket;
CREATE TRIGGER ticket_search_on_ticket AFTER INSERT OR UPDATE OF title, queue_id, archive_flag ON ticket
    FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket();
