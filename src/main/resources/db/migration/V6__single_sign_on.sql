-- Single sign-on for browser apps (issue 15): the authorization code flow with PKCE and OpenID Connect.
--
-- Clients gain what a browser app registers: where codes and logouts may be sent (exact URIs,
-- space separated), whether it keeps a secret (confidential) or cannot (public: a SPA, no secret),
-- and whether it must use PKCE (always for public clients; a confidential OpenID client whose
-- library cannot, such as Jakarta Security's, may be registered without and is held to its nonce).
ALTER TABLE clients ADD COLUMN client_type VARCHAR(16) DEFAULT 'confidential' NOT NULL;
ALTER TABLE clients ADD COLUMN redirect_uris VARCHAR(4096) DEFAULT '' NOT NULL;
ALTER TABLE clients ADD COLUMN post_logout_redirect_uris VARCHAR(4096) DEFAULT '' NOT NULL;
ALTER TABLE clients ADD COLUMN require_pkce BOOLEAN DEFAULT TRUE NOT NULL;
ALTER TABLE clients ALTER COLUMN secret_hash DROP NOT NULL;

-- One browser login (the SSO session): its cookie holds a random value, known here only as its
-- SHA-256. It ends at expires_at (SSO_SESSION_HOURS after the login), at logout (ended_at), or when
-- the account's security stamp changes (password change, disabling, log out everywhere).
CREATE TABLE sso_sessions (
    id             VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id        BIGINT      NOT NULL,
    security_stamp VARCHAR(32) NOT NULL,
    auth_time      BIGINT      NOT NULL,
    expires_at     BIGINT      NOT NULL,
    ended_at       BIGINT,
    CONSTRAINT sso_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX sso_sessions_user_id ON sso_sessions (user_id);

-- Authorization codes, known as their SHA-256, single use and short lived. A code remembers what
-- it was issued for (client, redirect URI, PKCE challenge, nonce, scopes, the account's stamp) and,
-- once redeemed, the login session it started: a replay revokes that session.
CREATE TABLE authorization_codes (
    code_hash        VARCHAR(64)   NOT NULL PRIMARY KEY,
    client_id        VARCHAR(64)   NOT NULL,
    redirect_uri     VARCHAR(2048) NOT NULL,
    user_id          BIGINT        NOT NULL,
    security_stamp   VARCHAR(32)   NOT NULL,
    sso_session_id   VARCHAR(64)   NOT NULL,
    scope            VARCHAR(1024) NOT NULL,
    nonce            VARCHAR(512),
    code_challenge   VARCHAR(128),
    auth_time        BIGINT        NOT NULL,
    created_at       BIGINT        NOT NULL,
    expires_at       BIGINT        NOT NULL,
    used_at          BIGINT,
    login_session_id VARCHAR(36),
    CONSTRAINT authorization_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- A login session started by a code belongs to its client and to the browser login it came from:
-- logging out of that ends it, and only that client may refresh it.
ALTER TABLE login_sessions ADD COLUMN sso_session_id VARCHAR(64);
ALTER TABLE login_sessions ADD COLUMN client_id VARCHAR(64);

CREATE INDEX login_sessions_sso_session_id ON login_sessions (sso_session_id);
