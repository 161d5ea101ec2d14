-- =====================================================================
-- GOTRS V100: events are ordered after commit, not by a lock held to commit
--
-- Until now every writer took pg_advisory_xact_lock(7400501) and drew seq while
-- holding it until commit, so that seq order was commit order; all writes in the
-- cluster committed one at a time. Now a writer inserts its event with seq NULL
-- and the id of its transaction (xid), without any lock. One sequencer per
-- cluster (the EventRelay of the node holding the session advisory lock 7400502)
-- stamps seq = nextval('event_seq') in (xid, id) order on the rows whose xid is
-- below pg_snapshot_xmin(pg_current_snapshot()): every transaction below that
-- has ended, so no row can still appear in front of the ones stamped. Stamping
-- transactions take the old lock 7400501 themselves, so they run one at a time
-- and seq order stays the order in which rows become visible with their seq;
-- writers still configured with events.ordering=locked keep working beside them.
--
-- id identifies an event from the moment it is written (a chat joins its stream
-- by it); seq is its place in the one cluster-wide order, once stamped.
-- =====================================================================

CREATE SEQUENCE event_id_seq;
ALTER TABLE event_log ADD COLUMN id BIGINT, ADD COLUMN xid xid8;
UPDATE event_log SET id = seq;
SELECT setval('event_id_seq', greatest(coalesce((SELECT max(id) FROM event_log), 0), 1));
ALTER SEQUENCE event_id_seq OWNED BY event_log.id;
ALTER TABLE event_log ALTER COLUMN id SET DEFAULT nextval('event_id_seq'), ALTER COLUMN id SET NOT NULL;

ALTER TABLE event_log DROP CONSTRAINT event_log_pkey;
ALTER TABLE event_log ADD PRIMARY KEY (id);
ALTER TABLE event_log ALTER COLUMN seq DROP NOT NULL;
CREATE UNIQUE INDEX idx_event_log_seq ON event_log (seq);

-- what the sequencer looks for: the few rows not stamped yet, in the order it stamps them
CREATE INDEX idx_event_log_unstamped ON event_log (xid, id) WHERE seq IS NULL;
