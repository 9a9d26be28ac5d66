package dev.oauth2jwt.security.boundary;

import dev.oauth2jwt.errors.boundary.ErrorResponses;
import dev.oauth2jwt.security.entity.Caller;
import dev.oauth2jwt.token.control.InvalidTokenException;
import dev.oauth2jwt.token.control.TokenVerifier;
import dev.oauth2jwt.token.entity.VerifiedToken;
import dev.oauth2jwt.users.entity.User;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Optional;

/**
 * The token check of one resource method, as FastAPI's {@code OAuth2PasswordBearer} +
 * {@code get_current_user} + {@code get_current_active_user} of the scopes chapter: reads the bearer
 * token, verifies it, loads the user it names, refuses it if revoked (its login session ended, or
 * issued before the account's last revocation), checks the method's scopes,
 * then that the user is active, and installs the caller. {@link BearerFeature} puts one on every
 * {@link Authenticated} method, with what that method requires worked out once, at deployment.
 */
final class BearerFilter implements ContainerRequestFilter {

    private final BearerFeature checks;
    private final List<String> required;
    private final boolean inactiveAllowed;

    BearerFilter(BearerFeature checks, List<String> required, boolean inactiveAllowed) {
        this.checks = checks;
        this.required = required;
        this.inactiveAllowed = inactiveAllowed;
    }

    @Override
    public void filter(ContainerRequestContext request) {
        long started = System.nanoTime();
        try {
            check(request);
        } finally {
            checks.metrics.tokenChecked(System.nanoTime() - started);
        }
    }

    private void check(ContainerRequestContext request) {
        String token = bearerToken(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null) {
            request.abortWith(challenge(401, "Not authenticated", List.of(), null));
            return;
        }
        if (!isB64Token(token) || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            refuse(request, "invalid_request", token.isEmpty() ? "empty bearer token"
                    : token.length() > TokenVerifier.MAX_TOKEN_CHARS ? "token longer than " + TokenVerifier.MAX_TOKEN_CHARS
                    + " characters" : "token has characters a bearer token cannot have");
            return;
        }
        VerifiedToken verified;
        try {
            verified = checks.verifier.verify(token);
        } catch (InvalidTokenException e) {
            refuse(request, "invalid_token", e.getMessage());
            return;
        }
        Optional<User> user = checks.users.findForTokenCheck(verified.subject());
        if (user.isEmpty()) {
            refuse(request, "invalid_token", "the subject is no user");
            return;
        }
        Optional<String> revocation = checks.sessions.revocation(verified, user.get());
        if (revocation.isPresent()) {
            refuse(request, "invalid_token", revocation.get());
            return;
        }
        Caller caller = new Caller(verified, user.get());
        for (String scope : required) {
            if (!caller.hasScope(scope)) {
                request.abortWith(challenge(checks.rfc6750 ? 403 : 401, "Not enough permissions", required, "insufficient_scope"));
                return;
            }
        }
        if (user.get().disabled() && !inactiveAllowed) {
            request.abortWith(ErrorResponses.of(400, "Inactive user").build());
            return;
        }
        request.setProperty(CallerProducer.ATTRIBUTE, caller);   // a request attribute, in a servlet container
        request.setSecurityContext(new BearerSecurityContext(caller, request.getSecurityContext()));
    }

    private void refuse(ContainerRequestContext request, String error, String reason) {
        checks.metrics.tokenRefused(reason);
        checks.audit.tokenRefused(reason, checks.clientAddress(request), request.getUriInfo().getRequestUri().getRawPath());
        request.abortWith(challenge(401, "Could not validate credentials", required, error));
    }

    /**
     * The answer with its {@code WWW-Authenticate} challenge: {@code Bearer}, plus the method's
     * scopes as FastAPI's scopes chapter, plus in rfc6750 mode the RFC's error code, if any.
     */
    private Response challenge(int status, String detail, List<String> scopes, String error) {
        StringBuilder challenge = new StringBuilder("Bearer");
        if (!scopes.isEmpty()) {
            challenge.append(" scope=\"").append(String.join(" ", scopes)).append('"');
        }
        if (checks.rfc6750 && error != null) {
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
