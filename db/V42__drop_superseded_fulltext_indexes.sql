-- =====================================================================
-- GOTRS V42: the seed's expression indexes for full-text search, superseded
--
-- The seed schema (V1) searches with two GIN expression indexes,
-- idx_ticket_fulltext on ticket titles and idx_article_fulltext on article
-- subjects and bodies. Since V41 agents search ticket_search (one GIN index
-- over one stored document per ticket) and customers search only their own
-- tickets' visible articles, which their ticket predicate narrows first, so
-- no query uses either index any more. Each still parsed every article on
-- insert a second time; they are dropped. The intent of the seed — ranked
-- full-text search backed by GIN — is kept by ticket_search.
-- =====================================================================

DROP INDEX IF EXISTS idx_article_fulltext;
DROP INDEX IF EXISTS idx_ticket_fulltext;
