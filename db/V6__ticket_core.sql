-- =====================================================================
-- GOTRS V6: indexes for the ticket core's list, search and timeline queries
-- =====================================================================

-- Queue views page newest-first with keyset pagination: WHERE queue_id = $1 AND id < $cursor ORDER BY id DESC.
CREATE INDEX idx_ticket_queue_id_desc ON ticket (queue_id, id DESC) WHERE archive_flag = 0;
-- Open-ticket views per queue and state.
CREATE INDEX idx_ticket_queue_state_id ON ticket (queue_id, ticket_state_id, id DESC);
-- Customers list their own (company's) tickets.
CREATE INDEX idx_ticket_customer_id_desc ON ticket (customer_id, id DESC);
CREATE INDEX idx_ticket_customer_user_id_desc ON ticket (customer_user_id, id DESC);
-- Sorting by last change.
CREATE INDEX idx_ticket_change_time ON ticket (change_time DESC, id DESC);
-- A ticket's articles and history in order.
CREATE INDEX idx_article_ticket_id ON article (ticket_id, id);
CREATE INDEX idx_ticket_history_ticket_id ON ticket_history (ticket_id, id);
-- Merged tickets point at their target.
CREATE INDEX idx_ticket_merged_to ON ticket (merged_to_id) WHERE merged_to_id IS NOT NULL;
-- Custom field values by object and field.
CREATE UNIQUE INDEX idx_custom_field_values_object_field ON custom_field_values (object_id, field_id);
