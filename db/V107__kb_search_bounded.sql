-- =====================================================================
-- GOTRS V107: knowledge-base search ranks a bounded set of matches
--
-- A common word matches thousands of articles, and ranking them all cost
-- most of a search. The best matches name the word in their title or
-- keywords, so those are indexed on their own (head_document, weights A
-- and B as in document): a search ranks the newest 200 articles matching
-- there and the newest 200 matching anywhere, never more.
-- =====================================================================

CREATE FUNCTION kb_search_head(p_language TEXT, p_title TEXT, p_keywords TEXT[]) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(kb_search_config(p_language), coalesce(p_title, '')), 'A')
        || setweight(to_tsvector(kb_search_config(p_language), array_to_string(p_keywords, ' ')), 'B')
$$;

ALTER TABLE kb_article
    ADD COLUMN head_document TSVECTOR GENERATED ALWAYS AS (kb_search_head(language, title, keywords)) STORED;
CREATE INDEX kb_article_head_document ON kb_article USING gin (head_document);
