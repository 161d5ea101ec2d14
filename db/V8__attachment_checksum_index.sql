-- GOTRS V8: attachment files are content-addressed by SHA-256; collecting a file that no row uses any
-- more asks "is this checksum still referenced?", which needs an index at scale.
CREATE INDEX idx_article_attachment_checksum ON article_attachment (checksum);
