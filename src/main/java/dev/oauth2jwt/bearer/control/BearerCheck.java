package dev.oauth2jwt.bearer.control;

import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Metrics;
import dev.oauth2jwt.sessions.control.SessionCheck;
import dev.oauth2jwt.tokens.control.InvalidTokenException;
import dev.oauth2jwt.tokens.control.RememberedTokens;
import dev.oauth2jwt.tokens.control.TokenSettings;
import dev.oauth2jwt.tokens.control.TokenVerifier;

import dev.oauth2jwt.bearer.entity.Caller;
import dev.oauth2jwt.tokens.entity.VerifiedToken;
import dev.oauth2jwt.clients.control.ClientStore;
import dev.oauth2jwt.clients.entity.Client;
import dev.oauth2jwt.users.control.UserStore;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The token check, as FastAPI's {@code OAuth2PasswordBearer} + {@code get_current_user} +
 * {@code get_current_active_user} of the scopes chapter: turns an {@code Authorization} header
 * into an admitted caller or the reason it is not one. Reads the bearer token, verifies it, loads
 * the user it names, refuses it if revoked (its login session ended, or issued before the
 * account's last revocation), checks the scopes the resource needs, then that the user is active.
 * Refusals are counted and audited here; the boundary translates the outcome to HTTP
 * ({@code BearerAnswers}) and installs the admitted caller.
 */
@ApplicationScoped
public class BearerCheck {

    /**
     * What a resource needs: all of these scopes, an active user unless {@code inactiveAllowed}, and a
     * user unless {@code clientsAllowed} (a client's own token, for gateways and other services).
     */
    public record Requirement(List<String> scopes, boolean inactiveAllowed, boolean clientsAllowed) {

        /** What our own resources need: a user. */
        public Requirement(List<String> scopes, boolean inactiveAllowed) {
            this(scopes, inactiveAllowed, false);
        }
    }

    /** Whom a token stands for, or why it stands for nobody. */
    public sealed interface Resolution {
        record Resolved(Caller caller) implements Resolution {
        }

        record Invalid(String reason) implements Resolution {
        }
    }

    /** Where a request came from, for the audit of a refused token: the client's address and the path asked for. */
    public record Origin(String address, String path) {
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
    ClientStore clients;

    @Inject
    SessionCheck sessions;

    @Inject
    AuditLog audit;

    @Inject
    Metrics metrics;

    /** With {@code ACCESS_TOKEN_SUBJECT=id} a user's token names the account by its subject identifier, not its username. */
    @Inject
    TokenSettings settings;

    /**
     * Checks the {@code Authorization} header against what the resource requires; a refusal is
     * audited with where the request came from, asked only then.
     */
    public Outcome check(String authorization, Requirement requirement, Supplier<Origin> origin) {
        long started = System.nanoTime();
        try {
            return decide(authorization, requirement, origin);
        } finally {
            metrics.tokenChecked(System.nanoTime() - started);
        }
    }

    private Outcome decide(String authorization, Requirement requirement, Supplier<Origin> origin) {
        String token = bearerToken(authorization);
        if (token == null) {
            return new Outcome.NotAuthenticated();
        }
        if (!isB64Token(token) || token.length() > TokenVerifier.MAX_TOKEN_CHARS) {
            return refuse(origin, true, token.isEmpty() ? "empty bearer token"
                    : token.length() > TokenVerifier.MAX_TOKEN_CHARS ? "token longer than " + TokenVerifier.MAX_TOKEN_CHARS
                    + " characters" : "token has characters a bearer token cannot have");
        }
        Resolution resolution = resolve(token);
        if (resolution instanceof Resolution.Invalid invalid) {
            return refuse(origin, false, invalid.reason());
        }
        Caller caller = ((Resolution.Resolved) resolution).caller();
        if (caller.isClient() && !requirement.clientsAllowed()) {
            return refuse(origin, false, "a client's own token, where a user's is needed");
        }
        for (String scope : requirement.scopes()) {
            if (!caller.hasScope(scope)) {
                return new Outcome.MissingScope();
            }
        }
        if (caller.inactive() && !requirement.inactiveAllowed()) {
            return new Outcome.InactiveUser();
        }
        return new Outcome.Admitted(caller);
    }

    /**
     * The caller a token stands for: verified, naming an existing user (or, for a client's own
     * token, an existing client), and not revoked. Nothing counted or audited: introspection asks
     * this of tokens that may well be revoked.
     */
    public Resolution resolve(String token) {
        VerifiedToken verified;
        try {
            verified = tokens.verify(token);
        } catch (InvalidTokenException e) {
            return new Resolution.Invalid(e.getMessage());
        }
        if (verified.forClient()) {
            Optional<Client> client = clients.findForTokenCheck(verified.subject());
            if (client.isEmpty()) {
                return new Resolution.Invalid("the subject is no client");
            }
            if (!client.get().tokenStamp().equals(verified.sessionId())) {
                return new Resolution.Invalid("revoked: issued before the client's secret was replaced");
            }
            return new Resolution.Resolved(Caller.ofClient(verified, client.get()));
        }
        Optional<User> user = settings.subjectIsId() ? users.findForTokenCheckBySubject(verified.subject())
                : users.findForTokenCheck(verified.subject());
        if (user.isEmpty()) {
            return new Resolution.Invalid("the subject is no user");
        }
        Optional<String> revocation = sessions.revocation(verified, user.get());
        if (revocation.isPresent() && sessions.startedRecently(verified)) {
            // the account cached up to a second ago may predate this login: a change made meanwhile on another
            // instance gave the login a stamp the cached account does not have yet
            user = settings.subjectIsId() ? users.rereadForTokenCheckBySubject(verified.subject()) : users.rereadForTokenCheck(verified.subject());
            if (user.isEmpty()) {
                return new Resolution.Invalid("the subject is no user");
            }
            revocation = sessions.revocation(verified, user.get());
        }
        if (revocation.isPresent()) {
            return new Resolution.Invalid(revocation.get());
        }
        return new Resolution.Resolved(new Caller(verified, user.get()));
    }

    private Outcome refuse(Supplier<Origin> origin, boolean malformed, String reason) {
        metrics.tokenRefused(reason);
        Origin from = origin.get();
        audit.tokenRefused(reason, from.address(), from.path());
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
