-- =====================================================================
-- GOTRS V51: a key made with another key goes when that key goes
--
-- An API key could create API keys. Revoking the key that made them left
-- them working: a credential that outlived its own revocation. Keys are
-- now made only from a signed-in session (apikey.ApiKeyService), so no
-- new row ever sets created_by_key_id; it records the keys already made
-- that way, found in the audit trail (api_key.create names the new key as
-- its object and the key used in its metadata), so that revoking the
-- parent revokes them too (ON DELETE CASCADE, and in turn their own).
-- A key whose parent is already revoked is revoked now, with its own.
-- =====================================================================
ALTER TABLE api_keys ADD COLUMN created_by_key_id UUID;

UPDATE api_keys k
   SET created_by_key_id = (a.metadata ->> 'api_key_id')::uuid
  FROM audit_log a
 WHERE a.object_type = 'api_key'
   AND a.object_id = k.id::text
   AND a.action = 'api_key.create'
   AND a.result = 'success'
   AND a.metadata ->> 'api_key_id' ~ '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

WITH RECURSIVE orphaned AS (
    SELECT k.id FROM api_keys k
     WHERE k.created_by_key_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM api_keys parent WHERE parent.id = k.created_by_key_id)
    UNION
    SELECT k.id FROM api_keys k JOIN orphaned o ON k.created_by_key_id = o.id
)
DELETE FROM api_keys WHERE id IN (SELECT id FROM orphaned);

ALTER TABLE api_keys ADD CONSTRAINT api_keys_created_by_key_fk
    FOREIGN KEY (created_by_key_id) REFERENCES api_keys (id) ON DELETE CASCADE;
CREATE INDEX idx_api_keys_created_by_key ON api_keys (created_by_key_id) WHERE created_by_key_id IS NOT NULL;
