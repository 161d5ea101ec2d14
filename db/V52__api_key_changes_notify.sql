-- A revoked or shortened API key ends the live connections signed in with it at once: the
-- same notice as for sessions and accounts (V48), which every node's live stream hears.
CREATE TRIGGER api_keys_sign_in_changed AFTER UPDATE OF expires_at OR DELETE OR TRUNCATE ON api_keys
    FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
