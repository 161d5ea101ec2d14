-- =====================================================================
-- GOTRS V48: a change to who may sign in is announced
--
-- Every API request signed with an access token asked the database
-- whether its session is still open, its account still valid, and
-- whether the account is an administrator: a round trip before the
-- request's own work (for a 50-ticket queue page, one of its two). Each
-- node now keeps the answers it got for a while (auth.SessionCache) and
-- forgets them all on NOTIFY gotrs_sign_in, which these statement
-- triggers send whenever an answer could change:
--   sessions             ended (logout, reuse of a refresh token, a new
--                        password, an invalidated account, retention)
--   users, customer_user valid_id or login changed, or a row deleted
--   customer_user        customer_id changed (a customer's tickets)
--   user_permitted_groups an agent's grants changed (is_admin, V46)
--   groups               renamed (is_admin looks for the group 'admin')
-- Renewing a session (refresh) only moves its expiry later; nodes keep
-- an answer no longer than the expiry they read, so that needs no notice.
-- NOTIFY folds identical notifications of one transaction into one.
-- =====================================================================

CREATE FUNCTION notify_sign_in_changed() RETURNS TRIGGER
LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('gotrs_sign_in', '');
    RETURN NULL;
END
$$;

CREATE TRIGGER sessions_sign_in_changed AFTER DELETE OR TRUNCATE ON sessions
    FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
CREATE TRIGGER users_sign_in_changed AFTER UPDATE OF valid_id, login OR DELETE ON users
    FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
CREATE TRIGGER customer_user_sign_in_changed AFTER UPDATE OF valid_id, login, customer_id OR DELETE ON customer_user
    FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
CREATE TRIGGER user_permitted_groups_sign_in_changed AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE
    ON user_permitted_groups FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
CREATE TRIGGER groups_sign_in_changed AFTER UPDATE OF name ON groups
    FOR EACH STATEMENT EXECUTE FUNCTION notify_sign_in_changed();
