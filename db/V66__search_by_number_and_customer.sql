-- =====================================================================
-- GOTRS V66: a search finds tickets by number and by customer
--
-- A ticket list's q that is a ticket number, whole or its last digits,
-- finds the ticket (reverse(tn) LIKE reverse(q) || '%': a prefix match
-- on the reversed number, which this index serves), and one naming a
-- customer user by login, e-mail or "first last" finds their tickets
-- (idx_ticket_customer_user_id_desc serves the tickets once the
-- customer user is found by these).
-- =====================================================================

CREATE INDEX idx_ticket_tn_reversed ON ticket (reverse(tn) text_pattern_ops);
CREATE INDEX idx_customer_user_login_lower ON customer_user (lower(login));
CREATE INDEX idx_customer_user_name_lower ON customer_user (lower(coalesce(first_name, '') || ' ' || coalesce(last_name, '')));
