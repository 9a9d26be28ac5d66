package dev.oauth2jwt.token.control;

import dev.oauth2jwt.security.control.AuditLog;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.token.entity.IssuedToken;
import dev.oauth2jwt.users.control.UserBean;
import dev.oauth2jwt.users.control.UserBean.Login;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Locale;

/** The login flow of {@code POST /token}: throttle, authenticate, count, audit, issue. */
@ApplicationScoped
public class PasswordLogin {

    /** What the client is told. */
    public sealed interface Result {
        record Granted(IssuedToken token) implements Result {
        }

        record Refused() implements Result {
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
    AuditLog audit;

    public Result login(String username, String password, String clientAddress) {
        long wait = throttle.retryAfterSeconds(username, clientAddress);
        if (wait > 0) {
            audit.login("throttled", username, clientAddress, "retry after " + wait + " s");
            return new Result.Throttled(wait);
        }
        Login login = users.authenticate(username, password);
        if (login.user().isEmpty()) {
            throttle.recordFailure(username, clientAddress);
            audit.login("failure", username, clientAddress, login.outcome().name().toLowerCase(Locale.ROOT).replace('_', ' '));
            return new Result.Refused();
        }
        throttle.recordSuccess(username);
        audit.login("success", username, clientAddress, null);
        return new Result.Granted(issuer.issue(login.user().get().username()));
    }
}
