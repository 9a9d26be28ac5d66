package dev.oauth2jwt.signin.control;

import dev.oauth2jwt.monitoring.AuditLog;
import dev.oauth2jwt.monitoring.Outcome;
import dev.oauth2jwt.throttling.control.LoginThrottle;
import dev.oauth2jwt.throttling.control.LoginThrottle.Attempt;
import dev.oauth2jwt.users.control.HashingCapacity;
import dev.oauth2jwt.users.control.UserBean;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * A user changing their own password. The current password is checked like a login, throttled
 * and counted, so a stolen access token cannot be used to guess it; success revokes every token.
 */
@ApplicationScoped
public class PasswordChange {

    public sealed interface Result {
        record Changed() implements Result {
        }

        record WrongPassword() implements Result {
        }

        record Throttled(long retryAfterSeconds) implements Result {
        }

        /** A directory account: its password is changed in the directory. */
        record DirectoryAccount() implements Result {
        }
    }

    @Inject
    LoginThrottle throttle;

    @Inject
    UserBean users;

    @Inject
    AuditLog audit;

    @Inject
    HashingCapacity capacity;

    public Result change(String username, String currentPassword, String newPassword, String clientAddress) {
        LoginThrottle.Verdict verdict = throttle.admit(Attempt.PASSWORD_CHANGE, username, clientAddress);
        if (verdict.refused()) {
            return new Result.Throttled(verdict.retryAfterSeconds());
        }
        if (users.fromDirectory(username)) {
            return new Result.DirectoryAccount();
        }
        if (!capacity.run(() -> users.changePassword(username, currentPassword, newPassword))) {
            throttle.failed(Attempt.PASSWORD_CHANGE, username, clientAddress, "wrong current password");
            return new Result.WrongPassword();
        }
        throttle.succeeded(Attempt.PASSWORD_CHANGE, username, clientAddress);
        audit.login(Outcome.PASSWORD_CHANGED, username, clientAddress, null);
        return new Result.Changed();
    }
}
