package dev.oauth2jwt.bearer.boundary;

import dev.oauth2jwt.bearer.control.BearerCheck.Outcome;
import dev.oauth2jwt.errors.boundary.ErrorResponses;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A refused bearer token in HTTP, the same for the API's resources and for {@code /auth/verify}:
 * FastAPI's statuses and {@code {"detail": ...}} bodies with a {@code WWW-Authenticate} challenge
 * (RFC 6750 section 3). {@code AUTH_ERRORS=rfc6750} adds the RFC's error codes and answers a
 * missing scope 403. A reverse proxy understands only 401 and 403, so {@code /auth/verify} answers
 * 403 where the API answers otherwise.
 */
@ApplicationScoped
public class BearerAnswers {

    /** Who reads the answer. */
    enum Reader { API, PROXY }

    @Inject
    @ConfigProperty(name = "auth.errors")
    String authErrors;

    private boolean rfc6750;

    void checkAtStartup(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // observing start-up instantiates the bean, so a wrong AUTH_ERRORS stops the deployment
    }

    @PostConstruct
    void readMode() {
        if (!"fastapi".equals(authErrors) && !"rfc6750".equals(authErrors)) {
            throw new IllegalStateException("AUTH_ERRORS is '" + authErrors + "'; it must be fastapi or rfc6750");
        }
        rfc6750 = "rfc6750".equals(authErrors);
    }

    /** The answer to a check that admitted nobody; {@code scopes}: what the resource needs. */
    Response refusal(Outcome outcome, List<String> scopes, Reader reader) {
        if (outcome instanceof Outcome.NotAuthenticated) {
            return challenge(401, "Not authenticated", List.of(), null);
        }
        if (outcome instanceof Outcome.Refused refused) {
            return challenge(401, "Could not validate credentials", scopes, refused.malformed() ? "invalid_request" : "invalid_token");
        }
        if (outcome instanceof Outcome.MissingScope) {
            return challenge(rfc6750 || reader == Reader.PROXY ? 403 : 401, "Not enough permissions", scopes, "insufficient_scope");
        }
        if (outcome instanceof Outcome.InactiveUser) {
            return ErrorResponses.of(reader == Reader.PROXY ? 403 : 400, "Inactive user").build();
        }
        throw new IllegalArgumentException("not a refusal: " + outcome);
    }

    /**
     * {@code {"detail": ...}} with {@code Bearer}, plus the scopes needed as FastAPI's scopes chapter,
     * plus in rfc6750 mode the RFC's error code, if any.
     */
    Response challenge(int status, String detail, List<String> scopes, String error) {
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
