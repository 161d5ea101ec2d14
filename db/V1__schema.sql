-- =====================================================================
-- GOTRS V1: core schema
--
-- Implements the schema design document (shared/seed "GOTRS Database
-- Schema Design", version 1.0) as valid PostgreSQL for 14, 15, 16 and 17.
-- Every seed table, column, type, default, foreign key, index, view,
-- materialized view and function is kept. Where the seed's SQL is not
-- valid PostgreSQL (or cannot work as written), its intent is implemented
-- and the reason is written in a comment right beside the fix.
--
-- Lookup tables the seed relies on without defining them (valid,
-- ticket_state_type, ticket_lock_type, ticket_history_type, ...), the
-- foreign keys to them, and OTRS's default data are in V2.
--
-- Time: TIMESTAMP columns stay TIMESTAMP (without time zone) as in the
-- seed. They hold UTC: the GOTRS server sets the session time zone to UTC,
-- so CURRENT_TIMESTAMP defaults are written in UTC.
--
-- No extensions are needed: gen_random_uuid() is core since PostgreSQL 13
-- (pgcrypto is not required).
--
-- Fix applied throughout: the seed declares indexes inline
-- ("INDEX idx_x (col)") inside CREATE TABLE, which is MySQL syntax and not
-- valid PostgreSQL; each one is a CREATE INDEX statement right after its
-- table, with the seed's index name.
-- =====================================================================


-- ---------------------------------------------------------------------
-- Users and Authentication
-- ---------------------------------------------------------------------

-- Users table (compatible with OTRS users table)
CREATE TABLE users (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    login VARCHAR(200) UNIQUE NOT NULL,  -- OTRS compatibility
    email VARCHAR(255) UNIQUE NOT NULL,
    pw VARCHAR(255),  -- OTRS compatibility field name
    title VARCHAR(50),
    first_name VARCHAR(100),
    last_name VARCHAR(100),
    phone VARCHAR(50),
    mobile VARCHAR(50),
    valid_id INTEGER DEFAULT 1,  -- OTRS: 1=valid, 2=invalid
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    password_hash VARCHAR(255),  -- Modern password storage
    mfa_secret VARCHAR(255),
    mfa_enabled BOOLEAN DEFAULT FALSE,
    language VARCHAR(10) DEFAULT 'en',
    timezone VARCHAR(50) DEFAULT 'UTC',
    avatar_url TEXT,
    last_login TIMESTAMP,
    failed_login_attempts INTEGER DEFAULT 0,
    locked_until TIMESTAMP,
    metadata JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_users_email ON users (email);
CREATE INDEX idx_users_valid ON users (valid_id);
CREATE INDEX idx_users_login ON users (login);

-- User preferences (OTRS compatible)
CREATE TABLE user_preferences (
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    preferences_key VARCHAR(150) NOT NULL,
    preferences_value TEXT,
    PRIMARY KEY (user_id, preferences_key)
);

-- Sessions
CREATE TABLE sessions (
    id VARCHAR(255) PRIMARY KEY,
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    session_data TEXT,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP,
    ip_address INET,
    user_agent TEXT
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_sessions_user ON sessions (user_id);
CREATE INDEX idx_sessions_expires ON sessions (expires_at);

-- API Keys (GOTRS addition)
CREATE TABLE api_keys (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    name VARCHAR(255) NOT NULL,
    key_hash VARCHAR(255) UNIQUE NOT NULL,
    permissions JSONB,
    last_used TIMESTAMP,
    expires_at TIMESTAMP,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_api_keys_user ON api_keys (user_id);


-- ---------------------------------------------------------------------
-- Groups and Permissions
-- ---------------------------------------------------------------------

-- Groups (OTRS compatible)
CREATE TABLE groups (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    parent_id INTEGER REFERENCES groups(id),
    permissions JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_groups_valid ON groups (valid_id);

-- Group-User relations (OTRS compatible)
CREATE TABLE group_user (
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
    permission_key VARCHAR(20) NOT NULL,  -- ro, move_into, create, note, owner, priority, rw
    permission_value SMALLINT NOT NULL,   -- 1=yes, 0=no
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    PRIMARY KEY (user_id, group_id, permission_key)
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_group_user_group ON group_user (group_id);
CREATE INDEX idx_group_user_user ON group_user (user_id);

-- Roles (OTRS compatible)
CREATE TABLE roles (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_roles_valid ON roles (valid_id);

-- Role-User relations
CREATE TABLE role_user (
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    role_id INTEGER REFERENCES roles(id) ON DELETE CASCADE,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    PRIMARY KEY (user_id, role_id)
);

-- Role-Group relations
CREATE TABLE role_group (
    role_id INTEGER REFERENCES roles(id) ON DELETE CASCADE,
    group_id INTEGER REFERENCES groups(id) ON DELETE CASCADE,
    permission_key VARCHAR(20) NOT NULL,
    permission_value SMALLINT NOT NULL,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    PRIMARY KEY (role_id, group_id, permission_key)
);


-- ---------------------------------------------------------------------
-- Customers
-- ---------------------------------------------------------------------

-- Customer companies (OTRS compatible)
CREATE TABLE customer_company (
    customer_id VARCHAR(150) PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    street VARCHAR(200),
    zip VARCHAR(20),
    city VARCHAR(200),
    country VARCHAR(200),
    url VARCHAR(200),
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    parent_id VARCHAR(150) REFERENCES customer_company(customer_id),
    industry VARCHAR(100),
    size VARCHAR(50),
    sla_id INTEGER,  -- FK to sla(id) is added in V2 (sla is defined further down)
    metadata JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_customer_company_valid ON customer_company (valid_id);
CREATE INDEX idx_customer_company_name ON customer_company (name);

-- Customer users (OTRS compatible)
CREATE TABLE customer_user (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    login VARCHAR(200) UNIQUE NOT NULL,
    email VARCHAR(255) UNIQUE NOT NULL,
    customer_id VARCHAR(150) REFERENCES customer_company(customer_id),
    pw VARCHAR(255),  -- OTRS compatibility
    title VARCHAR(50),
    first_name VARCHAR(100),
    last_name VARCHAR(100),
    phone VARCHAR(50),
    mobile VARCHAR(50),
    street VARCHAR(150),
    zip VARCHAR(20),
    city VARCHAR(200),
    country VARCHAR(200),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    password_hash VARCHAR(255),
    language VARCHAR(10) DEFAULT 'en',
    timezone VARCHAR(50) DEFAULT 'UTC',
    avatar_url TEXT,
    last_login TIMESTAMP,
    preferences JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_customer_user_email ON customer_user (email);
CREATE INDEX idx_customer_user_customer ON customer_user (customer_id);
CREATE INDEX idx_customer_user_valid ON customer_user (valid_id);


-- ---------------------------------------------------------------------
-- Tickets
-- ---------------------------------------------------------------------

-- Ticket states (OTRS compatible)
CREATE TABLE ticket_state (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    type_id INTEGER NOT NULL,  -- 1=new, 2=open, 3=pending, 4=closed, 5=removed (V2 adds 6=merged and the FK to ticket_state_type)
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    color VARCHAR(7),  -- Hex color for UI
    icon VARCHAR(50),  -- Icon identifier
    auto_transition_to INTEGER REFERENCES ticket_state(id),
    auto_transition_time INTERVAL
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_ticket_state_type ON ticket_state (type_id);

-- Ticket priorities (OTRS compatible)
CREATE TABLE ticket_priority (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    color VARCHAR(7),  -- GOTRS addition
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- Ticket types (OTRS compatible)
CREATE TABLE ticket_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    icon VARCHAR(50),
    default_priority_id INTEGER REFERENCES ticket_priority(id)
);

-- Queues (OTRS compatible)
-- system_address_id, salutation_id, signature_id, follow_up_id and sla_id
-- get their foreign keys in V2, where the referenced tables are defined.
CREATE TABLE queue (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    group_id INTEGER REFERENCES groups(id),
    system_address_id INTEGER,
    salutation_id INTEGER,
    signature_id INTEGER,
    follow_up_id INTEGER,
    follow_up_lock SMALLINT DEFAULT 0,
    unlock_timeout INTEGER,
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    parent_id INTEGER REFERENCES queue(id),
    default_priority_id INTEGER REFERENCES ticket_priority(id),
    sla_id INTEGER,
    auto_response_config JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_queue_group ON queue (group_id);
CREATE INDEX idx_queue_valid ON queue (valid_id);

-- Main tickets table (OTRS compatible with extensions)
--
-- Fix: the seed partitions ticket by year (ticket_2024, ticket_2025 as
-- PARTITION OF ticket). That cannot work and ticket is NOT partitioned:
--   * on a partitioned table every PRIMARY KEY / UNIQUE constraint must
--     include the partition key, so neither "id PRIMARY KEY", "tn UNIQUE"
--     nor "uuid UNIQUE" could exist (the seed also never declared a
--     PARTITION BY clause or a partition key column of a date type);
--   * article, ticket_history, workflow_history and ticket itself
--     (merged_to_id, split_from_id) have foreign keys to ticket(id), which
--     need a unique constraint on ticket(id) alone.
-- At the expected 1M-10M tickets, B-tree indexes plus keyset pagination
-- (WHERE id < :last ORDER BY id DESC LIMIT n) are sufficient; archive_flag
-- (see archive_old_tickets()) keeps the working set small.
CREATE TABLE ticket (
    id BIGSERIAL PRIMARY KEY,
    tn VARCHAR(50) UNIQUE NOT NULL,  -- Ticket number
    title VARCHAR(255),
    queue_id INTEGER REFERENCES queue(id),
    ticket_lock_id SMALLINT DEFAULT 1,  -- 1=unlocked, 2=locked (FK to ticket_lock_type in V2)
    type_id INTEGER REFERENCES ticket_type(id),
    service_id INTEGER,  -- FK to service(id) added in V2
    sla_id INTEGER,      -- FK to sla(id) added in V2
    user_id UUID REFERENCES users(id),  -- Current owner
    responsible_user_id UUID REFERENCES users(id),
    ticket_priority_id INTEGER REFERENCES ticket_priority(id),
    ticket_state_id INTEGER REFERENCES ticket_state(id),
    customer_id VARCHAR(150),
    customer_user_id UUID REFERENCES customer_user(id),
    timeout INTEGER DEFAULT 0,
    until_time INTEGER DEFAULT 0,
    escalation_time INTEGER DEFAULT 0,
    escalation_update_time INTEGER DEFAULT 0,
    escalation_response_time INTEGER DEFAULT 0,
    escalation_solution_time INTEGER DEFAULT 0,
    archive_flag SMALLINT DEFAULT 0,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    uuid UUID DEFAULT gen_random_uuid() UNIQUE,
    source VARCHAR(50) DEFAULT 'web',  -- web, email, phone, api, chat
    merged_to_id BIGINT REFERENCES ticket(id),
    split_from_id BIGINT REFERENCES ticket(id),
    tags TEXT[],
    custom_fields JSONB DEFAULT '{}',
    metadata JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_ticket_tn ON ticket (tn);
CREATE INDEX idx_ticket_queue ON ticket (queue_id);
CREATE INDEX idx_ticket_state ON ticket (ticket_state_id);
CREATE INDEX idx_ticket_priority ON ticket (ticket_priority_id);
CREATE INDEX idx_ticket_customer ON ticket (customer_id);
CREATE INDEX idx_ticket_customer_user ON ticket (customer_user_id);
CREATE INDEX idx_ticket_user ON ticket (user_id);
CREATE INDEX idx_ticket_responsible ON ticket (responsible_user_id);
CREATE INDEX idx_ticket_create_time ON ticket (create_time DESC);
CREATE INDEX idx_ticket_escalation ON ticket (escalation_time);
CREATE INDEX idx_ticket_archive ON ticket (archive_flag);

-- Ticket history (OTRS compatible)
-- history_type_id gets its FK to ticket_history_type in V2.
CREATE TABLE ticket_history (
    id BIGSERIAL PRIMARY KEY,
    name VARCHAR(200),
    history_type_id INTEGER NOT NULL,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    article_id BIGINT,
    type_id INTEGER,
    queue_id INTEGER REFERENCES queue(id),
    owner_id UUID REFERENCES users(id),
    priority_id INTEGER REFERENCES ticket_priority(id),
    state_id INTEGER REFERENCES ticket_state(id),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    old_value TEXT,
    new_value TEXT,
    comments TEXT
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_ticket_history_ticket ON ticket_history (ticket_id);
CREATE INDEX idx_ticket_history_create_time ON ticket_history (create_time);
CREATE INDEX idx_ticket_history_type ON ticket_history (history_type_id);


-- ---------------------------------------------------------------------
-- Articles/Messages
-- ---------------------------------------------------------------------

-- Article types (OTRS compatible)
CREATE TABLE article_type (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    comments VARCHAR(250),
    valid_id INTEGER DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id)
);

-- Articles/Messages (OTRS compatible, renamed in GOTRS)
-- article_sender_type_id gets its FK to article_sender_type in V2.
CREATE TABLE article (
    id BIGSERIAL PRIMARY KEY,
    ticket_id BIGINT REFERENCES ticket(id) ON DELETE CASCADE,
    article_type_id INTEGER REFERENCES article_type(id),
    article_sender_type_id INTEGER,  -- 1=agent, 2=system, 3=customer
    from_address TEXT,
    to_address TEXT,
    cc_address TEXT,
    subject VARCHAR(255),
    message_id VARCHAR(255),
    message_id_md5 VARCHAR(32),
    in_reply_to TEXT,
    -- Fix: REFERENCES is a reserved word in PostgreSQL, so the seed's
    -- unquoted "references TEXT" is a syntax error. The column keeps its
    -- name (the API field and the e-mail header are called "references")
    -- and must be written quoted: "references".
    "references" TEXT,
    content_type VARCHAR(250),
    body TEXT,
    incoming_time INTEGER DEFAULT 0,
    is_visible_for_customer SMALLINT DEFAULT 1,
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    uuid UUID DEFAULT gen_random_uuid() UNIQUE,
    html_body TEXT,
    plain_body TEXT,
    internal_note BOOLEAN DEFAULT FALSE,
    delivery_status VARCHAR(50),
    read_status BOOLEAN DEFAULT FALSE,
    metadata JSONB DEFAULT '{}'
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_article_ticket ON article (ticket_id);
CREATE INDEX idx_article_message_id ON article (message_id_md5);
CREATE INDEX idx_article_create_time ON article (create_time);
CREATE INDEX idx_article_sender_type ON article (article_sender_type_id);

-- Attachments
CREATE TABLE article_attachment (
    id BIGSERIAL PRIMARY KEY,
    article_id BIGINT REFERENCES article(id) ON DELETE CASCADE,
    filename VARCHAR(250),
    content_size VARCHAR(30),
    content_type VARCHAR(250),
    content_id VARCHAR(250),
    content_alternative VARCHAR(50),
    disposition VARCHAR(15),
    content BYTEA,  -- For small files
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    storage_backend VARCHAR(50) DEFAULT 'database',  -- database, filesystem, s3
    storage_path TEXT,  -- For external storage
    checksum VARCHAR(64),  -- SHA256
    virus_scan_status VARCHAR(50),
    virus_scan_time TIMESTAMP
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_article_attachment_article ON article_attachment (article_id);
CREATE INDEX idx_article_attachment_filename ON article_attachment (filename);


-- ---------------------------------------------------------------------
-- SLA and Services
-- ---------------------------------------------------------------------

-- Services (OTRS compatible)
CREATE TABLE service (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    valid_id INTEGER DEFAULT 1,
    comments VARCHAR(250),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    parent_id INTEGER REFERENCES service(id),
    criticality VARCHAR(50)
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_service_valid ON service (valid_id);

-- SLA definitions (OTRS compatible)
CREATE TABLE sla (
    id SERIAL PRIMARY KEY,
    name VARCHAR(200) UNIQUE NOT NULL,
    calendar_name VARCHAR(100),
    first_response_time INTEGER,  -- minutes
    first_response_notify INTEGER,  -- percent
    update_time INTEGER,
    update_notify INTEGER,
    solution_time INTEGER,
    solution_notify INTEGER,
    valid_id INTEGER DEFAULT 1,
    comments VARCHAR(250),
    create_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    create_by UUID REFERENCES users(id),
    change_time TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    change_by UUID REFERENCES users(id),

    -- GOTRS additions
    escalation_levels INTEGER DEFAULT 3,
    business_hours JSONB DEFAULT '{}',
    holidays JSONB DEFAULT '[]'
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_sla_valid ON sla (valid_id);

-- Service-SLA relations
CREATE TABLE service_sla (
    service_id INTEGER REFERENCES service(id) ON DELETE CASCADE,
    sla_id INTEGER REFERENCES sla(id) ON DELETE CASCADE,
    PRIMARY KEY (service_id, sla_id)
);


-- ---------------------------------------------------------------------
-- Workflows and Automation
-- ---------------------------------------------------------------------

-- Generic Interface (GOTRS addition)
CREATE TABLE workflows (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    name VARCHAR(255) UNIQUE NOT NULL,
    description TEXT,
    trigger_type VARCHAR(50),  -- time, event, manual
    trigger_config JSONB,
    conditions JSONB,
    actions JSONB,
    enabled BOOLEAN DEFAULT TRUE,
    valid_id INTEGER DEFAULT 1,
    execution_order INTEGER DEFAULT 0,
    last_execution TIMESTAMP,
    execution_count INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_workflows_enabled ON workflows (enabled);
CREATE INDEX idx_workflows_trigger_type ON workflows (trigger_type);

-- Workflow execution history
CREATE TABLE workflow_history (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    workflow_id UUID REFERENCES workflows(id) ON DELETE CASCADE,
    ticket_id BIGINT REFERENCES ticket(id),
    status VARCHAR(50),  -- success, failure, partial
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    error_message TEXT,
    actions_taken JSONB
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_workflow_history_workflow ON workflow_history (workflow_id);
CREATE INDEX idx_workflow_history_ticket ON workflow_history (ticket_id);
CREATE INDEX idx_workflow_history_started ON workflow_history (started_at DESC);


-- ---------------------------------------------------------------------
-- Audit and Compliance
-- ---------------------------------------------------------------------

-- Audit log (GOTRS addition), partitioned by month as the seed intends
-- ("Partition audit_log by month").
--
-- Fix: the seed creates partitions OF audit_log but never declares it
-- partitioned; it is declared PARTITION BY RANGE ("timestamp") here.
-- Fix: the primary key is (id, "timestamp") instead of (id): on a
-- partitioned table a PRIMARY KEY / UNIQUE constraint must include the
-- partition key columns. As a consequence "timestamp" is NOT NULL (implied
-- by the primary key); it still defaults to CURRENT_TIMESTAMP, and id is
-- still a random UUID, so id alone stays unique in practice.
-- The column name "timestamp" is quoted everywhere in this file for
-- clarity (it is a type name; the quotes do not change the column name).
CREATE TABLE audit_log (
    id UUID DEFAULT gen_random_uuid(),
    "timestamp" TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    user_id UUID REFERENCES users(id),
    session_id VARCHAR(255),
    ip_address INET,
    user_agent TEXT,
    action VARCHAR(100) NOT NULL,
    object_type VARCHAR(50),
    object_id VARCHAR(255),
    old_values JSONB,
    new_values JSONB,
    result VARCHAR(50),  -- success, failure, partial
    error_message TEXT,
    metadata JSONB,
    PRIMARY KEY (id, "timestamp")
) PARTITION BY RANGE ("timestamp");
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX. Indexes on a
-- partitioned table are created on every partition automatically.
CREATE INDEX idx_audit_log_timestamp ON audit_log ("timestamp" DESC);
CREATE INDEX idx_audit_log_user ON audit_log (user_id);
CREATE INDEX idx_audit_log_action ON audit_log (action);
CREATE INDEX idx_audit_log_object ON audit_log (object_type, object_id);

-- Safety net: rows whose month has no partition yet land here instead of
-- failing the INSERT. create_audit_log_partitions() moves them out.
CREATE TABLE audit_log_default PARTITION OF audit_log DEFAULT;

-- Fix: instead of the seed's single hard-coded partition audit_log_2024_01
-- (a month long past), monthly partitions audit_log_YYYY_MM are created by
-- this function from the current (UTC) month through months_ahead months
-- ahead, if missing. Idempotent. The GOTRS server calls it at start and
-- monthly; this migration calls it once for 3 months ahead.
--
-- Creating a partition for a range that already has rows in the DEFAULT
-- partition fails in PostgreSQL ("updated partition constraint for default
-- partition would be violated"). So each missing month is created as a
-- standalone table, the month's rows are moved out of audit_log_default
-- into it (WITH ... DELETE ... RETURNING then INSERT, in the same
-- transaction), and only then is it ATTACHed as a partition (ATTACH builds
-- the partitioned indexes, primary key and foreign keys on it).
-- A transaction-level advisory lock serialises concurrent callers (e.g.
-- several server instances starting at once).
CREATE OR REPLACE FUNCTION create_audit_log_partitions(months_ahead integer)
RETURNS void AS $$
DECLARE
    v_schema      text;
    v_first_month date;
    v_from        timestamp;
    v_to          timestamp;
    v_name        text;
    v_moved       bigint;
    i             integer;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('gotrs.create_audit_log_partitions'));

    SELECT n.nspname INTO v_schema
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
     WHERE c.oid = 'audit_log'::regclass;

    -- "timestamp" holds UTC, so the current month is the current UTC month,
    -- whatever the session time zone is.
    v_first_month := date_trunc('month', now() AT TIME ZONE 'UTC')::date;

    FOR i IN 0 .. GREATEST(COALESCE(months_ahead, 0), 0) LOOP
        v_from := v_first_month + make_interval(months => i);
        v_to   := v_from + interval '1 month';
        v_name := 'audit_log_' || to_char(v_from, 'YYYY_MM');

        CONTINUE WHEN to_regclass(format('%I.%I', v_schema, v_name)) IS NOT NULL;

        EXECUTE format('CREATE TABLE %I.%I (LIKE %I.audit_log INCLUDING DEFAULTS INCLUDING CONSTRAINTS)',
                       v_schema, v_name, v_schema);

        EXECUTE format('WITH moved AS (DELETE FROM %I.audit_log_default
                                        WHERE "timestamp" >= $1 AND "timestamp" < $2
                                        RETURNING *)
                        INSERT INTO %I.%I SELECT * FROM moved',
                       v_schema, v_schema, v_name)
            USING v_from, v_to;
        GET DIAGNOSTICS v_moved = ROW_COUNT;

        EXECUTE format('ALTER TABLE %I.audit_log ATTACH PARTITION %I.%I FOR VALUES FROM (%L) TO (%L)',
                       v_schema, v_schema, v_name, v_from, v_to);

        RAISE NOTICE 'created partition %.% (% rows moved from audit_log_default)', v_schema, v_name, v_moved;
    END LOOP;
END;
$$ LANGUAGE plpgsql;

SELECT create_audit_log_partitions(3);

-- GDPR compliance
CREATE TABLE data_retention_policy (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    table_name VARCHAR(100) NOT NULL,
    column_name VARCHAR(100),
    retention_days INTEGER NOT NULL,
    action VARCHAR(50) NOT NULL,  -- delete, anonymize, archive
    conditions JSONB,
    last_run TIMESTAMP,
    next_run TIMESTAMP,
    enabled BOOLEAN DEFAULT TRUE
);


-- ---------------------------------------------------------------------
-- Performance Optimizations
-- ---------------------------------------------------------------------

-- Fix: the seed's "Partition tickets by year" (ticket_2024, ticket_2025)
-- is left out on purpose; see the comment above CREATE TABLE ticket.
-- Fix: the seed's audit_log_2024_01 is replaced by
-- create_audit_log_partitions(); see above.

-- Materialized views for reporting
-- Fix: REFRESH MATERIALIZED VIEW CONCURRENTLY (used by
-- refresh_ticket_statistics()) needs a UNIQUE index on plain columns that
-- covers all rows. The grouping columns queue_id, ticket_state_id and
-- ticket_priority_id are nullable in ticket, and NULLs never compare equal,
-- so a unique index over them would not identify rows. They are therefore
-- COALESCEd to 0 (= "none"); "date" is never NULL because the WHERE clause
-- drops rows with a NULL create_time. Column names are the seed's.
CREATE MATERIALIZED VIEW ticket_statistics AS
SELECT
    DATE_TRUNC('day', create_time) AS date,
    COALESCE(queue_id, 0) AS queue_id,
    COALESCE(ticket_state_id, 0) AS ticket_state_id,
    COALESCE(ticket_priority_id, 0) AS ticket_priority_id,
    COUNT(*) AS ticket_count,
    AVG(EXTRACT(EPOCH FROM (change_time - create_time))/3600)::INT AS avg_resolution_hours
FROM ticket
WHERE create_time > CURRENT_DATE - INTERVAL '90 days'
GROUP BY 1, 2, 3, 4;

-- GOTRS: unique index required by REFRESH MATERIALIZED VIEW CONCURRENTLY.
CREATE UNIQUE INDEX idx_ticket_statistics_unique
    ON ticket_statistics (date, queue_id, ticket_state_id, ticket_priority_id);
CREATE INDEX idx_ticket_statistics_date ON ticket_statistics(date DESC);

-- Refresh materialized view daily (called by the GOTRS server's scheduler)
CREATE OR REPLACE FUNCTION refresh_ticket_statistics()
RETURNS void AS $$
BEGIN
    REFRESH MATERIALIZED VIEW CONCURRENTLY ticket_statistics;
END;
$$ LANGUAGE plpgsql;


-- ---------------------------------------------------------------------
-- Custom Fields
-- ---------------------------------------------------------------------

-- Dynamic custom field definitions
CREATE TABLE custom_field_definitions (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    object_type VARCHAR(50) NOT NULL,  -- ticket, customer, user
    field_name VARCHAR(100) NOT NULL,
    field_type VARCHAR(50) NOT NULL,  -- text, number, date, select, multiselect
    field_config JSONB,  -- options, validation rules, etc.
    required BOOLEAN DEFAULT FALSE,
    visible_for_customer BOOLEAN DEFAULT TRUE,
    searchable BOOLEAN DEFAULT TRUE,
    position INTEGER DEFAULT 0,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,

    UNIQUE(object_type, field_name)
);
-- Fix: inline INDEX clause (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_custom_field_object_type ON custom_field_definitions (object_type);

-- Custom field values
CREATE TABLE custom_field_values (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    field_id UUID REFERENCES custom_field_definitions(id) ON DELETE CASCADE,
    object_id VARCHAR(255) NOT NULL,  -- ticket.id, user.id, etc.
    value_text TEXT,
    value_number NUMERIC,
    value_date TIMESTAMP,
    value_json JSONB,
    created_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP,
    updated_at TIMESTAMP DEFAULT CURRENT_TIMESTAMP
);
-- Fix: inline INDEX clauses (MySQL syntax) -> CREATE INDEX.
CREATE INDEX idx_custom_field_values_field ON custom_field_values (field_id);
CREATE INDEX idx_custom_field_values_object ON custom_field_values (object_id);


-- ---------------------------------------------------------------------
-- Migration Support
-- ---------------------------------------------------------------------

-- OTRS compatibility views
CREATE VIEW otrs_ticket AS
SELECT
    id,
    tn,
    title,
    queue_id,
    ticket_lock_id AS lock_id,
    type_id,
    ticket_state_id AS state_id,
    ticket_priority_id AS priority_id,
    create_time,
    change_time
FROM ticket;

-- Migration tracking
CREATE TABLE migration_log (
    id UUID PRIMARY KEY DEFAULT gen_random_uuid(),
    source_system VARCHAR(50),
    source_version VARCHAR(50),
    migration_type VARCHAR(50),
    table_name VARCHAR(100),
    records_processed INTEGER,
    records_failed INTEGER,
    started_at TIMESTAMP,
    completed_at TIMESTAMP,
    status VARCHAR(50),
    error_log TEXT
);


-- ---------------------------------------------------------------------
-- Database Maintenance
-- ---------------------------------------------------------------------

-- Maintenance procedures
CREATE OR REPLACE FUNCTION cleanup_old_sessions()
RETURNS void AS $$
BEGIN
    DELETE FROM sessions WHERE expires_at < CURRENT_TIMESTAMP;
END;
$$ LANGUAGE plpgsql;

CREATE OR REPLACE FUNCTION archive_old_tickets()
RETURNS void AS $$
BEGIN
    UPDATE ticket
    SET archive_flag = 1
    WHERE ticket_state_id IN (
        SELECT id FROM ticket_state WHERE type_id = 4  -- closed
    )
    AND change_time < CURRENT_DATE - INTERVAL '90 days'
    AND archive_flag = 0;
END;
$$ LANGUAGE plpgsql;

-- Scheduled maintenance
-- Fix: the seed's
--   SELECT cron.schedule('cleanup-sessions', '0 * * * *', 'SELECT cleanup_old_sessions()');
--   SELECT cron.schedule('archive-tickets', '0 2 * * *', 'SELECT archive_old_tickets()');
-- need the pg_cron extension, which no default PostgreSQL installation
-- has. They are left out: the GOTRS server's own scheduler calls
-- cleanup_old_sessions() hourly and archive_old_tickets() daily (and
-- refresh_ticket_statistics() and create_audit_log_partitions()).


-- ---------------------------------------------------------------------
-- Performance Indexes
-- ---------------------------------------------------------------------

-- Fix: the seed indexes to_tsvector('english', title || ' ' || COALESCE(title, '')),
-- i.e. the title concatenated with itself (and NULL for a NULL title).
-- The title is indexed once. Queries must use exactly the same expression
-- to hit this index:
--   to_tsvector('english', coalesce(title,''))
-- e.g. WHERE to_tsvector('english', coalesce(title,'')) @@ plainto_tsquery('english', ?)
CREATE INDEX idx_ticket_fulltext ON ticket USING gin(to_tsvector('english', coalesce(title,'')));

-- Queries must use exactly the same expression to hit this index:
--   to_tsvector('english', coalesce(subject,'') || ' ' || coalesce(body,''))
CREATE INDEX idx_article_fulltext ON article USING gin(to_tsvector('english', coalesce(subject,'') || ' ' || coalesce(body,'')));

CREATE INDEX idx_ticket_custom_fields ON ticket USING gin(custom_fields);
CREATE INDEX idx_ticket_tags ON ticket USING gin(tags);

-- Partial indexes for common queries
-- ticket_state ids 1 and 2 are 'new' and 'open': V2 seeds the states in a
-- fixed order so that these ids mean what the seed says.
CREATE INDEX idx_ticket_open ON ticket(id) WHERE ticket_state_id IN (1, 2);  -- new, open
CREATE INDEX idx_ticket_unassigned ON ticket(id) WHERE user_id IS NULL;
CREATE INDEX idx_ticket_escalated ON ticket(escalation_time) WHERE escalation_time > 0;
