-- Indexes for the rows a request looks for among an account's or a browser login's history
-- (issue 26). The old single-column indexes led to every row the account or browser login ever
-- had (revoked sessions, redeemed codes, until housekeeping deletes them), so each login and each
-- code cost more the longer it had been in use: the SSO round trip spent 62 % of its time in H2
-- reading such rows. With the filtered columns in the index, only the live rows are read.

-- A login's check of the account's live sessions against LOGIN_MAX_SESSIONS_PER_USER, and the
-- account page's list: user, not revoked, recent.
-- (login_sessions_user_id stays: H2 backs the foreign key to users with it.)
CREATE INDEX login_sessions_user_live ON login_sessions (user_id, revoked_at, created_at);

-- A new code's check of the browser login's codes not yet redeemed (at most ten): browser login,
-- not used, unexpired. Its leading column serves what looked codes up by browser login before.
CREATE INDEX authorization_codes_sso_open ON authorization_codes (sso_session_id, used_at, expires_at);
DROP INDEX authorization_codes_sso_session_id;
