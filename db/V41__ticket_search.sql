-- =====================================================================
-- GOTRS V41: one search document per ticket
--
-- Search (GET /api/v1/tickets?q=) used to match the expression indexes of
-- V1 (idx_ticket_fulltext on titles, idx_article_fulltext on articles) and
-- rank with ts_rank over to_tsvector(...) computed again for every match.
-- A common word matches most of the three million articles of a large
-- desk, so the ranking alone re-parsed gigabytes of text per query, and a
-- match found in articles still had to be joined back to its ticket before
-- the permission predicate could drop it.
--
-- ticket_search keeps, per ticket, the parsed title (weight A) followed by
-- every article's subject and body (weight D): agent search filters and
-- orders tickets directly (newest first, the permission predicate in the
-- same scan) and ranks a stored vector without parsing anything. It is a
-- table of its own so that an article does not rewrite the wide ticket row
-- and every index on it. Triggers keep it exact for every writer (API,
-- chat, mail, importer): an article appends to the document; a changed
-- title or a moved, edited or deleted article rebuilds the ticket's
-- document. A document that would pass PostgreSQL's 1 MB tsvector limit
-- keeps what it has (the articles themselves remain searchable by
-- customers' article-level search).
-- =====================================================================

CREATE TABLE ticket_search (
    ticket_id BIGINT PRIMARY KEY REFERENCES ticket(id) ON DELETE CASCADE,
    document TSVECTOR NOT NULL
);
CREATE INDEX idx_ticket_search_document ON ticket_search USING gin (document);

CREATE FUNCTION ticket_search_text(p_subject TEXT, p_body TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE AS $$
    SELECT setweight(to_tsvector('english', left(coalesce(p_subject, '') || ' ' || coalesce(p_body, ''), 200000)), 'D')
$$;

-- The whole document of one ticket, articles in order.
CREATE FUNCTION ticket_search_document(p_ticket BIGINT) RETURNS TSVECTOR
LANGUAGE plpgsql STABLE AS $$
DECLARE
    doc TSVECTOR;
    part TSVECTOR;
BEGIN
    SELECT setweight(to_tsvector('english', coalesce(t.title, '')), 'A') INTO doc FROM ticket t WHERE t.id = p_ticket;
    IF doc IS NULL THEN
        RETURN NULL;
    END IF;
    FOR part IN SELECT ticket_search_text(a.subject, a.body) FROM article a WHERE a.ticket_id = p_ticket ORDER BY a.id LOOP
        BEGIN
            doc := doc || part;
        EXCEPTION WHEN program_limit_exceeded THEN
            RETURN doc;
        END;
    END LOOP;
    RETURN doc;
END
$$;

CREATE FUNCTION ticket_search_rebuild(p_ticket BIGINT) RETURNS VOID
LANGUAGE plpgsql AS $$
DECLARE
    doc TSVECTOR := ticket_search_document(p_ticket);
BEGIN
    IF doc IS NOT NULL THEN
        INSERT INTO ticket_search (ticket_id, document) VALUES (p_ticket, doc)
            ON CONFLICT (ticket_id) DO UPDATE SET document = excluded.document;
    END IF;
END
$$;

-- Bulk form for loaders that write with triggers off (session_replication_role = replica): one pass over
-- the range's articles, grouped, so it needs no index on article.ticket_id.
CREATE FUNCTION ticket_search_rebuild_range(p_from BIGINT, p_to BIGINT) RETURNS BIGINT
LANGUAGE sql AS $$
    WITH texts AS (
        SELECT a.ticket_id,
               left(string_agg(coalesce(a.subject, '') || ' ' || coalesce(a.body, ''), ' ' ORDER BY a.id), 500000) AS text
          FROM article a
         WHERE a.ticket_id BETWEEN p_from AND p_to
         GROUP BY a.ticket_id
    ), docs AS (
        SELECT t.id, setweight(to_tsvector('english', coalesce(t.title, '')), 'A')
                     || coalesce(setweight(to_tsvector('english', x.text), 'D'), ''::tsvector) AS document
          FROM ticket t
          LEFT JOIN texts x ON x.ticket_id = t.id
         WHERE t.id BETWEEN p_from AND p_to
    ), written AS (
        INSERT INTO ticket_search (ticket_id, document) SELECT id, document FROM docs
            ON CONFLICT (ticket_id) DO UPDATE SET document = excluded.document
        RETURNING 1
    )
    SELECT count(*) FROM written
$$;

CREATE FUNCTION ticket_search_on_ticket() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO ticket_search (ticket_id, document)
        VALUES (NEW.id, setweight(to_tsvector('english', coalesce(NEW.title, '')), 'A'))
        ON CONFLICT (ticket_id) DO NOTHING;
    ELSIF NEW.title IS DISTINCT FROM OLD.title THEN
        PERFORM ticket_search_rebuild(NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_ticket AFTER INSERT OR UPDATE OF title ON ticket
    FOR EACH ROW EXECUTE FUNCTION ticket_search_on_ticket();

CREATE FUNCTION ticket_search_on_article() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        BEGIN
            UPDATE ticket_search SET document = document || ticket_search_text(NEW.subject, NEW.body)
             WHERE ticket_id = NEW.ticket_id;
        EXCEPTION WHEN program_limit_exceeded THEN
            NULL;
        END;
        RETURN NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF NEW.ticket_id IS NOT DISTINCT FROM OLD.ticket_id AND NEW.subject IS NOT DISTINCT FROM OLD.subject
           AND NEW.body IS NOT DISTINCT FROM OLD.body THEN
            RETURN NULL;
        END IF;
        IF NEW.ticket_id IS DISTINCT FROM OLD.ticket_id THEN
            PERFORM ticket_search_rebuild(NEW.ticket_id);
        END IF;
    END IF;
    PERFORM ticket_search_rebuild(OLD.ticket_id);
    RETURN NULL;
END
$$;

CREATE TRIGGER ticket_search_on_article AFTER INSERT OR UPDATE OF ticket_id, subject, body OR DELETE ON article
    FOR EACH ROW EXECUTE FUNCTION ticket_search_on_article();

SELECT ticket_search_rebuild_range(coalesce(min(id), 0), coalesce(max(id), -1)) FROM ticket;
