-- An OTRS 6 help desk in miniature, with OTRS's own default ids: three agents besides root@localhost (passwords
-- as OTRS stores them: SHA-256 hex and crypt), groups, a role, memberships, customers, queues, four tickets,
-- articles with attachments, history and dynamic fields, salutations, signatures, system addresses and standard
-- templates. Rows that cannot be imported on purpose: an attachment, a history entry, a system address and a template
-- assignment of things that do not exist.
INSERT INTO valid (id, name, create_time, create_by, change_time, change_by) VALUES
 (1, 'valid', '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'invalid', '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'invalid-temporarily', '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO users (id, login, pw, title, first_name, last_name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'root@localhost', 'roK20XGbWEsSM', NULL, 'Admin', 'OTRS', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'jdoe', '5a3a676b8b8071ab738a53edf9e11cbdd1846bfb8e878253fc9b80c1184d1350', 'Dr.', 'Jane', 'Doe', 1, '2020-01-02 03:04:05', 1, '2021-02-03 04:05:06', 1),
 (3, 'msmith', 'abe7EH73ngDK.', NULL, 'Max', 'Smith', 1, '2020-01-03 00:00:00', 1, '2020-01-03 00:00:00', 2),
 (4, 'former', 'abe7EH73ngDK.', NULL, 'Fred', 'Former', 2, '2019-05-05 05:05:05', 1, '2022-05-05 05:05:05', 1);
INSERT INTO user_preferences (user_id, preferences_key, preferences_value) VALUES
 (2, 'UserEmail', 'jane.doe@example.com'), (2, 'UserLanguage', 'de'), (3, 'UserEmail', 'max@example.com'),
 (4, 'UserEmail', 'fred@example.com'), (9, 'UserEmail', 'nobody@example.com');
INSERT INTO groups (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'users', 'Group for default access.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'admin', 'Group of all administrators.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'stats', 'Group for statistics access.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (4, 'support', 'Second level support', 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (5, 'sales', NULL, 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO roles (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Support L1', 'first line', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO role_user (user_id, role_id, create_time, create_by, change_time, change_by) VALUES
 (2, 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO group_role (role_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by) VALUES
 (1, 4, 'rw', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO group_user (user_id, group_id, permission_key, create_time, create_by, change_time, change_by) VALUES
 (1, 1, 'rw', '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (1, 2, 'rw', '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 1, 'ro', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (3, 5, 'rw', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (3, 4, 'move_into', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (3, 4, 'move_into', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO follow_up_possible (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'possible', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'reject', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'new ticket', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO queue (id, name, group_id, unlock_timeout, first_response_time, first_response_notify, update_time, update_notify,
                   solution_time, solution_notify, system_address_id, calendar_name, salutation_id, signature_id,
                   follow_up_id, follow_up_lock, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Postmaster', 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, 1, NULL, 1, 1, 1, 0, 'Postmaster queue.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'Raw', 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, 1, NULL, 1, 1, 1, 0, 'All default incoming tickets.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'Junk', 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, 1, NULL, 1, 1, 1, 0, 'All junk tickets.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (4, 'Misc', 1, 0, NULL, NULL, NULL, NULL, NULL, NULL, 1, NULL, 1, 1, 1, 0, 'All misc tickets.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (5, 'Support', 4, 30, 60, 80, 120, 70, 480, 90, 2, '1', 2, 2, 2, 1, 'Support queue', 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (6, 'Support::Hardware', 4, 0, 30, NULL, NULL, NULL, NULL, NULL, 1, NULL, 1, 1, 1, 0, NULL, 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (7, 'Sales', 5, 0, NULL, NULL, NULL, NULL, NULL, NULL, 2, NULL, 1, 2, 3, 0, NULL, 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO salutation (id, name, text, content_type, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'system standard salutation (en)', E'Dear <OTRS_CUSTOMER_REALNAME>,\n\nThank you for your request.\n\n', 'text/plain; charset=utf-8', 'Standard Salutation.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'Support (de)', E'Hallo <OTRS_CUSTOMER_UserFirstname>,\n\n', 'text/plain; charset=utf-8', 'informal', 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2);
INSERT INTO signature (id, name, text, content_type, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'system standard signature (en)', E'\nYour Ticket-Team\n\n <OTRS_Agent_UserFirstname> <OTRS_Agent_UserLastname>\n', 'text/plain; charset=utf-8', 'Standard Signature.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'Support team', '<p>Your support team<br><OTRS_Agent_UserFirstname></p>', 'text/html; charset=utf-8', NULL, 2, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2);
INSERT INTO system_address (id, value0, value1, queue_id, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'otrs@localhost', 'OTRS System', 1, 'Standard Address.', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'support@example.com', 'Example Support', 5, NULL, 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (3, 'ghost@example.com', 'Ghost', 99, 'its queue is gone', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO standard_template (id, name, text, content_type, template_type, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'empty answer', '', 'text/plain; charset=utf-8', 'Answer', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'test answer', 'Some test answer to show how a standard template can be used.', 'text/plain; charset=utf-8', 'Answer', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'Printer reset', E'Please switch <OTRS_TICKET_Title> off and on again, <OTRS_CUSTOMER_REALNAME>.', 'text/plain; charset=utf-8', 'Answer', 'hardware', 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (4, 'Call note', '<p>Called <OTRS_CUSTOMER_UserFirstname>.</p>', 'text/html; charset=utf-8', 'PhoneCall', NULL, 1, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (5, 'Old process step', 'Step 1', 'text/plain; charset=utf-8', 'ProcessDialog', NULL, 2, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO queue_standard_template (queue_id, standard_template_id, create_time, create_by, change_time, change_by) VALUES
 (1, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (4, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (5, 3, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2), (6, 3, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (5, 4, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2), (7, 4, '2020-01-01 00:00:00', 2, '2020-01-01 00:00:00', 2),
 (99, 3, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO ticket_priority (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, '1 very low', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, '2 low', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, '3 normal', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (4, '4 high', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (5, '5 very high', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (6, 'urgent', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO ticket_type (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Unclassified', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, 'Incident', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO ticket_lock_type (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'unlock', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, 'lock', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'tmp_lock', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO ticket_state_type (id, name, comments, create_time, create_by, change_time, change_by) VALUES
 (1, 'new', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, 'open', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'closed', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (4, 'pending reminder', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (5, 'pending auto', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (6, 'removed', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (7, 'merged', NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO ticket_state (id, name, comments, type_id, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'new', 'New ticket created by customer.', 1, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'closed successful', 'Ticket is closed successful.', 3, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'closed unsuccessful', 'Ticket is closed unsuccessful.', 3, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (4, 'open', 'Open tickets.', 2, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (5, 'removed', 'Customer removed ticket.', 6, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (6, 'pending reminder', 'Ticket is pending for agent reminder.', 4, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (7, 'pending auto close+', 'Ticket is pending for automatic close.', 5, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (8, 'pending auto close-', 'Ticket is pending for automatic close.', 5, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (9, 'merged', 'State for merged tickets.', 7, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (10, 'waiting for customer', 'custom pending state', 5, 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO ticket_history_type (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'NewTicket', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (15, 'AddNote', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (23, 'OwnerUpdate', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (27, 'StateUpdate', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (28, 'TicketDynamicFieldUpdate', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (60, 'CustomAudit', 'an add-on''s type', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO article_sender_type (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'agent', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1), (2, 'system', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'customer', NULL, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO communication_channel (id, name, module, package_name, channel_data, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Email', 'Kernel::System::CommunicationChannel::Email', 'Framework', '---', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'Phone', 'Kernel::System::CommunicationChannel::Phone', 'Framework', '---', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (3, 'Internal', 'Kernel::System::CommunicationChannel::Internal', 'Framework', '---', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (4, 'Chat', 'Kernel::System::CommunicationChannel::Chat', 'Framework', '---', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO service (id, name, valid_id, comments, create_time, create_by, change_time, change_by) VALUES
 (1, 'IT', 1, NULL, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1), (2, 'IT::Email', 1, 'mail service', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO sla (id, name, calendar_name, first_response_time, first_response_notify, update_time, update_notify,
                 solution_time, solution_notify, valid_id, comments, create_time, create_by, change_time, change_by) VALUES
 (1, 'Gold', NULL, 30, 80, 60, 80, 240, 90, 1, 'premium', '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO service_sla (service_id, sla_id) VALUES (2, 1);
INSERT INTO customer_company (customer_id, name, street, zip, city, country, url, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 ('ACME', 'Acme Inc.', '1 Road Runner Way', '85001', 'Phoenix', 'USA', 'https://acme.example', NULL, 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 ('GLOBEX', 'Globex Corporation', NULL, NULL, 'Springfield', NULL, NULL, 'big one', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO customer_user (id, login, email, customer_id, pw, title, first_name, last_name, phone, fax, mobile, street, zip,
                           city, country, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'alice', 'alice@acme.example', 'ACME', 'bb4293499fe3b46113fcf75bb0a74bbd2c7836c689ff41c9209c1a7b0f9f38de', 'Ms.', 'Alice', 'Anders', '+1 555 0100', NULL, NULL, NULL, NULL, 'Phoenix', NULL, NULL, 1, '2020-02-02 02:02:02', 1, '2020-02-02 02:02:02', 1),
 (2, 'bob', 'bob@globex.example', 'GLOBEX', NULL, NULL, 'Bob', 'Brown', NULL, NULL, '+1 555 0199', NULL, NULL, NULL, NULL, NULL, 1, '2020-02-03 00:00:00', 1, '2020-02-03 00:00:00', 1),
 (3, 'carol', 'carol@initech.example', 'INITECH', NULL, NULL, 'Carol', 'Clark', NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, 1, '2020-02-04 00:00:00', 1, '2020-02-04 00:00:00', 1);
INSERT INTO dynamic_field (id, internal_field, name, label, field_order, field_type, object_type, config, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 1, 'ProcessManagementProcessID', 'Process', 1, 'ProcessID', 'Ticket', E'---\nDefaultValue: \'\'\n', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 0, 'CustomerNumber', 'Customer number', 3, 'Text', 'Ticket', E'---\nDefaultValue: \'\'\nLink: \'\'\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (3, 0, 'Severity', 'Severity', 4, 'Dropdown', 'Ticket', E'---\nDefaultValue: \'\'\nPossibleNone: \'1\'\nPossibleValues:\n  high: High\n  low: Low\nTranslatableValues: \'0\'\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (4, 0, 'AffectedSystems', 'Affected systems', 5, 'Multiselect', 'Ticket', E'---\nPossibleValues:\n  crm: CRM\n  erp: ERP\n  mail: Mail\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (5, 0, 'DueDate', 'Due date', 6, 'Date', 'Ticket', E'---\nYearsInFuture: \'5\'\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (6, 0, 'ArticleNote', 'Article note', 7, 'Text', 'Article', E'---\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1),
 (7, 0, 'Approved', 'Approved', 8, 'Checkbox', 'Ticket', E'---\nDefaultValue: \'0\'\n', 1, '2020-01-01 00:00:00', 1, '2020-01-01 00:00:00', 1);
INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id, responsible_user_id,
                    ticket_priority_id, ticket_state_id, customer_id, customer_user_id, timeout, until_time, escalation_time,
                    escalation_update_time, escalation_response_time, escalation_solution_time, archive_flag,
                    create_time, create_by, change_time, change_by) VALUES
 (1, '2015071510123456', 'Welcome to OTRS!', 2, 1, NULL, NULL, NULL, 1, 1, 3, 1, NULL, NULL, 0, 0, 0, 0, 0, 0, 0, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, '2024031510000011', 'Printer on fire', 6, 2, 2, 2, 1, 2, 3, 4, 4, 'ACME', 'alice', 1710496000, 0, 1710500000, 1710510000, 1710500000, 1710520000, 0, '2024-03-15 09:00:00', 3, '2024-03-15 11:30:00', 2),
 (3, '2024031610000021', 'Invoice question', 7, 1, 1, NULL, NULL, 3, 3, 6, 6, 'GLOBEX', 'someone@unknown.example', 0, 1893456000, 0, 0, 0, 0, 1, '2024-03-16 12:00:00', 3, '2024-03-16 12:30:00', 3),
 (4, '2024031710000031', 'Old laptop', 5, 1, 1, NULL, NULL, 2, 2, 2, 2, 'INITECH', 'carol', 0, 0, 0, 0, 0, 0, 0, '2024-03-17 08:00:00', 2, '2024-03-18 08:00:00', 2);
INSERT INTO article (id, ticket_id, article_sender_type_id, communication_channel_id, is_visible_for_customer, create_time, create_by, change_time, change_by) VALUES
 (1, 1, 3, 1, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 2, 3, 1, 1, '2024-03-15 09:00:00', 1, '2024-03-15 09:00:00', 1),
 (3, 2, 1, 3, 0, '2024-03-15 10:00:00', 2, '2024-03-15 10:00:00', 2),
 (4, 2, 1, 1, 1, '2024-03-15 11:30:00', 2, '2024-03-15 11:30:00', 2),
 (5, 3, 3, 2, 1, '2024-03-16 12:00:00', 3, '2024-03-16 12:00:00', 3),
 (6, 4, 1, 3, 1, '2024-03-17 08:00:00', 2, '2024-03-17 08:00:00', 2);
INSERT INTO article_data_mime (id, article_id, a_from, a_reply_to, a_to, a_cc, a_bcc, a_subject, a_message_id, a_message_id_md5,
                               a_in_reply_to, a_references, a_content_type, a_body, incoming_time, content_path,
                               create_time, create_by, change_time, change_by) VALUES
 (1, 1, 'OTRS Feedback <marketing@otrs.com>', NULL, 'Your OTRS System <otrs@localhost>', NULL, NULL, 'Welcome to OTRS!', '<007@localhost>', NULL, NULL, NULL, 'text/plain; charset=utf-8', E'Welcome to OTRS!\n\nThank you.', 1436954400, NULL, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 2, 'Alice Anders <alice@acme.example>', NULL, 'support@example.com', 'boss@acme.example', NULL, 'Printer on fire', '<fire-1@acme.example>', '55f5db4bd7a0e4cc2bd7aa1b9c7c3ba3', NULL, NULL, 'text/plain; charset=utf-8', E'Our printer is on fire.\nPlease help!', 1710493200, NULL, '2024-03-15 09:00:00', 1, '2024-03-15 09:00:00', 1),
 (3, 3, 'Jane Doe <jane.doe@example.com>', NULL, NULL, NULL, NULL, 'Called the fire brigade', NULL, NULL, NULL, NULL, 'text/plain; charset=utf-8', 'Internal: fire brigade is on its way.', 0, NULL, '2024-03-15 10:00:00', 2, '2024-03-15 10:00:00', 2),
 (4, 4, 'Support <support@example.com>', NULL, 'Alice Anders <alice@acme.example>', NULL, NULL, 'RE: Printer on fire', '<reply-1@example.com>', NULL, '<fire-1@acme.example>', '<fire-1@acme.example>', 'text/plain; charset=utf-8', E'The fire is out.\n\n> Our printer is on fire.', 0, NULL, '2024-03-15 11:30:00', 2, '2024-03-15 11:30:00', 2),
 (5, 5, 'Bob Brown <bob@globex.example>', NULL, 'sales@example.com', NULL, NULL, 'Invoice 4711', NULL, NULL, NULL, NULL, 'text/plain; charset=utf-8', 'Bob called about invoice 4711.', 0, NULL, '2024-03-16 12:00:00', 3, '2024-03-16 12:00:00', 3),
 (6, 6, 'Jane Doe <jane.doe@example.com>', 'noreply@example.com', 'carol@initech.example', NULL, 'audit@example.com', repeat('Long subject ', 25), NULL, NULL, NULL, NULL, 'text/plain; charset=utf-8', 'Laptop replaced.', 0, NULL, '2024-03-17 08:00:00', 2, '2024-03-17 08:00:00', 2);
INSERT INTO article_data_mime_attachment (id, article_id, filename, content_size, content_type, content_id, content_alternative,
                                          disposition, content, create_time, create_by, change_time, change_by) VALUES
 (1, 2, 'fire.txt', '17', 'text/plain', NULL, NULL, 'attachment', 'c21va2UgYW5kIGZsYW1lcwo=', '2024-03-15 09:00:00', 1, '2024-03-15 09:00:00', 1),
 (2, 2, 'file-2', '22', 'text/html; charset="utf-8"', NULL, '1', 'inline', 'PHA+UHJpbnRlciBvbiBmaXJlPC9wPg==', '2024-03-15 09:00:00', 1, '2024-03-15 09:00:00', 1),
 (3, 4, 'bytes.bin', '120', 'application/octet-stream', '<part1@example.com>', NULL, 'attachment',
    E'AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8gISIjJCUmJygpKissLS4vMDEyMzQ1Njc4\nOTo7PD0+P0BBQkNERUZHSElKS0xNTk9QUVJTVFVWV1hZWltcXV5fYGFiY2RlZmdoaWprbG1ub3Bx\ncnN0dXZ3\n',
    '2024-03-15 11:30:00', 2, '2024-03-15 11:30:00', 2),
 (4, 999, 'orphan.txt', '4', 'text/plain', NULL, NULL, 'attachment', 'b29wcw==', '2024-03-15 11:30:00', 2, '2024-03-15 11:30:00', 2);
INSERT INTO ticket_history (id, name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id, priority_id, state_id,
                            create_time, create_by, change_time, change_by) VALUES
 (1, '%%2015071510123456%%Raw%%3 normal%%new%%1', 1, 1, NULL, 1, 2, 1, 3, 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, '%%2024031510000011%%Support::Hardware%%4 high%%open%%2', 1, 2, 2, 2, 6, 2, 4, 4, '2024-03-15 09:00:00', 3, '2024-03-15 09:00:00', 3),
 (3, '%%Called the fire brigade', 15, 2, 3, 2, 6, 2, 4, 4, '2024-03-15 10:00:00', 2, '2024-03-15 10:00:00', 2),
 (4, '%%new%%open%%', 27, 2, NULL, 2, 6, 2, 4, 4, '2024-03-15 10:05:00', 2, '2024-03-15 10:05:00', 2),
 (5, '%%msmith%%3', 23, 3, NULL, 1, 7, 3, 6, 6, '2024-03-16 12:10:00', 1, '2024-03-16 12:10:00', 1),
 (6, '%%Audit', 60, 3, NULL, 1, 7, 3, 6, 6, '2024-03-16 12:20:00', 1, '2024-03-16 12:20:00', 1),
 (7, '%%ghost', 1, 999, NULL, 1, 2, 1, 3, 1, '2024-03-16 12:20:00', 1, '2024-03-16 12:20:00', 1);
INSERT INTO dynamic_field_value (id, field_id, object_id, value_text, value_date, value_int) VALUES
 (1, 2, 2, 'C-1001', NULL, NULL),
 (2, 3, 2, 'high', NULL, NULL),
 (3, 4, 2, 'crm', NULL, NULL),
 (4, 4, 2, 'mail', NULL, NULL),
 (5, 5, 2, NULL, '2024-04-01 00:00:00', NULL),
 (6, 7, 2, NULL, NULL, 1),
 (7, 3, 3, 'low', NULL, NULL),
 (8, 6, 2, 'article level', NULL, NULL);
SELECT setval('users_id_seq', 4); SELECT setval('ticket_id_seq', 4); SELECT setval('article_id_seq', 6);
SELECT setval('article_data_mime_id_seq', 6); SELECT setval('article_data_mime_attachment_id_seq', 4);
SELECT setval('ticket_history_id_seq', 7); SELECT setval('dynamic_field_value_id_seq', 8);
-- time accounting: two entries on ticket 2 (one with its article), one on ticket 4, one on a ticket that is gone
INSERT INTO time_accounting (id, ticket_id, article_id, time_unit, create_time, create_by, change_time, change_by) VALUES
 (1, 2, 3, 1.50, '2024-03-15 10:00:00', 2, '2024-03-15 10:00:00', 2),
 (2, 2, NULL, 0.25, '2024-03-15 12:00:00', 3, '2024-03-15 12:00:00', 3),
 (3, 4, NULL, -0.50, '2024-03-18 08:00:00', 2, '2024-03-18 08:00:00', 2),
 (4, 999, NULL, 2.00, '2024-03-18 09:00:00', 2, '2024-03-18 09:00:00', 2);
SELECT setval('time_accounting_id_seq', 4);
-- watchers: jdoe and msmith on ticket 2, jdoe on ticket 3
INSERT INTO ticket_watcher (ticket_id, user_id, create_time, create_by, change_time, change_by) VALUES
 (2, 2, '2024-03-15 09:30:00', 2, '2024-03-15 09:30:00', 2),
 (2, 3, '2024-03-15 09:40:00', 3, '2024-03-15 09:40:00', 3),
 (3, 2, '2024-03-16 12:10:00', 2, '2024-03-16 12:10:00', 2);
INSERT INTO link_type (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Normal', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'ParentChild', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO link_state (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'Valid', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1),
 (2, 'Temporary', 1, '2015-07-15 10:00:00', 1, '2015-07-15 10:00:00', 1);
INSERT INTO link_object (id, name) VALUES (1, 'Ticket'), (2, 'FAQ');
-- ticket 2 is the parent of ticket 4, tickets 2 and 3 are related; a temporary link, a link to a FAQ article and
-- a link to a ticket that is gone are not ticket links GOTRS keeps
INSERT INTO link_relation (source_object_id, source_key, target_object_id, target_key, type_id, state_id, create_time, create_by) VALUES
 (1, '2', 1, '4', 2, 1, '2024-03-17 08:30:00', 2),
 (1, '3', 1, '2', 1, 1, '2024-03-16 12:20:00', 3),
 (1, '3', 1, '4', 1, 2, '2024-03-16 12:25:00', 3),
 (1, '2', 2, '7', 1, 1, '2024-03-16 12:30:00', 2),
 (1, '2', 1, '999', 1, 1, '2024-03-16 12:35:00', 2);
