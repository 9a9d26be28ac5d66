-- A second factor (issue 24): authenticator-app codes (TOTP, RFC 6238), passkeys (WebAuthn) and
-- recovery codes.
--
-- One row per factor a person enrolled. A TOTP factor holds its shared secret (base32), counts as
-- a factor only once a code from the app confirmed it (confirmed_at), and remembers the last time
-- step it accepted: a code is accepted once. A passkey holds its credential id (base64url), its
-- attested credential data (the public key, base64) and the authenticator's signature counter.
-- Removing the account removes its factors.
CREATE TABLE second_factors (
    id           VARCHAR(36)  NOT NULL PRIMARY KEY,
    user_id      BIGINT       NOT NULL,
    kind         VARCHAR(16)  NOT NULL,
    name         VARCHAR(64)  NOT NULL,
    secret       VARCHAR(128),
    last_step    BIGINT,
    created_at   BIGINT       NOT NULL,
    confirmed_at BIGINT,
    last_used_at BIGINT,
    credential_id   VARCHAR(1400),
    credential_data VARCHAR(4096),
    sign_count      BIGINT,
    uv_initialized  BOOLEAN,
    backup_eligible BOOLEAN,
    backup_state    BOOLEAN,
    transports      VARCHAR(128),
    CONSTRAINT second_factors_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX second_factors_user_id ON second_factors (user_id);
CREATE UNIQUE INDEX second_factors_credential_id ON second_factors (credential_id);

-- WebAuthn challenges, single use and short lived: for a passkey's registration (of an account),
-- a second step (of an account) or a passwordless login (of nobody yet).
CREATE TABLE webauthn_challenges (
    challenge  VARCHAR(64) NOT NULL PRIMARY KEY,
    purpose    VARCHAR(16) NOT NULL,
    user_id    BIGINT,
    expires_at BIGINT      NOT NULL,
    CONSTRAINT webauthn_challenges_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- Ten single-use recovery codes per person, shown once, kept as their SHA-256 (80 random bits
-- each: no dictionary or brute force reaches them). used_at marks a spent one.
CREATE TABLE recovery_codes (
    code_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    user_id    BIGINT      NOT NULL,
    created_at BIGINT      NOT NULL,
    used_at    BIGINT,
    CONSTRAINT recovery_codes_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX recovery_codes_user_id ON recovery_codes (user_id);

-- A login page's password step done, its second step not yet: the browser holds a random value in
-- the form, known here as its SHA-256. It names the account and its security stamp as the password
-- step read them, lasts a few minutes and takes a bounded number of wrong codes. enrol_secret: the
-- authenticator-app secret offered to a person who must enrol before the login completes.
CREATE TABLE pending_logins (
    token_hash     VARCHAR(64)  NOT NULL PRIMARY KEY,
    user_id        BIGINT       NOT NULL,
    security_stamp VARCHAR(32)  NOT NULL,
    username       VARCHAR(64)  NOT NULL,
    created_at     BIGINT       NOT NULL,
    expires_at     BIGINT       NOT NULL,
    failures       INTEGER      DEFAULT 0 NOT NULL,
    enrol_secret   VARCHAR(128),
    CONSTRAINT pending_logins_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

-- How a browser login was proven (RFC 8176 amr values, space separated: "pwd", "pwd otp"), and
-- where it came from, for the account page's list of sessions. A code and the login session it
-- starts carry the amr on, for the ID tokens of the login and of its refreshes.
ALTER TABLE sso_sessions ADD COLUMN amr VARCHAR(64) DEFAULT 'pwd' NOT NULL;
ALTER TABLE sso_sessions ADD COLUMN address VARCHAR(64);
ALTER TABLE sso_sessions ADD COLUMN user_agent VARCHAR(256);
ALTER TABLE authorization_codes ADD COLUMN amr VARCHAR(64) DEFAULT 'pwd' NOT NULL;
ALTER TABLE login_sessions ADD COLUMN amr VARCHAR(64);
ALTER TABLE login_sessions ADD COLUMN address VARCHAR(64);

-- A client may require a second factor of everyone who logs in to it.
ALTER TABLE clients ADD COLUMN require_mfa BOOLEAN DEFAULT FALSE NOT NULL;
