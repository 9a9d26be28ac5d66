package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.token.control.InvalidTokenException;
import dev.oauth2jwt.token.control.TokenVerifier;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.logging.Logger;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;

/**
 * The token check, as the seed's {@code OAuth2PasswordBearer} + {@code get_current_active_user}:
 * reads the bearer token, verifies it, loads the user it names and installs it as the caller.
 */
@Provider
@Authenticated
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {

    private static final Logger LOG = Logger.getLogger(BearerFilter.class.getName());

    @Inject
    TokenVerifier verifier;

    @Inject
    UserStore users;

    @Override
    public void filter(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(challenge("Not authenticated"));
            return;
        }
        JwtClaims claims;
        Optional<User> user;
        try {
            claims = verifier.verify(token);
            user = users.findByUsername(claims.getSubject());
        } catch (InvalidTokenException | MalformedClaimException e) {
            LOG.fine(() -> "Refused a bearer token: " + e.getMessage());
            request.abortWith(challenge("Could not validate credentials"));
            return;
        }
        if (user.isEmpty()) {
            LOG.fine("Refused a bearer token: its subject is no user");
            request.abortWith(challenge("Could not validate credentials"));
            return;
        }
        if (user.get().disabled()) {
            request.abortWith(ErrorResponses.of(400, "Inactive user").build());
            return;
        }
        Caller caller = new Caller(token, claims, user.get());
        request.setSecurityContext(new BearerSecurityContext(caller, request.getSecurityContext()));
    }

    /**
     * The token of an {@code Authorization: Bearer <token>} header (scheme in any case), or null when
     * the header is missing, empty or of another scheme. As FastAPI, everything after the first
     * space is the token, even when empty.
     */
    static String bearerToken(String authorization) {
        if (authorization == null || authorization.isEmpty()) {
            return null;
        }
        int space = authorization.indexOf(' ');
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!"bearer".equalsIgnoreCase(scheme)) {
            return null;
        }
        return space < 0 ? "" : authorization.substring(space + 1);
    }

    private static Response challenge(String detail) {
        return ErrorResponses.of(401, detail).header(HttpHeaders.WWW_AUTHENTICATE, "Bearer").build();
    }
}
