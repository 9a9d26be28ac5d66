-- Failed-login counters shared by every instance (see throttling.control.LoginThrottle).
CREATE TABLE login_failures (
    counter_key   VARCHAR(200) NOT NULL PRIMARY KEY,
    failures      INTEGER      NOT NULL,
    window_start  BIGINT       NOT NULL,
    blocked_until BIGINT       NOT NULL
);

CREATE INDEX login_failures_window_start ON login_failures (window_start);
