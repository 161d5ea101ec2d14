-- A trimmed but faithful subset of the OTRS 6.0 PostgreSQL schema (otrs-schema.postgresql.sql): the tables the
-- GOTRS import reads, with OTRS's column names, types and nullability.
CREATE TABLE valid (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT valid_name UNIQUE (name));
CREATE TABLE users (
    id serial NOT NULL, login VARCHAR (200) NOT NULL, pw VARCHAR (128) NOT NULL, title VARCHAR (50) NULL,
    first_name VARCHAR (100) NOT NULL, last_name VARCHAR (100) NOT NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT users_login UNIQUE (login));
CREATE TABLE user_preferences (
    user_id INTEGER NOT NULL, preferences_key VARCHAR (150) NOT NULL, preferences_value TEXT NULL);
CREATE INDEX user_preferences_user_id ON user_preferences (user_id);
CREATE TABLE groups (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT groups_name UNIQUE (name));
CREATE TABLE group_user (
    user_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR (20) NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL);
CREATE TABLE group_role (
    role_id INTEGER NOT NULL, group_id INTEGER NOT NULL, permission_key VARCHAR (20) NOT NULL,
    permission_value SMALLINT NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE TABLE roles (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT roles_name UNIQUE (name));
CREATE TABLE role_user (
    user_id INTEGER NOT NULL, role_id INTEGER NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE TABLE follow_up_possible (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT follow_up_possible_name UNIQUE (name));
CREATE TABLE queue (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, group_id INTEGER NOT NULL, unlock_timeout INTEGER NULL,
    first_response_time INTEGER NULL, first_response_notify SMALLINT NULL, update_time INTEGER NULL,
    update_notify SMALLINT NULL, solution_time INTEGER NULL, solution_notify SMALLINT NULL,
    system_address_id SMALLINT NOT NULL, calendar_name VARCHAR (100) NULL, default_sign_key VARCHAR (100) NULL,
    salutation_id SMALLINT NOT NULL, signature_id SMALLINT NOT NULL, follow_up_id SMALLINT NOT NULL,
    follow_up_lock SMALLINT NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT queue_name UNIQUE (name));
CREATE TABLE ticket_priority (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT ticket_priority_name UNIQUE (name));
CREATE TABLE ticket_type (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT ticket_type_name UNIQUE (name));
CREATE TABLE ticket_lock_type (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT ticket_lock_type_name UNIQUE (name));
CREATE TABLE ticket_state (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, type_id SMALLINT NOT NULL,
    valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT ticket_state_name UNIQUE (name));
CREATE TABLE ticket_state_type (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT ticket_state_type_name UNIQUE (name));
CREATE TABLE ticket (
    id bigserial NOT NULL, tn VARCHAR (50) NOT NULL, title VARCHAR (255) NULL, queue_id INTEGER NOT NULL,
    ticket_lock_id SMALLINT NOT NULL, type_id SMALLINT NULL, service_id INTEGER NULL, sla_id INTEGER NULL,
    user_id INTEGER NOT NULL, responsible_user_id INTEGER NOT NULL, ticket_priority_id SMALLINT NOT NULL,
    ticket_state_id SMALLINT NOT NULL, customer_id VARCHAR (150) NULL, customer_user_id VARCHAR (250) NULL,
    timeout INTEGER NOT NULL, until_time INTEGER NOT NULL, escalation_time INTEGER NOT NULL,
    escalation_update_time INTEGER NOT NULL, escalation_response_time INTEGER NOT NULL,
    escalation_solution_time INTEGER NOT NULL, archive_flag SMALLINT DEFAULT 0 NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT ticket_tn UNIQUE (tn));
CREATE TABLE ticket_history (
    id bigserial NOT NULL, name VARCHAR (200) NOT NULL, history_type_id SMALLINT NOT NULL, ticket_id BIGINT NOT NULL,
    article_id BIGINT NULL, type_id SMALLINT NOT NULL, queue_id INTEGER NOT NULL, owner_id INTEGER NOT NULL,
    priority_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE ticket_history_type (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT ticket_history_type_name UNIQUE (name));
CREATE TABLE article_sender_type (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT article_sender_type_name UNIQUE (name));
CREATE TABLE communication_channel (
    id bigserial NOT NULL, name VARCHAR (200) NOT NULL, module VARCHAR (200) NOT NULL,
    package_name VARCHAR (200) NOT NULL, channel_data TEXT NOT NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT communication_channel_name UNIQUE (name));
CREATE TABLE article (
    id bigserial NOT NULL, ticket_id BIGINT NOT NULL, article_sender_type_id SMALLINT NOT NULL,
    communication_channel_id BIGINT NOT NULL, is_visible_for_customer SMALLINT NOT NULL,
    search_index_needs_rebuild SMALLINT DEFAULT 1 NOT NULL, insert_fingerprint VARCHAR (64) NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE INDEX article_ticket_id ON article (ticket_id);
CREATE TABLE article_data_mime (
    id bigserial NOT NULL, article_id BIGINT NOT NULL, a_from VARCHAR NULL, a_reply_to VARCHAR NULL, a_to VARCHAR NULL,
    a_cc VARCHAR NULL, a_bcc VARCHAR NULL, a_subject VARCHAR (3800) NULL, a_message_id VARCHAR (3800) NULL,
    a_message_id_md5 VARCHAR (32) NULL, a_in_reply_to VARCHAR NULL, a_references VARCHAR NULL,
    a_content_type VARCHAR (250) NULL, a_body VARCHAR NULL, incoming_time INTEGER NOT NULL,
    content_path VARCHAR (250) NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE INDEX article_data_mime_article_id ON article_data_mime (article_id);
CREATE TABLE article_data_mime_attachment (
    id bigserial NOT NULL, article_id BIGINT NOT NULL, filename VARCHAR (250) NULL, content_size VARCHAR (30) NULL,
    content_type VARCHAR (450) NULL, content_id VARCHAR (250) NULL, content_alternative VARCHAR (50) NULL,
    disposition VARCHAR (15) NULL, content TEXT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE service (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, valid_id SMALLINT NOT NULL, comments VARCHAR (250) NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT service_name UNIQUE (name));
CREATE TABLE sla (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, calendar_name VARCHAR (100) NULL,
    first_response_time INTEGER NOT NULL, first_response_notify SMALLINT NULL, update_time INTEGER NOT NULL,
    update_notify SMALLINT NULL, solution_time INTEGER NOT NULL, solution_notify SMALLINT NULL,
    valid_id SMALLINT NOT NULL, comments VARCHAR (250) NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT sla_name UNIQUE (name));
CREATE TABLE service_sla (
    service_id INTEGER NOT NULL, sla_id INTEGER NOT NULL, CONSTRAINT service_sla_service_sla UNIQUE (service_id, sla_id));
CREATE TABLE customer_user (
    id serial NOT NULL, login VARCHAR (200) NOT NULL, email VARCHAR (150) NOT NULL, customer_id VARCHAR (150) NOT NULL,
    pw VARCHAR (128) NULL, title VARCHAR (50) NULL, first_name VARCHAR (100) NOT NULL, last_name VARCHAR (100) NOT NULL,
    phone VARCHAR (150) NULL, fax VARCHAR (150) NULL, mobile VARCHAR (150) NULL, street VARCHAR (150) NULL,
    zip VARCHAR (200) NULL, city VARCHAR (200) NULL, country VARCHAR (200) NULL, comments VARCHAR (250) NULL,
    valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT customer_user_login UNIQUE (login));
CREATE TABLE customer_company (
    customer_id VARCHAR (150) NOT NULL, name VARCHAR (200) NOT NULL, street VARCHAR (200) NULL, zip VARCHAR (200) NULL,
    city VARCHAR (200) NULL, country VARCHAR (200) NULL, url VARCHAR (200) NULL, comments VARCHAR (250) NULL,
    valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(customer_id),
    CONSTRAINT customer_company_name UNIQUE (name));
CREATE TABLE dynamic_field_value (
    id serial NOT NULL, field_id INTEGER NOT NULL, object_id BIGINT NOT NULL, value_text VARCHAR (3800) NULL,
    value_date timestamp(0) NULL, value_int BIGINT NULL, PRIMARY KEY(id));
CREATE TABLE dynamic_field (
    id serial NOT NULL, internal_field SMALLINT DEFAULT 0 NOT NULL, name VARCHAR (200) NOT NULL,
    label VARCHAR (200) NOT NULL, field_order INTEGER NOT NULL, field_type VARCHAR (200) NOT NULL,
    object_type VARCHAR (100) NOT NULL, config TEXT NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT dynamic_field_name UNIQUE (name));
CREATE TABLE salutation (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, text VARCHAR (3000) NOT NULL, content_type VARCHAR (250) NULL,
    comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT salutation_name UNIQUE (name));
CREATE TABLE signature (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, text VARCHAR (3000) NOT NULL, content_type VARCHAR (250) NULL,
    comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id),
    CONSTRAINT signature_name UNIQUE (name));
CREATE TABLE system_address (
    id serial NOT NULL, value0 VARCHAR (200) NOT NULL, value1 VARCHAR (200) NOT NULL, value2 VARCHAR (200) NULL,
    value3 VARCHAR (200) NULL, queue_id INTEGER NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE standard_template (
    id serial NOT NULL, name VARCHAR (200) NOT NULL, text VARCHAR NULL, content_type VARCHAR (250) NULL,
    template_type VARCHAR (100) DEFAULT 'Answer' NOT NULL, comments VARCHAR (250) NULL, valid_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id), CONSTRAINT standard_template_name UNIQUE (name));
CREATE TABLE queue_standard_template (
    queue_id INTEGER NOT NULL, standard_template_id INTEGER NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE TABLE time_accounting (
    id bigserial NOT NULL, ticket_id BIGINT NOT NULL, article_id BIGINT NULL, time_unit DECIMAL (10,2) NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL,
    change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE ticket_watcher (
    ticket_id BIGINT NOT NULL, user_id INTEGER NOT NULL, create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL,
    change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL);
CREATE TABLE link_type (
    id serial NOT NULL, name VARCHAR (50) NOT NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE link_state (
    id serial NOT NULL, name VARCHAR (50) NOT NULL, valid_id SMALLINT NOT NULL, create_time timestamp(0) NOT NULL,
    create_by INTEGER NOT NULL, change_time timestamp(0) NOT NULL, change_by INTEGER NOT NULL, PRIMARY KEY(id));
CREATE TABLE link_object (id serial NOT NULL, name VARCHAR (100) NOT NULL, PRIMARY KEY(id));
CREATE TABLE link_relation (
    source_object_id SMALLINT NOT NULL, source_key VARCHAR (50) NOT NULL, target_object_id SMALLINT NOT NULL,
    target_key VARCHAR (50) NOT NULL, type_id SMALLINT NOT NULL, state_id SMALLINT NOT NULL,
    create_time timestamp(0) NOT NULL, create_by INTEGER NOT NULL);
