package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.security.control.AuditLog;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.token.control.InvalidTokenException;
import dev.oauth2jwt.token.control.TokenVerifier;
import dev.oauth2jwt.token.entity.VerifiedToken;
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
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The token check, as FastAPI's {@code OAuth2PasswordBearer} + {@code get_current_user} +
 * {@code get_current_active_user} of the scopes chapter: reads the bearer token, verifies it,
 * loads the user it names, refuses it if revoked, checks the resource's scopes, then that the
 * user is active, and installs the caller.
 */
@Provider
@Authenticated
@ApplicationScoped
@Priority(Priorities.AUTHENTICATION)
public class BearerFilter implements ContainerRequestFilter {

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

    @Context
    ResourceInfo resourceInfo;

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
        Method method = resourceInfo.getResourceMethod();
        List<String> required = requiredScopes(resourceInfo.getResourceClass(), method);
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(challenge(401, "Not authenticated", List.of(), null));
            return;
        }
        if (!isB64Token(token) || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            refuse(request, required, "invalid_request", token.isEmpty() ? "empty bearer token"
                    : token.length() > TokenVerifier.MAX_TOKEN_CHARS ? "token longer than " + TokenVerifier.MAX_TOKEN_CHARS
                    + " characters" : "token has characters a bearer token cannot have");
            return;
        }
        VerifiedToken verified;
        try {
            verified = verifier.verify(token);
        } catch (InvalidTokenException e) {
            refuse(request, required, "invalid_token", e.getMessage());
            return;
        }
        Optional<User> user = users.findForTokenCheck(verified.subject());
        if (user.isEmpty()) {
            refuse(request, required, "invalid_token", "the subject is no user");
            return;
        }
        if (verified.issuedAt() < user.get().tokensValidAfter()) {
            refuse(request, required, "invalid_token", "revoked: issued before the user's last password change or log out");
            return;
        }
        Caller caller = new Caller(verified, user.get());
        if (!required.stream().allMatch(caller::hasScope)) {
            request.abortWith(challenge(rfc6750 ? 403 : 401, "Not enough permissions", required, "insufficient_scope"));
            return;
        }
        if (user.get().disabled() && !inactiveAllowed(resourceInfo.getResourceClass(), method)) {
            request.abortWith(ErrorResponses.of(400, "Inactive user").build());
            return;
        }
        request.setProperty(CallerProducer.ATTRIBUTE, caller);   // a request attribute, in a servlet container
        request.setSecurityContext(new BearerSecurityContext(caller, request.getSecurityContext()));
    }

    private void refuse(ContainerRequestContext request, List<String> required, String error, String reason) {
        String client = clientAddresses.resolve(servletRequest.getRemoteAddr(), servletRequest.getHeader("X-Forwarded-For"));
        audit.tokenRefused(reason, client, request.getUriInfo().getRequestUri().getRawPath());
        request.abortWith(challenge(401, "Could not validate credentials", required, error));
    }

    /**
     * The answer with its {@code WWW-Authenticate} challenge: {@code Bearer}, plus the resource's
     * scopes as FastAPI's scopes chapter, plus in rfc6750 mode the RFC's error code, if any.
     */
    private Response challenge(int status, String detail, List<String> scopes, String error) {
        StringBuilder challenge = new StringBuilder("Bearer");
        if (!scopes.isEmpty()) {
            challenge.append(" scope=\"").append(String.join(" ", scopes)).append('"');
        }
        if (rfc6750 && error != null) {
            challenge.append(scopes.isEmpty() ? " " : ", ").append("error=\"").append(error).append('"');
        }
        return ErrorResponses.of(status, detail).header(HttpHeaders.WWW_AUTHENTICATE, challenge.toString()).build();
    }

    /**
     * RFC 6750 section 2.1: b64token = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"=".
     * A plain loop: a regular expression over every token of every request cost a third of the check.
     */
    static boolean isB64Token(String token) {
        int length = token.length();
        int end = length;
        while (end > 0 && token.charAt(end - 1) == '=') {
            end--;
        }
        if (end == 0) {
            return false;
        }
        for (int i = 0; i < end; i++) {
            char c = token.charAt(i);
            boolean allowed = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    static List<String> requiredScopes(Class<?> resource, Method method) {
        RequiresScopes scopes = method == null ? null : method.getAnnotation(RequiresScopes.class);
        if (scopes == null && resource != null) {
            scopes = resource.getAnnotation(RequiresScopes.class);
        }
        return scopes == null ? List.of() : List.of(scopes.value());
    }

    static boolean inactiveAllowed(Class<?> resource, Method method) {
        return (method != null && method.isAnnotationPresent(InactiveUsersAllowed.class))
                || (resource != null && resource.isAnnotationPresent(InactiveUsersAllowed.class));
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
