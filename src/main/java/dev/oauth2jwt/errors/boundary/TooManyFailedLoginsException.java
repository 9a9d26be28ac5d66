package dev.oauth2jwt.errors.boundary;

import jakarta.ws.rs.core.HttpHeaders;
import java.util.Map;

/** {@code 429 {"detail":"Too many failed login attempts"}} with {@code Retry-After}: the throttle's answer. */
public class TooManyFailedLoginsException extends ApiException {

    public TooManyFailedLoginsException(long retryAfterSeconds) {
        super(429, "Too many failed login attempts", Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(retryAfterSeconds)));
    }
}
