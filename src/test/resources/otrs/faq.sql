-- The OTRS/Znuny FAQ add-on's tables (the columns the import reads), with a small FAQ: a category tree, items in
-- English and German, one of each state type, one not approved, one with an inline image and a script, a file
-- listed under an item, and a category only one group reads.
CREATE TABLE faq_language (id SERIAL PRIMARY KEY, name VARCHAR(200) NOT NULL);
CREATE TABLE faq_state_type (id SERIAL PRIMARY KEY, name VARCHAR(200) NOT NULL);
CREATE TABLE faq_state (id SERIAL PRIMARY KEY, name VARCHAR(200) NOT NULL, type_id INTEGER NOT NULL);
CREATE TABLE faq_category (
    id SERIAL PRIMARY KEY, parent_id INTEGER NOT NULL, name VARCHAR(200) NOT NULL, comments VARCHAR(200) NOT NULL,
    valid_id SMALLINT NOT NULL, created TIMESTAMP NOT NULL, created_by INTEGER NOT NULL, changed TIMESTAMP NOT NULL,
    changed_by INTEGER NOT NULL);
CREATE TABLE faq_item (
    id SERIAL PRIMARY KEY, f_number VARCHAR(200) NOT NULL, f_subject VARCHAR(200), f_name VARCHAR(200) NOT NULL,
    f_language_id SMALLINT NOT NULL, f_keywords TEXT, approved SMALLINT NOT NULL, valid_id SMALLINT NOT NULL,
    content_type VARCHAR(250) NOT NULL, f_field1 TEXT, f_field2 TEXT, f_field3 TEXT, f_field4 TEXT, f_field5 TEXT,
    f_field6 TEXT, created TIMESTAMP NOT NULL, created_by INTEGER NOT NULL, changed TIMESTAMP NOT NULL,
    changed_by INTEGER NOT NULL, category_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL);
CREATE TABLE faq_category_group (
    id SERIAL PRIMARY KEY, category_id INTEGER NOT NULL, group_id INTEGER NOT NULL, created TIMESTAMP NOT NULL,
    created_by INTEGER NOT NULL, changed TIMESTAMP NOT NULL, changed_by INTEGER NOT NULL);
CREATE TABLE faq_attachment (
    id SERIAL PRIMARY KEY, faq_id INTEGER NOT NULL, filename VARCHAR(250), content_size VARCHAR(30),
    content_type VARCHAR(250), content BYTEA NOT NULL, inline SMALLINT NOT NULL, created TIMESTAMP NOT NULL,
    created_by INTEGER NOT NULL, changed TIMESTAMP NOT NULL, changed_by INTEGER NOT NULL);

INSERT INTO faq_language (id, name) VALUES (1, 'en'), (2, 'de');
INSERT INTO faq_state_type (id, name) VALUES (1, 'internal'), (2, 'external'), (3, 'public');
INSERT INTO faq_state (id, name, type_id) VALUES (1, 'internal (agent)', 1), (2, 'external (customer)', 2),
    (3, 'public (all)', 3);
INSERT INTO faq_category (id, parent_id, name, comments, valid_id, created, created_by, changed, changed_by) VALUES
    (1, 0, 'Misc', 'Miscellaneous', 1, '2024-01-01', 1, '2024-01-01', 1),
    (2, 0, 'Hardware', 'Printers and laptops', 1, '2024-01-01', 1, '2024-01-01', 1),
    (3, 2, 'Printers', '', 1, '2024-01-01', 1, '2024-01-01', 1);
INSERT INTO faq_item (id, f_number, f_subject, f_name, f_language_id, f_keywords, approved, valid_id, content_type,
                      f_field1, f_field2, f_field3, f_field4, f_field5, f_field6, created, created_by, changed,
                      changed_by, category_id, state_id) VALUES
    (1, '10001', 'Printer shows paper jam', 'n1', 1, 'printer jam paper', 1, 1, 'text/html',
     '<p>The display says <b>Jam</b>.</p>', NULL,
     '<p>Open tray 2.<script>alert(1)</script></p><img src="index.pl?Action=AgentFAQZoom;Subaction=DownloadAttachment;ItemID=1;FileID=1">',
     NULL, NULL, 'Agents only: call facilities.', '2024-02-01 10:00', 1, '2024-02-02 10:00', 1, 3, 3),
    (2, '10002', 'Drucker meldet Papierstau', 'n2', 2, 'Drucker,Papierstau', 1, 1, 'text/plain',
     'Das Display zeigt Stau.', NULL, 'Fach 2 öffnen & Papier entfernen.', NULL, NULL, NULL,
     '2024-02-01 10:00', 1, '2024-02-02 10:00', 1, 3, 3),
    (3, '10003', 'VPN master password', 'n3', 1, 'vpn', 1, 1, 'text/html', NULL, NULL, '<p>Ask the team lead.</p>',
     NULL, NULL, NULL, '2024-02-01 10:00', 1, '2024-02-02 10:00', 1, 1, 1),
    (4, '10004', 'Laptop docking for customers', 'n4', 1, 'dock', 1, 1, 'text/html', NULL, NULL, '<p>Use USB-C.</p>',
     NULL, NULL, NULL, '2024-02-01 10:00', 1, '2024-02-02 10:00', 1, 2, 2),
    (5, '10005', 'Unreviewed idea', 'n5', 1, '', 0, 1, 'text/html', NULL, NULL, '<p>Not yet.</p>',
     NULL, NULL, NULL, '2024-02-01 10:00', 1, '2024-02-02 10:00', 1, 1, 3);
-- a 1x1 PNG
INSERT INTO faq_attachment (id, faq_id, filename, content_size, content_type, content, inline, created, created_by,
                            changed, changed_by) VALUES
    (1, 1, 'tray.png', '68', 'image/png',
     decode('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64'),
     1, '2024-02-01 10:00', 1, '2024-02-01 10:00', 1);
INSERT INTO faq_attachment (id, faq_id, filename, content_size, content_type, content, inline, created, created_by,
                            changed, changed_by) VALUES
    (2, 1, 'Jam checklist.pdf', '20', 'application/pdf', convert_to('%PDF-1.4 checklist', 'UTF8'), 0,
     '2024-02-01 10:00', 1, '2024-02-01 10:00', 1);
-- the internal items of Hardware (not of its subcategory Printers: each category names its own groups) are for support
INSERT INTO faq_category_group (id, category_id, group_id, created, created_by, changed, changed_by) VALUES
    (1, 2, 4, '2024-01-01', 1, '2024-01-01', 1);
