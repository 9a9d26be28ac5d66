-- Single logout (issue 25): OpenID Connect Back-Channel and Front-Channel Logout 1.0.
--
-- A client may register where it is told of a logout: a back-channel URI, which the server POSTs a
-- signed logout token to, and a front-channel URI, which the logout page loads in a hidden frame.
-- The *_session_required flags are what the client asked for (false unless it says); the server
-- always sends sid, so either way it gets what it needs.
ALTER TABLE clients ADD COLUMN backchannel_logout_uri VARCHAR(2048);
ALTER TABLE clients ADD COLUMN backchannel_logout_session_required BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE clients ADD COLUMN frontchannel_logout_uri VARCHAR(2048);
ALTER TABLE clients ADD COLUMN frontchannel_logout_session_required BOOLEAN DEFAULT FALSE NOT NULL;

-- A logout an application is to be told by the back channel: written in the transaction that ends
-- the browser login (or the account's sessions), so a crash or an outage loses none. Any instance
-- delivers it: one claims a row for the time of an attempt (claimed_by, claimed_until), and a row
-- whose claim has run out (its instance stopped) is anyone's again. A failed attempt is retried at
-- next_attempt_at, with backoff, until delivered or given up (finished_at, outcome). Not tied to the
-- account by a foreign key: deleting an account must still tell its applications.
CREATE TABLE logout_deliveries (
    id              VARCHAR(36)  NOT NULL PRIMARY KEY,
    client_id       VARCHAR(64)  NOT NULL,
    subject         VARCHAR(64)  NOT NULL,
    sid             VARCHAR(64)  NOT NULL,
    created_at      BIGINT       NOT NULL,
    attempts        INT          DEFAULT 0 NOT NULL,
    next_attempt_at BIGINT       NOT NULL,
    claimed_by      VARCHAR(36),
    claimed_until   BIGINT,
    last_error      VARCHAR(256),
    finished_at     BIGINT,
    outcome         VARCHAR(16)
);

CREATE INDEX logout_deliveries_due ON logout_deliveries (finished_at, next_attempt_at);
CREATE INDEX logout_deliveries_sid ON logout_deliveries (sid, client_id);
