-- =====================================================================
-- GOTRS V85: the knowledge base and its public help center
--
-- Categories form a tree. An article belongs to one category, is written
-- in one language and is a draft, internal (agents) or public (everyone,
-- at /help/). A translation is an article of its own pointing at the
-- original with translation_of. Internal articles of a category that
-- names groups are read only by agents with 'ro' on one of them (written
-- with 'rw'); a category naming no group is open to every agent.
--
-- Every write keeps the article's state as a numbered version, so an
-- older version can be compared and restored. Search is PostgreSQL full
-- text in the article's own language (english, german, else simple),
-- title before keywords before body, over a stored vector with a GIN
-- index. Votes ("was this helpful?") and deflections (a suggested
-- article opened by a customer who then did not open a ticket) are
-- counted per article.
-- =====================================================================

CREATE TABLE kb_category (
    id SERIAL PRIMARY KEY,
    parent_id INTEGER REFERENCES kb_category(id) ON DELETE RESTRICT,
    name VARCHAR(200) NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id)
);
CREATE UNIQUE INDEX kb_category_name ON kb_category (coalesce(parent_id, 0), lower(name));

CREATE TABLE kb_category_group (
    category_id INTEGER NOT NULL REFERENCES kb_category(id) ON DELETE CASCADE,
    group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
    PRIMARY KEY (category_id, group_id)
);

-- The text search configuration for an article's language: 'de-CH' searches as German.
CREATE FUNCTION kb_search_config(p_language TEXT) RETURNS REGCONFIG
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE lower(left(p_language, 2))
               WHEN 'en' THEN 'english'::regconfig
               WHEN 'de' THEN 'german'::regconfig
               ELSE 'simple'::regconfig
           END
$$;

-- Title (A) before keywords (B) before body (C), each parsed in the article's language.
CREATE FUNCTION kb_search_document(p_language TEXT, p_title TEXT, p_keywords TEXT[], p_body TEXT) RETURNS TSVECTOR
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT setweight(to_tsvector(kb_search_config(p_language), coalesce(p_title, '')), 'A')
        || setweight(to_tsvector(kb_search_config(p_language), array_to_string(p_keywords, ' ')), 'B')
        || setweight(to_tsvector(kb_search_config(p_language), left(coalesce(p_body, ''), 500000)), 'C')
$$;

-- A query in one configuration: what a person types in a search box, or a prefix query built while they type.
CREATE FUNCTION kb_query(p_config REGCONFIG, p_text TEXT, p_prefix BOOLEAN) RETURNS TSQUERY
LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT CASE WHEN p_prefix THEN to_tsquery(p_config, p_text) ELSE websearch_to_tsquery(p_config, p_text) END
$$;

CREATE TABLE kb_article (
    id BIGSERIAL PRIMARY KEY,
    category_id INTEGER NOT NULL REFERENCES kb_category(id) ON DELETE RESTRICT,
    translation_of BIGINT REFERENCES kb_article(id) ON DELETE CASCADE,
    language VARCHAR(20) NOT NULL,
    title VARCHAR(255) NOT NULL,
    body TEXT NOT NULL,
    body_text TEXT NOT NULL,
    keywords TEXT[] NOT NULL DEFAULT '{}',
    state VARCHAR(20) NOT NULL CHECK (state IN ('draft', 'internal', 'public')),
    version INTEGER NOT NULL DEFAULT 1,
    document TSVECTOR GENERATED ALWAYS AS (kb_search_document(language, title, keywords, body_text)) STORED,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id)
);
CREATE INDEX kb_article_document ON kb_article USING gin (document);
CREATE INDEX kb_article_category ON kb_article (category_id);
CREATE INDEX kb_article_public ON kb_article (change_time DESC) WHERE state = 'public';
-- one translation per language of an original
CREATE UNIQUE INDEX kb_article_translation ON kb_article (translation_of, lower(language))
    WHERE translation_of IS NOT NULL;

CREATE TABLE kb_article_version (
    article_id BIGINT NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
    version INTEGER NOT NULL,
    category_id INTEGER NOT NULL,
    language VARCHAR(20) NOT NULL,
    title VARCHAR(255) NOT NULL,
    body TEXT NOT NULL,
    keywords TEXT[] NOT NULL,
    state VARCHAR(20) NOT NULL,
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id),
    PRIMARY KEY (article_id, version)
);

-- One vote per visitor and article (the visitor is a hash, never an address); a later vote replaces it.
CREATE TABLE kb_vote (
    article_id BIGINT NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
    voter CHAR(64) NOT NULL,
    helpful BOOLEAN NOT NULL,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    PRIMARY KEY (article_id, voter)
);

-- A suggested article a customer opened while writing a ticket or starting a chat; submitted once they went on.
CREATE TABLE kb_deflection (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    article_id BIGINT NOT NULL REFERENCES kb_article(id) ON DELETE CASCADE,
    channel VARCHAR(20) NOT NULL CHECK (channel IN ('portal', 'chat')),
    submitted BOOLEAN NOT NULL DEFAULT FALSE,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
CREATE INDEX kb_deflection_article ON kb_deflection (article_id) WHERE NOT submitted;

-- The help center's look, one row: the company's name and colours, set by administrators.
CREATE TABLE kb_help_center (
    id BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (id),
    company_name VARCHAR(200) NOT NULL DEFAULT 'Help Center',
    primary_color CHAR(7) NOT NULL DEFAULT '#1f6feb' CHECK (primary_color ~ '^#[0-9a-fA-F]{6}$'),
    accent_color CHAR(7) NOT NULL DEFAULT '#0b3d91' CHECK (accent_color ~ '^#[0-9a-fA-F]{6}$'),
    change_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    change_by UUID REFERENCES users(id)
);
INSERT INTO kb_help_center DEFAULT VALUES;
