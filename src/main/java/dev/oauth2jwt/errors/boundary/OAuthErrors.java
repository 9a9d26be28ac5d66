package dev.oauth2jwt.errors.boundary;

import dev.oauth2jwt.errors.entity.OAuthError;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The error answers of RFC 6749 section 5.2, never cached. */
public final class OAuthErrors {

    private OAuthErrors() {
    }

    /** The error's answer: {@code invalid_client} as {@link #invalidClient}, any other as {@link #badRequest}. */
    public static Response of(String error) {
        return "invalid_client".equals(error) ? invalidClient() : badRequest(error);
    }

    /** {@code 400 {"error": ...}}. */
    public static Response badRequest(String error) {
        return of(Response.Status.BAD_REQUEST, error).build();
    }

    /** {@code 400 {"error": ..., "error_description": ...}}: a refusal a person must read to get further. */
    public static Response described(String error, String description) {
        return Response.status(Response.Status.BAD_REQUEST)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(error, description))
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    /** {@code 401 {"error":"invalid_client"}} with the Basic challenge a client authenticates with. */
    public static Response invalidClient() {
        return of(Response.Status.UNAUTHORIZED, "invalid_client")
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"oauth2-jwt\"")
                .build();
    }

    /**
     * {@code 503 {"error":"temporarily_unavailable"}} with {@code Retry-After}: what the grant needs
     * to ask (the user directory) cannot answer now; nothing was spent.
     */
    public static Response unavailable(int retryAfterSeconds) {
        return of(Response.Status.SERVICE_UNAVAILABLE, "temporarily_unavailable")
                .header(HttpHeaders.RETRY_AFTER, retryAfterSeconds)
                .build();
    }

    private static Response.ResponseBuilder of(Response.Status status, String error) {
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(new OAuthError(error))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
