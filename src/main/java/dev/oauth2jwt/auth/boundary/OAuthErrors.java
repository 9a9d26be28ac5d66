package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.auth.entity.OAuthError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error answers of RFC 6749 section 5.2, never cached. */
final class OAuthErrors {

    private OAuthErrors() {
    }

    /** {@code 400 {"error": ...}}. */
    static Response badRequest(String error) {
        return of(Response.Status.BAD_REQUEST, error).build();
    }

    /** {@code 401 {"error":"invalid_client"}} with the Basic challenge a client authenticates with. */
    static Response invalidClient() {
        return of(Response.Status.UNAUTHORIZED, "invalid_client")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2-jwt\"")
                .build();
    }

    private static Response.ResponseBuilder of(Response.Status status, String error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(error))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
