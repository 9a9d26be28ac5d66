package dev.oauth2jwt.auth.control;

import dev.oauth2jwt.access.Scope;
import dev.oauth2jwt.auth.entity.IssuedToken;
import dev.oauth2jwt.users.control.HashingCapacity;
import dev.oauth2jwt.users.control.ServerBusyException;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.control.UserBean.Login;
import dev.oauth2jwt.users.entity.User;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The grants of {@code POST /token}: password (throttle, authenticate, count, audit, issue) and refresh. */
@ApplicationScoped
public class PasswordLogin {

    /**
     * What the client is told. A login for a username under attack from elsewhere is answered
     * no sooner than {@code slowdownMillis} after it arrived, whatever its outcome.
     */
    public sealed interface Result {
        /** {@code idToken}: for a refresh of a code's session with {@code openid} (OpenID Connect Core 12.2); else null. */
        record Granted(IssuedToken accessToken, String refreshToken, String idToken, long slowdownMillis) implements Result {
        }

        record Refused(long slowdownMillis) implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    UserBean users;

    @Inject
    TokenIssuer issuer;

    @Inject
    RefreshTokens refreshTokens;

    @Inject
    AuditLog audit;

    @Inject
    HashingCapacity capacity;

    @Inject
    Metrics metrics;

    public Result login(String username, String password, String requestedScope, String clientAddress) {
        long started = System.nanoTime();
        try {
            Result result = throttledOrLogin(username, password, requestedScope, clientAddress);
            metrics.login(outcome(result), System.nanoTime() - started);
            return result;
        } catch (ServerBusyException e) {
            metrics.login("busy", System.nanoTime() - started);
            throw e;
        }
    }

    private static String outcome(Result result) {
        if (result instanceof Result.Granted) {
            return "success";
        }
        return result instanceof Result.Throttled ? "throttled" : "failure";
    }

    private Result throttledOrLogin(String username, String password, String requestedScope, String clientAddress) {
        // A throttled caller is answered before queueing for the hashing capacity it must not use.
        LoginThrottle.Verdict verdict = throttle.check(username, clientAddress);
        if (verdict.refused()) {
            return throttled(username, clientAddress, verdict, "");
        }
        try {
            return capacity.run(() -> loginNow(username, password, requestedScope, clientAddress));
        } catch (ServerBusyException e) {
            audit.loginBusy(username, clientAddress);
            throw e;
        }
    }

    private Result.Throttled throttled(String username, String clientAddress, LoginThrottle.Verdict verdict, String what) {
        audit.loginThrottled(username, clientAddress, what + "retry after " + verdict.retryAfterSeconds() + " s");
        return new Result.Throttled(verdict.retryAfterSeconds());
    }

    private Result loginNow(String username, String password, String requestedScope, String clientAddress) {
        Checked checked = checkPassword(username, password, clientAddress, "");
        if (checked.throttled() != null) {
            return checked.throttled();
        }
        if (checked.user().isEmpty()) {
            return new Result.Refused(checked.verdict().slowdownMillis());
        }
        User user = checked.user().get();
        Set<String> scopes = Scope.granted(requestedScope, user.scopes());
        Optional<RefreshTokens.Started> session = refreshTokens.start(user, scopes);
        if (session.isEmpty()) {
            // the password was checked against a state that a revocation or delete has since ended
            audit.login("failure", username, clientAddress, "account revoked or deleted during the login");
            return new Result.Refused(checked.verdict().slowdownMillis());
        }
        throttle.recordSuccess(username, clientAddress);
        audit.login("success", username, clientAddress, null);
        return new Result.Granted(issuer.issue(user, scopes, session.get().sessionId()), session.get().refreshToken(), null,
                checked.verdict().slowdownMillis());
    }

    /** The throttle asked again inside the hashing slot, then the password: the account, or a counted, audited failure. */
    private record Checked(LoginThrottle.Verdict verdict, Result.Throttled throttled, Optional<User> user) {
    }

    private Checked checkPassword(String username, String password, String clientAddress, String where) {
        // Again inside: the failures of logins that ran while this one waited count too.
        LoginThrottle.Verdict verdict = throttle.check(username, clientAddress);
        if (verdict.refused()) {
            return new Checked(verdict, throttled(username, clientAddress, verdict, where), Optional.empty());
        }
        Login login = users.authenticate(username, password);
        if (login.user().isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            audit.login("failure", username, clientAddress, where + login.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
        }
        return new Checked(verdict, null, login.user());
    }

    /** What the login page is told: the account (its browser login is started by the caller), or why not. */
    public sealed interface SignIn {
        record SignedIn(User user, long slowdownMillis) implements SignIn {
        }

        record Refused(long slowdownMillis) implements SignIn {
        }

        record Throttled(long retryAfterSeconds) implements SignIn {
        }
    }

    /**
     * A login at the login page ({@code /authorize}): the same throttle, hashing capacity, equal work
     * and audit lines as the password grant; no tokens, the caller starts a browser login instead and
     * then calls {@link #signedIn} (or, if that failed, the login counts as refused).
     */
    public SignIn signIn(String username, String password, String clientAddress) {
        long started = System.nanoTime();
        try {
            SignIn result = throttledOrSignIn(username, password, clientAddress);
            metrics.login(result instanceof SignIn.SignedIn ? "success"
                    : result instanceof SignIn.Throttled ? "throttled" : "failure", System.nanoTime() - started);
            return result;
        } catch (ServerBusyException e) {
            metrics.login("busy", System.nanoTime() - started);
            throw e;
        }
    }

    private SignIn throttledOrSignIn(String username, String password, String clientAddress) {
        LoginThrottle.Verdict verdict = throttle.check(username, clientAddress);
        if (verdict.refused()) {
            return new SignIn.Throttled(throttled(username, clientAddress, verdict, "login page, ").retryAfterSeconds());
        }
        try {
            return capacity.run(() -> {
                Checked checked = checkPassword(username, password, clientAddress, "login page, ");
                if (checked.throttled() != null) {
                    return new SignIn.Throttled(checked.throttled().retryAfterSeconds());
                }
                return checked.user().<SignIn>map(user -> new SignIn.SignedIn(user, checked.verdict().slowdownMillis()))
                        .orElseGet(() -> new SignIn.Refused(checked.verdict().slowdownMillis()));
            });
        } catch (ServerBusyException e) {
            audit.loginBusy(username, clientAddress);
            throw e;
        }
    }

    /** The login page's login succeeded and its browser login started (or not: revoked meanwhile). */
    public void signedIn(String username, String clientAddress, boolean sessionStarted) {
        if (sessionStarted) {
            throttle.recordSuccess(username, clientAddress);
            audit.login("success", username, clientAddress, "login page");
        } else {
            audit.login("failure", username, clientAddress, "login page, account revoked or deleted during the login");
        }
    }

    /**
     * The refresh grant: a new access token and a new refresh token, or refused ({@code invalid_grant}).
     * Refused refresh tokens count against the client's address like failed logins.
     */
    public Result refresh(String refreshToken, String requestedScope, String clientAddress) {
        return refresh(refreshToken, requestedScope, clientAddress, null);
    }

    /** As above, presented by this client (null: none): a session an authorization code started is its client's. */
    public Result refresh(String refreshToken, String requestedScope, String clientAddress, String clientId) {
        LoginThrottle.Verdict verdict = throttle.check(null, clientAddress);
        if (verdict.refused()) {
            return throttled(null, clientAddress, verdict, "refresh token, ");
        }
        RefreshTokens.Exchange exchange = refreshTokens.rotate(refreshToken, requestedScope, clientId);
        if (exchange instanceof RefreshTokens.Exchange.Granted granted) {
            audit.login("refreshed", granted.user().username(), clientAddress, null);
            IssuedToken access = issuer.issue(granted.user(), granted.scopes(), granted.sessionId(), clientId);
            // a new ID token as at the login: same sub, aud and auth_time, no nonce (OpenID Connect Core 12.2)
            String idToken = clientId != null && granted.authTime() != null && granted.scopes().contains(Scope.OPENID)
                    && issuer.signsIdTokens()
                    ? issuer.idToken(granted.user(), clientId, new TokenIssuer.IdTokenContent(granted.authTime(), null,
                            UserClaims.released(granted.scopes(), Set.of())), access.token(), granted.scopes())
                    : null;
            return new Result.Granted(access, granted.refreshToken(), idToken, 0);
        }
        throttle.recordFailure(null, clientAddress);
        audit.login("refresh refused", null, clientAddress, ((RefreshTokens.Exchange.Refused) exchange).reason());
        return new Result.Refused(0);
    }
}
