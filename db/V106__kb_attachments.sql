-- =====================================================================
-- GOTRS V106: files of knowledge-base articles
--
-- An image written into an article, and any file listed under it (an
-- imported FAQ's attachments), is a row here; its bytes live where the
-- ticket attachments' do (tickets.attachment_storage: in the row, or in
-- the content-addressed files the attachment store shares and collects).
-- The body refers to an image as /help/files/<id>/<name>. An image
-- uploaded in the editor before its article was saved has no article
-- yet: only its uploader sees it, and the article it is first saved
-- with takes it; one left unclaimed for a day is removed.
-- =====================================================================

CREATE TABLE kb_attachment (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT REFERENCES kb_article(id) ON DELETE CASCADE,
    filename VARCHAR(250) NOT NULL,
    content_type VARCHAR(250) NOT NULL,
    content_size BIGINT NOT NULL,
    disposition VARCHAR(20) NOT NULL CHECK (disposition IN ('inline', 'attachment')),
    storage_backend VARCHAR(20) NOT NULL CHECK (storage_backend IN ('database', 'filesystem')),
    storage_path VARCHAR(300),
    content BYTEA,
    checksum CHAR(64) NOT NULL,
    create_time TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    create_by UUID REFERENCES users(id)
);
CREATE INDEX kb_attachment_article ON kb_attachment (article_id);
CREATE INDEX kb_attachment_unclaimed ON kb_attachment (create_time) WHERE article_id IS NULL;
CREATE INDEX kb_attachment_checksum ON kb_attachment (checksum);
