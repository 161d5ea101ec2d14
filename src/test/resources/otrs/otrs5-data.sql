-- An OTRS 5 help desk in miniature: article types instead of channels, the body in the article row.
INSERT INTO valid (id, name, create_time, create_by, change_time, change_by) VALUES
 (1, 'valid', '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1), (2, 'invalid', '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO users (id, login, pw, title, first_name, last_name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'root@localhost', 'roK20XGbWEsSM', NULL, 'Admin', 'OTRS', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1),
 (2, 'olduser', '$1$saltsalt$PmNFFawEFhCESWq0Ws4770', NULL, 'Olga', 'Old', 1, '2016-02-02 00:00:00', 1, '2016-02-02 00:00:00', 1);
INSERT INTO user_preferences (user_id, preferences_key, preferences_value) VALUES (2, 'UserEmail', 'olga@example.com');
INSERT INTO groups (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'users', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1), (2, 'admin', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO group_user (user_id, group_id, permission_key, permission_value, create_time, create_by, change_time, change_by) VALUES
 (2, 1, 'rw', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1), (2, 2, 'ro', 0, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO follow_up_possible (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'possible', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO queue (id, name, group_id, unlock_timeout, system_address_id, salutation_id, signature_id, follow_up_id,
                   follow_up_lock, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (2, 'Raw', 1, 0, 1, 1, 1, 1, 0, NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1),
 (9, 'Legacy', 1, 0, 1, 1, 1, 1, 0, 'from 2016', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_priority (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (3, '3 normal', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_type (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'default', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_lock_type (id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'unlock', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_state_type (id, name, comments, create_time, create_by, change_time, change_by) VALUES
 (2, 'open', NULL, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1), (3, 'closed', NULL, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_state (id, name, comments, type_id, valid_id, create_time, create_by, change_time, change_by) VALUES
 (2, 'closed successful', NULL, 3, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1),
 (4, 'open', NULL, 2, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket_history_type (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'NewTicket', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO article_sender_type (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'agent', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1), (3, 'customer', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO article_type (id, name, comments, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'email-external', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1),
 (5, 'phone', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1),
 (9, 'note-internal', NULL, 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO customer_company (customer_id, name, valid_id, create_time, create_by, change_time, change_by) VALUES
 ('OLDCO', 'Old Company', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO customer_user (id, login, email, customer_id, pw, first_name, last_name, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 'dave', 'dave@oldco.example', 'OLDCO', NULL, 'Dave', 'Dunn', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO dynamic_field (id, internal_field, name, label, field_order, field_type, object_type, config, valid_id, create_time, create_by, change_time, change_by) VALUES
 (1, 0, 'Contract', 'Contract', 1, 'Text', 'Ticket', E'---\n', 1, '2016-01-01 00:00:00', 1, '2016-01-01 00:00:00', 1);
INSERT INTO ticket (id, tn, title, queue_id, ticket_lock_id, type_id, service_id, sla_id, user_id, responsible_user_id,
                    ticket_priority_id, ticket_state_id, customer_id, customer_user_id, timeout, until_time, escalation_time,
                    escalation_update_time, escalation_response_time, escalation_solution_time, archive_flag,
                    create_time, create_by, change_time, change_by) VALUES
 (10, '2016020210000017', 'Legacy request', 9, 1, 1, NULL, NULL, 2, 1, 3, 4, 'OLDCO', 'dave', 0, 0, 0, 0, 0, 0, 0, '2016-02-02 10:00:00', 2, '2016-02-02 11:00:00', 2),
 (11, '2016020310000025', 'Closed long ago', 2, 1, 1, NULL, NULL, 1, 1, 3, 2, NULL, NULL, 0, 0, 0, 0, 0, 0, 1, '2016-02-03 10:00:00', 1, '2016-02-03 10:00:00', 1);
INSERT INTO article (id, ticket_id, article_type_id, article_sender_type_id, a_from, a_reply_to, a_to, a_cc, a_subject,
                     a_message_id, a_message_id_md5, a_in_reply_to, a_references, a_content_type, a_body, incoming_time,
                     content_path, valid_id, create_time, create_by, change_time, change_by) VALUES
 (20, 10, 1, 3, 'Dave <dave@oldco.example>', NULL, 'support@example.com', NULL, 'Legacy request', '<legacy@oldco.example>', NULL, NULL, NULL, 'text/plain; charset=iso-8859-1', 'Hello from 2016.', 1454407200, '2016/02/02', 1, '2016-02-02 10:00:00', 1, '2016-02-02 10:00:00', 1),
 (21, 10, 9, 1, 'Olga Old', NULL, NULL, NULL, 'note', NULL, NULL, NULL, NULL, 'text/plain; charset=utf-8', 'Internal remark', 0, NULL, 1, '2016-02-02 11:00:00', 2, '2016-02-02 11:00:00', 2),
 (22, 11, 5, 3, 'caller', NULL, NULL, NULL, 'Phone call', NULL, NULL, NULL, NULL, 'text/plain; charset=utf-8', 'Called in.', 0, NULL, 1, '2016-02-03 10:00:00', 1, '2016-02-03 10:00:00', 1);
INSERT INTO article_attachment (id, article_id, filename, content_size, content_type, content_id, content_alternative,
                                disposition, content, create_time, create_by, change_time, change_by) VALUES
 (30, 20, 'contract.txt', '17', 'text/plain', NULL, NULL, 'attachment', 'c21va2UgYW5kIGZsYW1lcwo=', '2016-02-02 10:00:00', 1, '2016-02-02 10:00:00', 1);
INSERT INTO ticket_history (id, name, history_type_id, ticket_id, article_id, type_id, queue_id, owner_id, priority_id, state_id,
                            create_time, create_by, change_time, change_by) VALUES
 (40, '%%2016020210000017%%Legacy%%3 normal%%open%%10', 1, 10, 20, 1, 9, 2, 3, 4, '2016-02-02 10:00:00', 2, '2016-02-02 10:00:00', 2);
INSERT INTO dynamic_field_value (id, field_id, object_id, value_text, value_date, value_int) VALUES (50, 1, 10, 'K-77', NULL, NULL);
