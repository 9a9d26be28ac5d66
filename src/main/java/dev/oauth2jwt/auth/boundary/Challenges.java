package dev.oauth2jwt.auth.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The answers of a refused bearer token, with their {@code WWW-Authenticate} challenge (RFC 6750 section 3). */
final class Challenges {

    private Challenges() {
    }

    /**
     * {@code {"detail": ...}} with {@code Bearer}, plus the scopes needed as FastAPI's scopes chapter,
     * plus in rfc6750 mode the RFC's error code, if any.
     */
    static Response bearer(int status, String detail, List<String> scopes, String error, boolean rfc6750) {
        StringBuilder challenge = new StringBuilder("Bearer");
        if (!scopes.isEmpty()) {
            challenge.append(" scope=\"").append(String.join(" ", scopes)).append('"');
        }
        if (rfc6750 && error != null) {
            challenge.append(scopes.isEmpty() ? " " : ", ").append("error=\"").append(error).append('"');
        }
        return ErrorResponses.of(status, detail).header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString()).build();
    }
}
