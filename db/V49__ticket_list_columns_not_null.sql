-- =====================================================================
-- GOTRS V49: the ticket columns lists page on hold values
--
-- Ticket lists filter, sort and page on these columns as values:
--   escalation_time  escalated=false, sort=escalation and its cursor
--   archive_flag     archived (the default list shows archive_flag = 0)
--   change_time      sort=changed and its cursor, changed ranges
--   create_time      created ranges
-- A NULL there would drop the ticket from every list, or end the pages
-- before it. The seed design leaves them nullable with defaults; OTRS
-- declares them NOT NULL, and nothing here writes a NULL. A row that
-- holds one anyway (written by hand) takes the column's default first.
-- =====================================================================
UPDATE ticket
   SET escalation_time = coalesce(escalation_time, 0),
       archive_flag = coalesce(archive_flag, 0),
       create_time = coalesce(create_time, change_time, now() AT TIME ZONE 'UTC'),
       change_time = coalesce(change_time, create_time, now() AT TIME ZONE 'UTC')
 WHERE escalation_time IS NULL OR archive_flag IS NULL OR create_time IS NULL OR change_time IS NULL;

ALTER TABLE ticket
    ALTER COLUMN escalation_time SET NOT NULL,
    ALTER COLUMN archive_flag SET NOT NULL,
    ALTER COLUMN create_time SET NOT NULL,
    ALTER COLUMN change_time SET NOT NULL;
