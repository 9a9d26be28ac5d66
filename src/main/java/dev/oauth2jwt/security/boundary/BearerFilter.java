package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.security.control.AuditLog;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.token.control.InvalidTokenException;
import dev.oauth2jwt.token.control.TokenVerifier;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

    /** RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=". */
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9._~+/-]+=*");

    @Inject
    TokenVerifier verifier;

    @Inject
    UserStore users;

    @Inject
    AuditLog audit;

    @Inject
    ClientAddresses clientAddresses;

    @Inject
    @ConfigProperty(name = "auth.errors")
    String authErrors;

    @Context
    HttpServletRequest servletRequest;

    private boolean rfc6750;

    @PostConstruct
    void init() {
        if (!"fastapi".equals(authErrors) && !"rfc6750".equals(authErrors)) {
            throw new IllegalStateException("AUTH_ERRORS is '" + authErrors + "'; it must be fastapi or rfc6750");
        }
        rfc6750 = "rfc6750".equals(authErrors);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(challenge("Not authenticated", null));
            return;
        }
        if (!B64TOKEN.matcher(token).matches() || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            refuse(request, "invalid_request", token.isEmpty() ? "empty bearer token"
                    : token.length() > TokenVerifier.MAX_TOKEN_CHARS ? "token longer than " + TokenVerifier.MAX_TOKEN_CHARS
                    + " characters" : "token has characters a bearer token cannot have");
            return;
        }
        JwtClaims claims;
        Optional<User> user;
        try {
            claims = verifier.verify(token);
            user = users.findByUsername(claims.getSubject());
        } catch (InvalidTokenException e) {
            refuse(request, "invalid_token", e.getMessage());
            return;
        } catch (MalformedClaimException e) {
            refuse(request, "invalid_token", "invalid sub claim");   // its message quotes the claim
            return;
        }
        if (user.isEmpty()) {
            refuse(request, "invalid_token", "the subject is no user");
            return;
        }
        if (user.get().disabled()) {
            request.abortWith(ErrorResponses.of(400, "Inactive user").build());
            return;
        }
        Caller caller = new Caller(token, claims, user.get());
        request.setSecurityContext(new BearerSecurityContext(caller, request.getSecurityContext()));
    }

    private void refuse(ContainerRequestContext request, String error, String reason) {
        String client = clientAddresses.resolve(servletRequest.getRemoteAddr(), servletRequest.getHeader("X-Forwarded-For"));
        audit.tokenRefused(reason, client, request.getUriInfo().getRequestUri().getRawPath());
        request.abortWith(challenge("Could not validate credentials", error));
    }

    /** 401 with {@code WWW-Authenticate: Bearer}; in rfc6750 mode with the RFC's error code, if any. */
    private Response challenge(String detail, String error) {
        String challenge = rfc6750 && error != null ? "Bearer error=\"" + error + "\"" : "Bearer";
        return ErrorResponses.of(401, detail).header(HttpHeaders.WWW_AUTHENTICATE, challenge).build();
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
}
