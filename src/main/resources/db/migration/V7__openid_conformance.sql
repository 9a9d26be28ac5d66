-- OpenID Connect as a certification run sends it, and the holes a review found (issue 21).
--
-- A subject identifier per account (OpenID Connect Core 2 and 5.7: sub is never reassigned): the
-- sub of ID tokens, userinfo and introspection, made when the account is created. V8 gives the
-- existing accounts one, then makes it required and unique.
ALTER TABLE users ADD COLUMN subject VARCHAR(36);
-- OpenID Connect Core 5.1: whether the address was verified (false when nobody said so), and when
-- the profile last changed (epoch seconds; V8 sets it for existing accounts).
ALTER TABLE users ADD COLUMN email_verified BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE users ADD COLUMN updated_at BIGINT DEFAULT 0 NOT NULL;

-- A browser login keeps its id while its cookie changes at every login on that browser: the cookie
-- is known as cookie_hash. Until now the id was the cookie's SHA-256, so both start equal.
ALTER TABLE sso_sessions ADD COLUMN cookie_hash VARCHAR(64);
UPDATE sso_sessions SET cookie_hash = id;
ALTER TABLE sso_sessions ALTER COLUMN cookie_hash SET NOT NULL;
CREATE UNIQUE INDEX sso_sessions_cookie_hash ON sso_sessions (cookie_hash);

-- The claims request parameter (OpenID Connect Core 5.5): the claims asked for in the ID token and
-- at userinfo, kept with the code and then with the login session it starts, as space-separated names.
ALTER TABLE authorization_codes ADD COLUMN id_token_claims VARCHAR(512);
ALTER TABLE authorization_codes ADD COLUMN userinfo_claims VARCHAR(512);
-- a browser login's codes end with it (logout, another user's login on that browser)
CREATE INDEX authorization_codes_sso_session_id ON authorization_codes (sso_session_id);

-- A code's login session keeps the browser login's auth_time, for the ID tokens of its refreshes,
-- and the claims its client asked for at userinfo.
ALTER TABLE login_sessions ADD COLUMN auth_time BIGINT;
ALTER TABLE login_sessions ADD COLUMN userinfo_claims VARCHAR(512);
