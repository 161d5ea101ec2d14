-- Settings of conf/gotrs.json that administrators change while the server runs (see RuntimeSettings.SAFE).
-- A row overrides the default; a value in the --conf file or the environment overrides the row.
CREATE TABLE runtime_setting (
    key         varchar(200) PRIMARY KEY,
    value       jsonb NOT NULL,
    change_by   uuid REFERENCES users (id) ON DELETE SET NULL,
    change_time timestamp NOT NULL DEFAULT (now() AT TIME ZONE 'UTC')
);
