-- =====================================================================
-- GOTRS V50: the queues customers may choose
--
-- A customer opening a ticket (portal, API, GenericInterface) may name
-- a queue only among those marked here; GET /api/v1/portal/queues lists
-- the valid ones. None is offered until an administrator marks it, so
-- an upgrade opens no queue to customers by itself.
-- =====================================================================
ALTER TABLE queue ADD COLUMN customer_selectable boolean NOT NULL DEFAULT false;
