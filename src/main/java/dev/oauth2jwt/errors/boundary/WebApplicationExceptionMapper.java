package dev.oauth2jwt.errors.boundary;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/**
 * The runtime's own errors (404 for an unknown path, 405, 415...) answered as
 * {@code {"detail":"<reason phrase>"}}, like FastAPI; answers that already carry a body pass through.
 */
@Provider
public class WebApplicationExceptionMapper implements ExceptionMapper<WebApplicationException> {

    @Context
    UriInfo request;

    @Override
    public Response toResponse(WebApplicationException exception) {
        Response original = exception.getResponse();
        if (original.hasEntity()) {
            return original;
        }
        int status = original.getStatus();
        Response.ResponseBuilder answer = ErrorResponses.of(status, ErrorResponses.reasonPhrase(status));
        copyHeaders(original.getHeaders(), answer);
        if (status == 405) {
            answer.header(HttpHeaders.ALLOW, null)
                    .header(HttpHeaders.ALLOW, ErrorResponses.allowHeader(DeclaredMethods.of(request.getPath())));
        }
        return answer.build();
    }

    private static void copyHeaders(MultivaluedMap<String, Object> headers, Response.ResponseBuilder answer) {
        headers.forEach((name, values) -> {
            if (!HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name) && !HttpHeaders.CONTENT_LENGTH.equalsIgnoreCase(name)) {
                values.forEach(value -> answer.header(name, value));
            }
        });
    }
}
