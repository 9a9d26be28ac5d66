package dev.oauth2jwt.users.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.users.control.ServerBusyException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * A 503 when the password hashing capacity is exhausted, instead of an unbounded queue (the login
 * resource sends it a little later, see http.boundary.LateAnswers).
 */
@Provider
public class ServerBusyExceptionMapper implements ExceptionMapper<ServerBusyException> {

    @Override
    public Response toResponse(ServerBusyException exception) {
        return ErrorResponses.of(503, "Server busy, retry later").header(HttpHeaders.RETRY_AFTER, "1").build();
    }
}
