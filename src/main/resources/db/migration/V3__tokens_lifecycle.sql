-- Revocation: tokens whose iat (epoch seconds) is before this are refused.
ALTER TABLE users ADD COLUMN tokens_valid_after BIGINT DEFAULT 0 NOT NULL;

-- Refresh tokens: only a SHA-256 of each is stored. A family is one login's chain of rotations.
CREATE SEQUENCE refresh_tokens_id_seq START WITH 1 INCREMENT BY 1;

CREATE TABLE refresh_tokens (
    id          BIGINT        NOT NULL PRIMARY KEY,
    token_hash  VARCHAR(64)   NOT NULL,
    family_id   VARCHAR(36)   NOT NULL,
    user_id     BIGINT        NOT NULL,
    scope       VARCHAR(1024) NOT NULL,
    issued_at   BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    used_at     BIGINT,
    revoked_at  BIGINT,
    CONSTRAINT refresh_tokens_hash_unique UNIQUE (token_hash),
    CONSTRAINT refresh_tokens_user FOREIGN KEY (user_id) REFERENCES users (id) ON DELETE CASCADE
);

CREATE INDEX refresh_tokens_family ON refresh_tokens (family_id);
CREATE INDEX refresh_tokens_user_id ON refresh_tokens (user_id);
