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
        record Granted(IssuedToken accessToken, String refreshToken, long slowdownMillis) implements Result {
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

    private Result throttled(String username, String clientAddress, LoginThrottle.Verdict verdict, String what) {
        audit.loginThrottled(username, clientAddress, what + "retry after " + verdict.retryAfterSeconds() + " s");
        return new Result.Throttled(verdict.retryAfterSeconds());
    }

    private Result loginNow(String username, String password, String requestedScope, String clientAddress) {
        // Again inside: the failures of logins that ran while this one waited count too.
        LoginThrottle.Verdict verdict = throttle.check(username, clientAddress);
        if (verdict.refused()) {
            return throttled(username, clientAddress, verdict, "");
        }
        Login login = users.authenticate(username, password);
        if (login.user().isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            audit.login("failure", username, clientAddress, login.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return new Result.Refused(verdict.slowdownMillis());
        }
        User user = login.user().get();
        Set<String> scopes = Scope.granted(requestedScope, user.scopes());
        Optional<RefreshTokens.Started> session = refreshTokens.start(user, scopes);
        if (session.isEmpty()) {
            // the password was checked against a state that a revocation or delete has since ended
            audit.login("failure", username, clientAddress, "account revoked or deleted during the login");
            return new Result.Refused(verdict.slowdownMillis());
        }
        throttle.recordSuccess(username, clientAddress);
        audit.login("success", username, clientAddress, null);
        return new Result.Granted(issuer.issue(user, scopes, session.get().sessionId()), session.get().refreshToken(),
                verdict.slowdownMillis());
    }

    /**
     * The refresh grant: a new access token and a new refresh token, or refused ({@code invalid_grant}).
     * Refused refresh tokens count against the client's address like failed logins.
     */
    public Result refresh(String refreshToken, String requestedScope, String clientAddress) {
        LoginThrottle.Verdict verdict = throttle.check(null, clientAddress);
        if (verdict.refused()) {
            return throttled(null, clientAddress, verdict, "refresh token, ");
        }
        RefreshTokens.Exchange exchange = refreshTokens.rotate(refreshToken, requestedScope);
        if (exchange instanceof RefreshTokens.Exchange.Granted granted) {
            audit.login("refreshed", granted.user().username(), clientAddress, null);
            return new Result.Granted(issuer.issue(granted.user(), granted.scopes(), granted.sessionId()),
                    granted.refreshToken(), 0);
        }
        throttle.recordFailure(null, clientAddress);
        audit.login("refresh refused", null, clientAddress, ((RefreshTokens.Exchange.Refused) exchange).reason());
        return new Result.Refused(0);
    }
}
