-- =====================================================================
-- GOTRS V108: sign-in backends administrators add in the admin UI
--
-- sign_in_backend  an LDAP directory or OpenID Connect provider kept
--                  in the database beside those of the configuration
--                  file (which win and cannot be changed here); its
--                  secrets (bind and trust store passwords, client
--                  secret) only sealed with AES-GCM, never in clear
-- =====================================================================

CREATE TABLE sign_in_backend (
    kind VARCHAR(4) NOT NULL CHECK (kind IN ('ldap', 'oidc')),
    name VARCHAR(60) NOT NULL,
    settings JSONB NOT NULL,               -- the entry of auth.ldap / auth.oidc without its secrets
    sealed_secrets TEXT,                   -- {"bind_password": ...} as JSON, sealed (auth.SecretBox)
    create_time TIMESTAMP NOT NULL DEFAULT now(),
    change_by UUID REFERENCES users(id) ON DELETE SET NULL,
    change_time TIMESTAMP NOT NULL DEFAULT now(),
    PRIMARY KEY (kind, name)
);
