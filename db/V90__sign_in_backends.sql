-- =====================================================================
-- GOTRS V90: sign-in through LDAP directories and OpenID Connect
--
-- external_accounts  which agent or customer user a directory or an
--                    identity provider keeps: they sign in there, not
--                    with a local password, and lose their sessions
--                    and API keys once it no longer knows them
-- oidc_sign_ins      a sign-in sent to a provider and not back yet:
--                    its state, nonce and PKCE verifier, used once
-- sign_in_handoffs   a finished provider sign-in the page has not
--                    picked up yet; the page trades its code, once,
--                    for the same tokens as a password login
-- =====================================================================

CREATE TABLE external_accounts (
    source VARCHAR(210) NOT NULL,          -- 'ldap:<name>' or 'oidc:<name>'
    external_id VARCHAR(1000) NOT NULL,    -- the directory's login, the provider's subject
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    customer_user_id UUID REFERENCES customer_user(id) ON DELETE CASCADE,
    synced_at TIMESTAMP NOT NULL DEFAULT now(),
    PRIMARY KEY (source, external_id),
    CHECK ((user_id IS NULL) <> (customer_user_id IS NULL))
);
CREATE INDEX idx_external_accounts_user ON external_accounts (user_id);
CREATE INDEX idx_external_accounts_customer_user ON external_accounts (customer_user_id);

CREATE TABLE oidc_sign_ins (
    state VARCHAR(64) PRIMARY KEY,
    provider VARCHAR(200) NOT NULL,
    nonce VARCHAR(64) NOT NULL,
    code_verifier VARCHAR(128) NOT NULL,
    created_at TIMESTAMP NOT NULL DEFAULT now()
);
CREATE INDEX idx_oidc_sign_ins_created ON oidc_sign_ins (created_at);

CREATE TABLE sign_in_handoffs (
    code_hash VARCHAR(64) PRIMARY KEY,
    user_id UUID REFERENCES users(id) ON DELETE CASCADE,
    customer_user_id UUID REFERENCES customer_user(id) ON DELETE CASCADE,
    source VARCHAR(210) NOT NULL,
    expires_at TIMESTAMP NOT NULL,
    CHECK ((user_id IS NULL) <> (customer_user_id IS NULL))
);
