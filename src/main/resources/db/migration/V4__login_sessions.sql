-- Account lifecycle (issue 11).
--
-- A security stamp per account, replaced at every revocation (password change, disabling, log out
-- everywhere). A login session records the stamp its login read; when the account's stamp has
-- changed since, every token of the session is refused, however close in time the two were.
ALTER TABLE users ADD COLUMN security_stamp VARCHAR(32) DEFAULT 'initial' NOT NULL;

-- One row per login: its refresh tokens (the family) and the access tokens naming it in "sid".
CREATE TABLE login_sessions (
    id             VARCHAR(36) NOT NULL PRIMARY KEY,
    user_id        BIGINT      NOT NULL,
    security_stamp VARCHAR(32) NOT NULL,
    created_at     BIGINT      NOT NULL,
    revoked_at     BIGINT,
    CONSTRAINT login_sessions_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX login_sessions_user_id ON login_sessions (user_id);

-- Existing refresh-token families become sessions: revoked if any of their tokens was, or if their
-- newest token is older than the account's last revocation.
INSERT INTO login_sessions (id, user_id, security_stamp, created_at, revoked_at)
SELECT t.family_id, t.user_id, 'initial', MIN(t.issued_at),
       CASE WHEN MAX(t.revoked_at) IS NOT NULL OR MAX(t.issued_at) < MAX(u.tokens_valid_after) * 1000
            THEN MAX(t.issued_at) END
FROM refresh_tokens t JOIN users u ON u.id = t.user_id
GROUP BY t.family_id, t.user_id;

-- A session's revocation now stands for all its refresh tokens.
ALTER TABLE refresh_tokens DROP COLUMN revoked_at;
ALTER TABLE refresh_tokens ADD CONSTRAINT refresh_tokens_session
    FOREIGN KEY (family_id) REFERENCES login_sessions (id) ON DELETE CASCADE;

-- Every username this database has had. USERS_IMPORT_FILE creates an account only for a name that
-- is not here, so an import never brings back an account an administrator deleted.
CREATE TABLE known_usernames (
    username   VARCHAR(64) NOT NULL PRIMARY KEY,
    first_seen BIGINT      NOT NULL
);

INSERT INTO known_usernames (username, first_seen) SELECT username, 0 FROM users;
