-- =====================================================================
-- GOTRS V2: lookup tables and OTRS default data
--
-- The seed schema refers to ids it never defines (valid_id, type_id of
-- ticket_state, ticket_lock_id, history_type_id, article_sender_type_id,
-- follow_up_id, system_address_id, salutation_id, signature_id) and leaves
-- service_id / sla_id as plain integers. This migration adds the OTRS-shaped
-- lookup tables, the foreign keys to them (each marked "-- GOTRS: ..."),
-- and OTRS's initial data with OTRS's ids.
--
-- Lookup tables follow OTRS's layout, except that create_by / change_by are
-- UUIDs referencing users(id) like every other GOTRS table. TIMESTAMP
-- columns hold UTC (see V1).
--
-- All seed rows are inserted with explicit ids; at the end every affected
-- SERIAL sequence is moved past the highest id with setval().
-- =====================================================================


-- ---------------------------------------------------------------------
-- Lookup tables
-- ---------------------------------------------------------------------

-- GOTRS: OTRS table valid (1 valid, 2 invalid, 3 invalid-temporarily);
-- every valid_id column refers to it.
CREATE TABLE valid (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table ticket_state_type. The ids follow the seed's comment on
-- ticket_state.type_id (1 new, 2 open, 3 pending, 4 closed, 5 removed) plus
-- 6 merged. Note: these ids differ from OTRS's own (OTRS has 1 new, 2 open,
-- 3 closed, 4 pending reminder, 5 pending auto, 6 removed, 7 merged); an
-- importer maps OTRS state types by name.
CREATE TABLE ticket_state_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table ticket_lock_type (1 unlock, 2 lock, 3 tmp_lock).
CREATE TABLE ticket_lock_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table ticket_history_type (ids and names as in OTRS).
CREATE TABLE ticket_history_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table article_sender_type (1 agent, 2 system, 3 customer).
CREATE TABLE article_sender_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table follow_up_possible (1 possible, 2 reject, 3 new ticket),
-- referenced by queue.follow_up_id.
CREATE TABLE follow_up_possible (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table system_address (value0 = e-mail address, value1 =
-- display name, value2/value3 unused by OTRS), referenced by
-- queue.system_address_id. Like OTRS, queue_id (the queue that mail to
-- this address is dispatched to) has no foreign key: queue and
-- system_address refer to each other, and OTRS defines no FK for it.
CREATE TABLE system_address (
    id SERIAL PRIMARY KEY,
    value0 VARCHAR(200) NOT NULL,
    value1 VARCHAR(200) NOT NULL,
    value2 VARCHAR(200),
    value3 VARCHAR(200),
    queue_id INTEGER NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table salutation, referenced by queue.salutation_id.
CREATE TABLE salutation (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    text VARCHAR(3000) NOT NULL,
    content_type VARCHAR(250),
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- GOTRS: OTRS table signature, referenced by queue.signature_id.
CREATE TABLE signature (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    text VARCHAR(3000) NOT NULL,
    content_type VARCHAR(250),
    comments VARCHAR(250),
    valid_id INTEGER NOT NULL DEFAULT 1 REFERENCES valid(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);


-- ---------------------------------------------------------------------
-- Foreign keys from the seed's tables to the lookups
-- ---------------------------------------------------------------------

-- GOTRS: valid_id FKs (as OTRS's FK_<table>_valid_id_id), so a valid_id
-- means something. Defaults stay 1 (= valid).
ALTER TABLE users            ADD CONSTRAINT fk_users_valid_id            FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE groups           ADD CONSTRAINT fk_groups_valid_id           FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE roles            ADD CONSTRAINT fk_roles_valid_id            FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE customer_company ADD CONSTRAINT fk_customer_company_valid_id FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE customer_user    ADD CONSTRAINT fk_customer_user_valid_id    FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE ticket_state     ADD CONSTRAINT fk_ticket_state_valid_id     FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE ticket_priority  ADD CONSTRAINT fk_ticket_priority_valid_id  FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE ticket_type      ADD CONSTRAINT fk_ticket_type_valid_id      FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE queue            ADD CONSTRAINT fk_queue_valid_id            FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE article_type     ADD CONSTRAINT fk_article_type_valid_id     FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE service          ADD CONSTRAINT fk_service_valid_id          FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE sla              ADD CONSTRAINT fk_sla_valid_id              FOREIGN KEY (valid_id) REFERENCES valid(id);
ALTER TABLE workflows        ADD CONSTRAINT fk_workflows_valid_id        FOREIGN KEY (valid_id) REFERENCES valid(id);

-- GOTRS: ticket_state.type_id -> ticket_state_type (seed: plain integer
-- with only a comment listing the ids).
ALTER TABLE ticket_state ADD CONSTRAINT fk_ticket_state_type_id
    FOREIGN KEY (type_id) REFERENCES ticket_state_type(id);

-- GOTRS: ticket.ticket_lock_id -> ticket_lock_type (seed: plain SMALLINT,
-- 1=unlocked, 2=locked).
ALTER TABLE ticket ADD CONSTRAINT fk_ticket_ticket_lock_id
    FOREIGN KEY (ticket_lock_id) REFERENCES ticket_lock_type(id);

-- GOTRS: ticket_history.history_type_id -> ticket_history_type.
ALTER TABLE ticket_history ADD CONSTRAINT fk_ticket_history_history_type_id
    FOREIGN KEY (history_type_id) REFERENCES ticket_history_type(id);

-- GOTRS: article.article_sender_type_id -> article_sender_type (seed: plain
-- integer, 1=agent, 2=system, 3=customer).
ALTER TABLE article ADD CONSTRAINT fk_article_article_sender_type_id
    FOREIGN KEY (article_sender_type_id) REFERENCES article_sender_type(id);

-- GOTRS: queue.follow_up_id / system_address_id / salutation_id /
-- signature_id -> their OTRS tables (seed: plain integers).
ALTER TABLE queue ADD CONSTRAINT fk_queue_follow_up_id
    FOREIGN KEY (follow_up_id) REFERENCES follow_up_possible(id);
ALTER TABLE queue ADD CONSTRAINT fk_queue_system_address_id
    FOREIGN KEY (system_address_id) REFERENCES system_address(id);
ALTER TABLE queue ADD CONSTRAINT fk_queue_salutation_id
    FOREIGN KEY (salutation_id) REFERENCES salutation(id);
ALTER TABLE queue ADD CONSTRAINT fk_queue_signature_id
    FOREIGN KEY (signature_id) REFERENCES signature(id);

-- GOTRS: the seed left service_id / sla_id as plain integers; FKs added so
-- an id means something.
ALTER TABLE ticket ADD CONSTRAINT fk_ticket_service_id
    FOREIGN KEY (service_id) REFERENCES service(id);
ALTER TABLE ticket ADD CONSTRAINT fk_ticket_sla_id
    FOREIGN KEY (sla_id) REFERENCES sla(id);
ALTER TABLE queue ADD CONSTRAINT fk_queue_sla_id
    FOREIGN KEY (sla_id) REFERENCES sla(id);
ALTER TABLE customer_company ADD CONSTRAINT fk_customer_company_sla_id
    FOREIGN KEY (sla_id) REFERENCES sla(id);

-- GOTRS: indexes for the new FK columns that are filtered/joined on and
-- had no index yet.
CREATE INDEX idx_ticket_service ON ticket (service_id);
CREATE INDEX idx_ticket_sla ON ticket (sla_id);


-- ---------------------------------------------------------------------
-- Seed data
-- ---------------------------------------------------------------------

-- valid first: users.valid_id now references it.
INSERT INTO valid (id, name) VALUES
    (1, 'valid'),
    (2, 'invalid'),
    (3, 'invalid-temporarily');

-- The admin agent (OTRS: root@localhost, user id 1). No password: the
-- GOTRS server sets the first password on first start. Fixed UUID so that
-- code and tests can refer to it; created by itself, as in OTRS.
INSERT INTO users (id, login, email, pw, password_hash, first_name, last_name, valid_id, create_by, change_by)
VALUES ('00000000-0000-0000-0000-000000000001', 'root@localhost', 'root@localhost', NULL, NULL,
        'Admin', 'GOTRS', 1,
        '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

UPDATE valid SET create_by = '00000000-0000-0000-0000-000000000001',
                 change_by = '00000000-0000-0000-0000-000000000001';

INSERT INTO ticket_state_type (id, name, comments, create_by, change_by) VALUES
    (1, 'new',     'All new state types (default: viewable).',                  '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'open',    'All open state types (default: viewable).',                 '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'pending', 'All pending state types (default: viewable).',              '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (4, 'closed',  'All closed state types (default: not viewable).',           '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (5, 'removed', 'All ''removed'' state types (default: not viewable).',      '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    -- GOTRS: OTRS has a separate 'merged' state type; added as 6.
    (6, 'merged',  'State type for merged tickets (default: not viewable).',    '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO ticket_lock_type (id, name, valid_id, create_by, change_by) VALUES
    (1, 'unlock',   1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'lock',     1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'tmp_lock', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- OTRS ticket_history_type rows; ids are OTRS's (OTRS inserts them in this
-- order into a SERIAL column, so the insert order is the id). 1..51 are
-- OTRS 6.0 CE; 52 'Bulk' was added by later OTRS 6 community editions and
-- is kept so that imports from them map 1:1.
INSERT INTO ticket_history_type (id, name, valid_id, create_by, change_by)
SELECT v.id, v.name, 1, '00000000-0000-0000-0000-000000000001'::uuid, '00000000-0000-0000-0000-000000000001'::uuid
FROM (VALUES
    (1, 'NewTicket'),
    (2, 'FollowUp'),
    (3, 'SendAutoReject'),
    (4, 'SendAutoReply'),
    (5, 'SendAutoFollowUp'),
    (6, 'Forward'),
    (7, 'Bounce'),
    (8, 'SendAnswer'),
    (9, 'SendAgentNotification'),
    (10, 'SendCustomerNotification'),
    (11, 'EmailAgent'),
    (12, 'EmailCustomer'),
    (13, 'PhoneCallAgent'),
    (14, 'PhoneCallCustomer'),
    (15, 'AddNote'),
    (16, 'Move'),
    (17, 'Lock'),
    (18, 'Unlock'),
    (19, 'Remove'),
    (20, 'TimeAccounting'),
    (21, 'CustomerUpdate'),
    (22, 'PriorityUpdate'),
    (23, 'OwnerUpdate'),
    (24, 'LoopProtection'),
    (25, 'Misc'),
    (26, 'SetPendingTime'),
    (27, 'StateUpdate'),
    (28, 'TicketDynamicFieldUpdate'),
    (29, 'WebRequestCustomer'),
    (30, 'TicketLinkAdd'),
    (31, 'TicketLinkDelete'),
    (32, 'SystemRequest'),
    (33, 'Merged'),
    (34, 'ResponsibleUpdate'),
    (35, 'Subscribe'),
    (36, 'Unsubscribe'),
    (37, 'TypeUpdate'),
    (38, 'ServiceUpdate'),
    (39, 'SLAUpdate'),
    (40, 'ArchiveFlagUpdate'),
    (41, 'EscalationSolutionTimeStop'),
    (42, 'EscalationResponseTimeStart'),
    (43, 'EscalationUpdateTimeStart'),
    (44, 'EscalationSolutionTimeStart'),
    (45, 'EscalationResponseTimeNotifyBefore'),
    (46, 'EscalationUpdateTimeNotifyBefore'),
    (47, 'EscalationSolutionTimeNotifyBefore'),
    (48, 'EscalationResponseTimeStop'),
    (49, 'EscalationUpdateTimeStop'),
    (50, 'TitleUpdate'),
    (51, 'EmailResend'),
    (52, 'Bulk')
) AS v(id, name);

INSERT INTO article_sender_type (id, name, valid_id, create_by, change_by) VALUES
    (1, 'agent',    1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'system',   1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'customer', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO follow_up_possible (id, name, comments, valid_id, create_by, change_by) VALUES
    (1, 'possible',   'Follow-ups for closed tickets are possible. Ticket will be reopened.',          1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'reject',     'Follow-ups for closed tickets are not possible. No new ticket will be created.', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'new ticket', 'Follow-ups for closed tickets are not possible. A new ticket will be created.',  1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- OTRS default system address (otrs@localhost 'OTRS System' in OTRS),
-- dispatching to queue 1 (Postmaster).
INSERT INTO system_address (id, value0, value1, queue_id, comments, valid_id, create_by, change_by) VALUES
    (1, 'gotrs@localhost', 'GOTRS System', 1, 'Standard Address.', 1,
     '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- OTRS default salutation; the <OTRS_...> tags are OTRS's template tags,
-- kept so that OTRS templates stay compatible.
INSERT INTO salutation (id, name, text, content_type, comments, valid_id, create_by, change_by) VALUES
    (1, 'system standard salutation (en)', 'Dear <OTRS_CUSTOMER_REALNAME>,

Thank you for your request.

', 'text/plain; charset=utf-8', 'Standard Salutation.', 1,
     '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- OTRS default signature (OTRS's example company address left out).
INSERT INTO signature (id, name, text, content_type, comments, valid_id, create_by, change_by) VALUES
    (1, 'system standard signature (en)', '
Your Ticket-Team

 <OTRS_Agent_UserFirstname> <OTRS_Agent_UserLastname>
', 'text/plain; charset=utf-8', 'Standard Signature.', 1,
     '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- Ticket states, in this order so that the ids are stable:
-- idx_ticket_open (V1) relies on 1 = 'new' and 2 = 'open'.
-- Pending-auto states transition automatically; the pending time comes
-- from ticket.until_time, so auto_transition_time stays NULL.
INSERT INTO ticket_state (id, name, comments, type_id, valid_id, color, auto_transition_to, auto_transition_time, create_by, change_by) VALUES
    (1, 'new',                 'New ticket created by customer.',        1, 1, '#50B5FF', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'open',                'Open tickets.',                          2, 1, '#FFC542', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'closed successful',   'Ticket is closed successful.',           4, 1, '#3DD598', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (4, 'closed unsuccessful', 'Ticket is closed unsuccessful.',         4, 1, '#FC5A5A', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (5, 'pending reminder',    'Ticket is pending for agent reminder.',  3, 1, '#FF974A', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (6, 'pending auto close+', 'Ticket is pending for automatic close.', 3, 1, '#A0D911', 3,    NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (7, 'pending auto close-', 'Ticket is pending for automatic close.', 3, 1, '#FF6B6B', 4,    NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (8, 'removed',             'Customer removed ticket.',               5, 1, '#92929D', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (9, 'merged',              'State for merged tickets.',              6, 1, '#8B5CF6', NULL, NULL, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO ticket_priority (id, name, color, valid_id, create_by, change_by) VALUES
    (1, '1 very low',  '#03C4F0', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, '2 low',       '#83BFC8', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, '3 normal',    '#CDCDCD', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (4, '4 high',      '#FFAAAA', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (5, '5 very high', '#FF505E', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO ticket_type (id, name, valid_id, create_by, change_by) VALUES
    (1, 'Unclassified', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

INSERT INTO groups (id, name, comments, valid_id, create_by, change_by) VALUES
    (1, 'users', 'Group for default access.',     1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'admin', 'Group of all administrators.',  1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'stats', 'Group for statistics access.',  1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- The admin agent has 'rw' in every group, as OTRS's root@localhost.
INSERT INTO group_user (user_id, group_id, permission_key, permission_value, create_by, change_by)
SELECT '00000000-0000-0000-0000-000000000001'::uuid, g.id, 'rw', 1,
       '00000000-0000-0000-0000-000000000001'::uuid, '00000000-0000-0000-0000-000000000001'::uuid
FROM groups g WHERE g.id IN (1, 2, 3);

-- OTRS default queues, all in group 'users' as in OTRS.
INSERT INTO queue (id, name, group_id, system_address_id, salutation_id, signature_id, follow_up_id, follow_up_lock, unlock_timeout, comments, valid_id, default_priority_id, create_by, change_by) VALUES
    (1, 'Postmaster', 1, 1, 1, 1, 1, 0, 0, 'Postmaster queue.',             1, 3, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2, 'Raw',        1, 1, 1, 1, 1, 0, 0, 'All default incoming tickets.', 1, 3, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3, 'Junk',       1, 1, 1, 1, 1, 0, 0, 'All junk tickets.',             1, 3, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (4, 'Misc',       1, 1, 1, 1, 1, 0, 0, 'All misc tickets.',             1, 3, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');

-- Article types: ids 1-11 as in the OTRS 5 initial data (OTRS 6 replaced
-- article types by communication channels); GOTRS adds chat-external and
-- chat-internal as 12 and 13.
INSERT INTO article_type (id, name, valid_id, create_by, change_by) VALUES
    (1,  'email-external',         1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (2,  'email-internal',         1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (3,  'email-notification-ext', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (4,  'email-notification-int', 1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (5,  'phone',                  1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (6,  'fax',                    1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (7,  'sms',                    1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (8,  'webrequest',             1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (9,  'note-internal',          1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (10, 'note-external',          1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (11, 'note-report',            1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (12, 'chat-external',          1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001'),
    (13, 'chat-internal',          1, '00000000-0000-0000-0000-000000000001', '00000000-0000-0000-0000-000000000001');


-- ---------------------------------------------------------------------
-- Sequences: rows above were inserted with explicit ids, which does not
-- advance the SERIAL sequences; move each past its highest id so later
-- inserts without an id do not collide.
-- ---------------------------------------------------------------------
SELECT setval(pg_get_serial_sequence('valid', 'id'),               (SELECT max(id) FROM valid));
SELECT setval(pg_get_serial_sequence('ticket_state_type', 'id'),   (SELECT max(id) FROM ticket_state_type));
SELECT setval(pg_get_serial_sequence('ticket_lock_type', 'id'),    (SELECT max(id) FROM ticket_lock_type));
SELECT setval(pg_get_serial_sequence('ticket_history_type', 'id'), (SELECT max(id) FROM ticket_history_type));
SELECT setval(pg_get_serial_sequence('article_sender_type', 'id'), (SELECT max(id) FROM article_sender_type));
SELECT setval(pg_get_serial_sequence('follow_up_possible', 'id'),  (SELECT max(id) FROM follow_up_possible));
SELECT setval(pg_get_serial_sequence('system_address', 'id'),      (SELECT max(id) FROM system_address));
SELECT setval(pg_get_serial_sequence('salutation', 'id'),          (SELECT max(id) FROM salutation));
SELECT setval(pg_get_serial_sequence('signature', 'id'),           (SELECT max(id) FROM signature));
SELECT setval(pg_get_serial_sequence('ticket_state', 'id'),        (SELECT max(id) FROM ticket_state));
SELECT setval(pg_get_serial_sequence('ticket_priority', 'id'),     (SELECT max(id) FROM ticket_priority));
SELECT setval(pg_get_serial_sequence('ticket_type', 'id'),         (SELECT max(id) FROM ticket_type));
SELECT setval(pg_get_serial_sequence('groups', 'id'),              (SELECT max(id) FROM groups));
SELECT setval(pg_get_serial_sequence('queue', 'id'),               (SELECT max(id) FROM queue));
SELECT setval(pg_get_serial_sequence('article_type', 'id'),        (SELECT max(id) FROM article_type));
