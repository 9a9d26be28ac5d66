package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.persistence.control.DatabaseUnavailableException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * The database is down or restarting: a quick JSON 503 the client can retry, not a 500 with a
 * stack trace. Logged at most every few seconds, since during an outage every request fails so.
 */
@Provider
public class DatabaseUnavailableExceptionMapper implements ExceptionMapper<DatabaseUnavailableException> {

    private static final Logger LOG = Logger.getLogger(DatabaseUnavailableExceptionMapper.class.getName());
    private static final long LOG_EVERY_MILLIS = 5_000;
    private static final AtomicLong lastLogged = new AtomicLong();

    @Override
    public Response toResponse(DatabaseUnavailableException exception) {
        long now = System.currentTimeMillis();
        long last = lastLogged.get();
        if (now - last >= LOG_EVERY_MILLIS && lastLogged.compareAndSet(last, now)) {
            LOG.warning(() -> "Answering 503: " + exception.getMessage());
        }
        return ErrorResponses.of(503, "Service temporarily unavailable, retry later")
                .header(HttpHeaders.RETRY_AFTER, "2")
                .build();
    }
}
