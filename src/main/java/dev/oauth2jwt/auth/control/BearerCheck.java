package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.auth.entity.Caller;
import dev.oauth2jwt.auth.entity.VerifiedToken;
import dev.oauth2jwt.http.control.ClientAddresses;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;

/**
 * The token check, as FastAPI's {@code OAuth2PasswordBearer} + {@code get_current_user} +
 * {@code get_current_active_user} of the scopes chapter: turns an {@code Authorization} header
 * into an admitted caller or the reason it is not one. Reads the bearer token, verifies it, loads
 * the user it names, refuses it if revoked (its login session ended, or issued before the
 * account's last revocation), checks the scopes the resource needs, then that the user is active.
 * Refusals are counted and audited here; the bearer filter only translates the outcome to HTTP.
 */
@ApplicationScoped
public class BearerCheck {

    /** What a resource needs: all of these scopes, and an active user unless {@code inactiveAllowed}. */
    public record Requirement(List<String> scopes, boolean inactiveAllowed) {
    }

    /** How the check ended. */
    public sealed interface Outcome {
        record Admitted(Caller caller) implements Outcome {
        }

        /** No bearer token at all. */
        record NotAuthenticated() implements Outcome {
        }

        /** A token that cannot be accepted: {@code malformed} when it is not even a well-formed bearer token. */
        record Refused(boolean malformed) implements Outcome {
        }

        record MissingScope() implements Outcome {
        }

        record InactiveUser() implements Outcome {
        }
    }

    @Inject
    RememberedTokens tokens;

    @Inject
    UserStore users;

    @Inject
    LoginSessions sessions;

    @Inject
    CurrentCaller currentCaller;

    @Inject
    AuditLog audit;

    @Inject
    Metrics metrics;

    @Inject
    ClientAddresses clientAddresses;

    /** The current request, for the client's address when a token is refused. */
    @Inject
    HttpServletRequest request;

    public Outcome check(String authorization, Requirement requirement) {
        long started = System.nanoTime();
        try {
            return decide(authorization, requirement);
        } finally {
            metrics.tokenChecked(System.nanoTime() - started);
        }
    }

    private Outcome decide(String authorization, Requirement requirement) {
        String token = bearerToken(authorization);
        if (token == null) {
            return new Outcome.NotAuthenticated();
        }
        if (!isB64Token(token) || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            return refuse(true, token.isEmpty() ? "empty bearer token"
                    : token.length() > TokenVerifier.MAX_TOKEN_CHARS ? "token longer than " + TokenVerifier.MAX_TOKEN_CHARS
                    + " characters" : "token has characters a bearer token cannot have");
        }
        VerifiedToken verified;
        try {
            verified = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return refuse(false, e.getMessage());
        }
        Optional<User> user = users.findForTokenCheck(verified.subject());
        if (user.isEmpty()) {
            return refuse(false, "the subject is no user");
        }
        Optional<String> revocation = sessions.revocation(verified, user.get());
        if (revocation.isPresent()) {
            return refuse(false, revocation.get());
        }
        Caller caller = new Caller(verified, user.get());
        for (String scope : requirement.scopes()) {
            if (!caller.hasScope(scope)) {
                return new Outcome.MissingScope();
            }
        }
        if (user.get().disabled() && !requirement.inactiveAllowed()) {
            return new Outcome.InactiveUser();
        }
        currentCaller.admit(caller);
        return new Outcome.Admitted(caller);
    }

    private Outcome refuse(boolean malformed, String reason) {
        metrics.tokenRefused(reason);
        audit.tokenRefused(reason, clientAddresses.of(request), request.getRequestURI());
        return new Outcome.Refused(malformed);
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
