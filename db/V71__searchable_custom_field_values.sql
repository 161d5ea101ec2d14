-- A ticket list's q that is the whole value of a searchable custom field finds its tickets (TicketList.IDENTIFIED):
-- the values are looked up case-insensitively through this index.
CREATE INDEX idx_custom_field_values_text_lower ON custom_field_values (lower(value_text));
