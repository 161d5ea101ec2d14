-- =====================================================================
-- GOTRS V30: importing OTRS / Znuny databases, and OTRS-shaped views
-- =====================================================================

-- Which GOTRS row each imported OTRS row became. source_id is text because
-- some OTRS keys are not integers (customer_company.customer_id). A rerun of
-- the import skips every (source_table, source_id) already here, so nothing is
-- imported twice and only rows new in OTRS are added.
CREATE TABLE otrs_id_map (
    source_table VARCHAR(64) NOT NULL,
    source_id TEXT NOT NULL,
    gotrs_id TEXT NOT NULL,
    imported_at TIMESTAMP NOT NULL DEFAULT (now() AT TIME ZONE 'UTC'),
    PRIMARY KEY (source_table, source_id)
);
CREATE INDEX idx_otrs_id_map_gotrs ON otrs_id_map (source_table, gotrs_id);

-- OTRS keeps escalation times on the queue as well as on the SLA (minutes,
-- notify in percent). IF NOT EXISTS: escalation work may add the same columns.
ALTER TABLE queue ADD COLUMN IF NOT EXISTS first_response_time INTEGER;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS first_response_notify SMALLINT;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS update_time INTEGER;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS update_notify SMALLINT;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS solution_time INTEGER;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS solution_notify SMALLINT;
ALTER TABLE queue ADD COLUMN IF NOT EXISTS calendar_name VARCHAR(100);

-- ---------------------------------------------------------------------
-- OTRS compatibility views, beside the seed's otrs_ticket: reports written
-- against OTRS 6 table shapes (article split into article +
-- article_data_mime*, the history table) keep working. Ids are GOTRS ids.
-- ---------------------------------------------------------------------

-- OTRS 6 communication channels: 1 Email, 2 Phone, 3 Internal, 4 Chat.
CREATE VIEW otrs_article AS
SELECT a.id,
       a.ticket_id,
       a.article_sender_type_id,
       CASE WHEN at.name LIKE 'email%' THEN 1
            WHEN at.name IN ('phone', 'fax', 'sms') THEN 2
            WHEN at.name LIKE 'chat%' THEN 4
            ELSE 3 END AS communication_channel_id,
       a.is_visible_for_customer,
       a.create_time,
       a.create_by,
       a.change_time,
       a.change_by
  FROM article a
  LEFT JOIN article_type at ON at.id = a.article_type_id;

CREATE VIEW otrs_article_data_mime AS
SELECT a.id,
       a.id AS article_id,
       a.from_address AS a_from,
       a.to_address AS a_to,
       a.cc_address AS a_cc,
       a.subject AS a_subject,
       a.message_id AS a_message_id,
       a.message_id_md5 AS a_message_id_md5,
       a.in_reply_to AS a_in_reply_to,
       a."references" AS a_references,
       a.content_type AS a_content_type,
       a.body AS a_body,
       a.incoming_time,
       a.create_time,
       a.create_by,
       a.change_time,
       a.change_by
  FROM article a;

CREATE VIEW otrs_article_data_mime_attachment AS
SELECT aa.id,
       aa.article_id,
       aa.filename,
       aa.content_size,
       aa.content_type,
       aa.content_id,
       aa.content_alternative,
       aa.disposition,
       aa.create_time,
       aa.create_by,
       aa.change_time,
       aa.change_by
  FROM article_attachment aa;

CREATE VIEW otrs_ticket_history AS
SELECT h.id,
       h.name,
       h.history_type_id,
       h.ticket_id,
       h.article_id,
       h.type_id,
       h.queue_id,
       h.owner_id,
       h.priority_id,
       h.state_id,
       h.create_time,
       h.create_by,
       h.change_time,
       h.change_by
  FROM ticket_history h;
